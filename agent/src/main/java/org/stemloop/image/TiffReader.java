package org.stemloop.image;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.plugins.tiff.TIFFDirectory;
import javax.imageio.plugins.tiff.TIFFField;
import javax.imageio.plugins.tiff.TIFFImageReadParam;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * TIFF through the JDK's ImageIO plugin, with every page of a multi-page file as a frame of a stack
 * (all pages must share one size) and the pixel size from the tags that microscopy software writes
 * ({@link TiffCalibration}: ImageJ, OME-TIFF, FEI/ThermoFisher).
 *
 * <p>Pages are decoded up front, so a stack is limited to {@link #MAX_STACK_PIXELS} pixels in all,
 * checked from the page sizes before any page is decoded.
 */
final class TiffReader {

    /** All pages together: 2^28 pixels, as for one NPY frame. */
    static final long MAX_STACK_PIXELS = NpyCodec.MAX_PIXELS;
    /** TIFF tags read for the calibration. */
    private static final int IMAGE_DESCRIPTION = 270;
    private static final int X_RESOLUTION = 282;
    private static final int Y_RESOLUTION = 283;
    private static final int FEI_SFEG = 34680;
    private static final int FEI_HELIOS = 34682;

    private TiffReader() {
    }

    static ImageFile read(byte[] bytes, String source) throws ImageFormatException {
        return read(bytes, source, MAX_STACK_PIXELS);
    }

    /** As {@link #read(byte[], String)}, refusing more than {@code maxPixels} pixels in all before decoding. */
    static ImageFile read(byte[] bytes, String source, long maxPixels) throws ImageFormatException {
        int pages = withReader(bytes, source, reader -> pages(reader, source, Math.min(maxPixels, MAX_STACK_PIXELS)));
        // a second reader: the first IFD must be parsed with the parameter that keeps the private FEI tags
        // (34680, 34682), and ImageIO caches it from the first look (the page sizes above)
        return withReader(bytes, source, reader -> {
            TIFFImageReadParam param = new TIFFImageReadParam();
            param.setReadUnknownTags(true);
            IIOImage first = reader.readAll(0, param);
            TiffCalibration.Result calibration = calibration(first.getMetadata());
            List<LoadedImage> frames = new ArrayList<>();
            for (int p = 0; p < pages; p++) {
                BufferedImage image = p == 0 ? (BufferedImage) first.getRenderedImage() : reader.read(p);
                frames.add(RasterConversion.toFrame(image, "TIFF", source));
            }
            return ImageFile.of(source, calibration.format(), frames, calibration.pixelSize(), calibration.highlights());
        });
    }

    /** The number of pages, all of page 0's size and together within {@code limit} pixels. */
    private static int pages(ImageReader reader, String source, long limit) throws IOException, ImageFormatException {
        int pages = reader.getNumImages(true);
        if (pages < 1) {
            throw new ImageFormatException(source, "TIFF without images");
        }
        int width = reader.getWidth(0);
        int height = reader.getHeight(0);
        for (int p = 1; p < pages; p++) {
            if (reader.getWidth(p) != width || reader.getHeight(p) != height) {
                throw new ImageFormatException(source, "TIFF page %d is %d x %d, page 0 is %d x %d: not a stack"
                        .formatted(p, reader.getHeight(p), reader.getWidth(p), height, width));
            }
        }
        if ((long) width * height * pages > limit) {
            throw new ImageTooLargeException(source, "TIFF too large: %d page%s of %d x %d (at most %d pixels in all)"
                    .formatted(pages, pages == 1 ? "" : "s", height, width, limit));
        }
        return pages;
    }

    /** A step that reads with an ImageIO TIFF reader. */
    private interface Step<T> {
        T apply(ImageReader reader) throws IOException, ImageFormatException;
    }

    private static <T> T withReader(byte[] bytes, String source, Step<T> step) throws ImageFormatException {
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName("tiff");
        if (!readers.hasNext()) {
            throw new IllegalStateException("this Java runtime has no ImageIO reader for TIFF");
        }
        ImageReader reader = readers.next();
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            reader.setInput(in, false, false);
            return step.apply(reader);
        } catch (IOException | RuntimeException e) {
            // ImageIO reports truncation as EOFException, IIOException or IndexOutOfBounds alike.
            throw new ImageFormatException(source, "cannot decode TIFF (truncated or corrupt, %d bytes): %s"
                    .formatted(bytes.length, e.getMessage() != null ? e.getMessage().lines().findFirst().orElse("")
                            : e.getClass().getSimpleName()), e);
        } finally {
            reader.dispose();
        }
    }

    private static TiffCalibration.Result calibration(IIOMetadata metadata) {
        TIFFDirectory dir;
        try {
            dir = TIFFDirectory.createFromMetadata(metadata);
        } catch (javax.imageio.metadata.IIOInvalidTreeException e) {
            return TiffCalibration.Result.NONE;
        }
        return TiffCalibration.parse(text(dir, IMAGE_DESCRIPTION), rational(dir, X_RESOLUTION), rational(dir, Y_RESOLUTION),
                text(dir, FEI_HELIOS) + text(dir, FEI_SFEG));
    }

    private static String text(TIFFDirectory dir, int tag) {
        TIFFField f = dir.getTIFFField(tag);
        if (f == null || f.getCount() == 0) {
            return "";
        }
        if (f.getType() == TIFFField.getTypeByName("Ascii")) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < f.getCount(); i++) {
                sb.append(f.getAsString(i));
            }
            return sb.toString();
        }
        if (f.getType() == TIFFField.getTypeByName("Byte") || f.getType() == TIFFField.getTypeByName("Undefined")) {
            byte[] raw = f.getAsBytes();
            return new String(raw, java.nio.charset.StandardCharsets.UTF_8);
        }
        return "";
    }

    private static double rational(TIFFDirectory dir, int tag) {
        TIFFField f = dir.getTIFFField(tag);
        return f == null || f.getCount() == 0 ? Double.NaN : f.getAsDouble(0);
    }
}
