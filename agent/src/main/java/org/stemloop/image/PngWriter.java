package org.stemloop.image;

import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Writes a frame as a grayscale PNG, for people (quick looks, reports) or for other programs.
 *
 * <p>{@link Scaling#MIN_MAX} stretches the frame's finite range to black..white (NaN black); this is
 * for display and loses the absolute values. {@link Scaling#UNIT} writes {@code round(v * imax)} of
 * values clipped to [0, 1]: the inverse of {@code img_as_float}, so an 8 or 16-bit image read by
 * {@link ImageReaders} and written back at the same depth is unchanged.
 */
public final class PngWriter {

    /** Bits per gray sample. */
    public enum BitDepth {
        /** 256 levels: smallest files, enough for the eye. */
        EIGHT,
        /** 65536 levels: keeps the precision of 16-bit detector data. */
        SIXTEEN
    }

    /** How values map to gray levels. */
    public enum Scaling {
        /** The finite min shows black and the max white. */
        MIN_MAX,
        /** 0 shows black and 1 white, values outside clipped (for [0, 1] data). */
        UNIT
    }

    private PngWriter() {
    }

    /** Writes an 8-bit PNG, min-max scaled: the everyday display image. */
    public static void write(Frame frame, Path file) throws IOException {
        write(frame, file, BitDepth.EIGHT, Scaling.MIN_MAX);
    }

    /** Writes a grayscale PNG of the given depth and scaling, replacing {@code file} if present. */
    public static void write(Frame frame, Path file, BitDepth depth, Scaling scaling) throws IOException {
        BufferedImage image = render(frame, depth, scaling);
        if (!ImageIO.write(image, "png", file.toFile())) {
            throw new IllegalStateException("this Java runtime has no PNG writer");
        }
    }

    /** The 8-bit min-max PNG of {@link #write(Frame, Path)} as bytes, e.g. for an HTTP response. */
    public static byte[] encode(Frame frame) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(frame.size() / 2 + 1024);
        try {
            if (!ImageIO.write(render(frame, BitDepth.EIGHT, Scaling.MIN_MAX), "png", out)) {
                throw new IllegalStateException("this Java runtime has no PNG writer");
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The gray image that {@link #write} saves. */
    static BufferedImage render(Frame frame, BitDepth depth, Scaling scaling) {
        DisplayScaling range = scaling == Scaling.MIN_MAX ? DisplayScaling.minMax(frame) : new DisplayScaling(0, 1);
        int max = depth == BitDepth.EIGHT ? 255 : 65535;
        BufferedImage image = new BufferedImage(frame.width(), frame.height(),
                depth == BitDepth.EIGHT ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_USHORT_GRAY);
        WritableRaster raster = image.getRaster();
        double[] pixels = frame.pixels();
        for (int r = 0; r < frame.height(); r++) {
            for (int c = 0; c < frame.width(); c++) {
                raster.setSample(c, r, 0, (int) Math.round(range.unit(pixels[r * frame.width() + c]) * max));
            }
        }
        return image;
    }
}
