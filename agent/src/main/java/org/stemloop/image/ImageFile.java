package org.stemloop.image;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * An image file as opened: one image or a stack of frames, with what the file says about it. Frames
 * are converted on demand ({@link #frame}), so opening a stack costs its bytes, not its pixels.
 *
 * <p>{@link #shape()} is frames first for stacks ({@code [frames, rows, columns]}), {@code [rows,
 * columns]} for one image; {@link #meanStored()} is over every stored value before scaling, as
 * numpy's {@code data.mean()} of the file's array.
 */
public final class ImageFile {

    private final String source;
    private final String format;
    private final String dtype;
    private final int[] shape;
    private final PixelSize pixelSize;
    private final Map<String, String> highlights;
    private final StoredArray stored;
    private final List<LoadedImage> decoded;

    private ImageFile(String source, String format, String dtype, int[] shape, PixelSize pixelSize,
            Map<String, String> highlights, StoredArray stored, List<LoadedImage> decoded) {
        this.source = source;
        this.format = format;
        this.dtype = dtype;
        this.shape = shape;
        this.pixelSize = pixelSize;
        this.highlights = Collections.unmodifiableMap(new LinkedHashMap<>(highlights));
        this.stored = stored;
        this.decoded = decoded;
    }

    /** A file whose pixels stay stored until a frame is asked for. */
    static ImageFile of(String source, String format, StoredArray stored, PixelSize pixelSize,
            Map<String, String> highlights) {
        int[] shape = stored.frames() > 1 ? new int[] {stored.frames(), stored.rows(), stored.columns()}
                : new int[] {stored.rows(), stored.columns()};
        return new ImageFile(source, format, stored.type().numpyName(), shape, pixelSize, highlights, stored, null);
    }

    /** Frames already converted by a reader that decodes whole images (NPY, PNG, TIFF, EMD), all one size. */
    static ImageFile of(String source, String format, List<LoadedImage> frames, PixelSize pixelSize,
            Map<String, String> highlights) {
        Frame f = frames.get(0).frame();
        int[] shape = frames.size() > 1 ? new int[] {frames.size(), f.height(), f.width()} : new int[] {f.height(), f.width()};
        return new ImageFile(source, format, frames.get(0).sourceType(), shape, pixelSize, highlights, null,
                List.copyOf(frames));
    }

    /** Names the file in messages. */
    public String source() {
        return source;
    }

    /** The file format, e.g. {@code Gatan DM4}, {@code FEI TIA SER}. */
    public String format() {
        return format;
    }

    /** The stored element type in numpy's words ({@code uint16}, {@code float32}), with notes for colour images. */
    public String dtype() {
        return dtype;
    }

    /** Frames first for stacks, then rows and columns. */
    public int[] shape() {
        return shape.clone();
    }

    /** Number of frames (1 for an image). */
    public int frames() {
        return stored != null ? stored.frames() : decoded.size();
    }

    /** Per-axis pixel size in ångström, NaN where the file does not say. */
    public PixelSize pixelSize() {
        return pixelSize;
    }

    /** Metadata a person looks for first (voltage, detector, date, title), in that order, where present. */
    public Map<String, String> highlights() {
        return highlights;
    }

    /** The mean of every stored value before scaling. */
    public double meanStored() {
        if (stored != null) {
            return stored.meanStored();
        }
        double sum = 0;
        long count = 0;
        for (LoadedImage image : decoded) {
            for (double v : image.frame().pixels()) {
                sum += v;
            }
            count += image.frame().size();
        }
        // the readers kept only scaled values: scaling back is exact up to rounding for integers
        SampleType type = SampleType.ofName(dtype.split(" ")[0]);
        double mean = sum / count;
        return type == null ? mean : type.unscaled(mean);
    }

    /**
     * Frame {@code k} (0-based) as stored: integers scaled like {@code img_as_float}, calibrated when
     * its pixels are square, uncalibrated otherwise (see {@link #squareFrame}).
     */
    public Frame frame(int k) throws ImageFormatException {
        if (k < 0 || k >= frames()) {
            throw new ImageFormatException(source, "no frame %d: the file holds %d frame%s (0 to %d)"
                    .formatted(k, frames(), frames() == 1 ? "" : "s", frames() - 1));
        }
        Frame f = stored != null ? stored.frame(k) : decoded.get(k).frame();
        double size = pixelSize.squareSize();
        return Double.isNaN(size) ? f : f.withPixelSize(size);
    }

    /**
     * Frame {@code k} with square pixels: non-square pixels are resampled to the finer of the two sizes
     * ({@link SquarePixels}) and {@code notices} is told so in one line; a frame with only one axis
     * calibrated is left uncalibrated, also with a notice.
     */
    public Frame squareFrame(int k, Consumer<String> notices) throws ImageFormatException {
        Frame f = frame(k);
        if (pixelSize.isSquare()) {
            return f;
        }
        if (!pixelSize.known()) {
            notices.accept("%s: only one axis is calibrated (%s): the pixel size is left unknown"
                    .formatted(source, describe(pixelSize)));
            return f;
        }
        Frame square = SquarePixels.resample(f, pixelSize, source);
        notices.accept("%s: non-square pixels (%s) resampled to %.4g A square: %d x %d -> %d x %d"
                .formatted(source, describe(pixelSize), square.pixelSizeAngstrom().getAsDouble(), f.height(), f.width(),
                        square.height(), square.width()));
        return square;
    }

    /** As {@link LoadedImage}: frame 0 (not resampled) with the format and stored type. */
    public LoadedImage firstFrame() throws ImageFormatException {
        return new LoadedImage(frame(0), format, dtype);
    }

    static String describe(PixelSize p) {
        return String.format(Locale.ROOT, "rows %s, columns %s", angstrom(p.row()), angstrom(p.column()));
    }

    private static String angstrom(double v) {
        return Double.isNaN(v) ? "unknown" : String.format(Locale.ROOT, "%.4g A", v);
    }

    @Override
    public String toString() {
        return "ImageFile[%s, %s %s %s, %s]".formatted(source, format, dtype, Arrays.toString(shape), describe(pixelSize));
    }
}
