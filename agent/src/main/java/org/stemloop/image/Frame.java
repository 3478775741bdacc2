package org.stemloop.image;

import java.util.Arrays;
import java.util.OptionalDouble;

/**
 * One grayscale image frame: row-major intensities as floating point, as scikit-image's
 * {@code img_as_float} would give them, with its optional calibration.
 *
 * <p>Integer images arrive already scaled to [0, 1] (see {@link ImageReaders}); float images keep
 * their values. {@link #precision()} remembers whether the source was 32-bit float, because
 * scikit-image computes in float32 for such images and an exact LoG must do the same.
 *
 * <p>Immutable: the pixel array is copied on the way in and on the way out.
 */
public final class Frame {

    private final int height;
    private final int width;
    private final double[] pixels;
    private final Precision precision;
    private final double pixelSizeAngstrom;

    private Frame(int height, int width, double[] pixels, Precision precision, double pixelSizeAngstrom) {
        if (height <= 0 || width <= 0) {
            throw new IllegalArgumentException("Frame size must be positive: %d x %d".formatted(height, width));
        }
        if ((long) height * width != pixels.length) {
            throw new IllegalArgumentException(
                    "Frame of %d x %d needs %d pixels, got %d".formatted(height, width, (long) height * width, pixels.length));
        }
        if (!Double.isNaN(pixelSizeAngstrom) && !(pixelSizeAngstrom > 0 && Double.isFinite(pixelSizeAngstrom))) {
            throw new IllegalArgumentException("Pixel size must be positive and finite: " + pixelSizeAngstrom);
        }
        this.height = height;
        this.width = width;
        this.pixels = pixels;
        this.precision = precision;
        this.pixelSizeAngstrom = pixelSizeAngstrom;
    }

    /** A float64 frame without calibration; {@code pixels} is row-major and copied. */
    public static Frame of(int height, int width, double[] pixels) {
        return new Frame(height, width, pixels.clone(), Precision.FLOAT64, Double.NaN);
    }

    /**
     * A frame of the given precision. For {@link Precision#FLOAT32} every value must already be
     * representable as a float (it is rounded to one if not).
     */
    public static Frame of(int height, int width, double[] pixels, Precision precision) {
        double[] copy = pixels.clone();
        if (precision == Precision.FLOAT32) {
            for (int i = 0; i < copy.length; i++) {
                copy[i] = (float) copy[i];
            }
        }
        return new Frame(height, width, copy, precision, Double.NaN);
    }

    /** A float32 frame from float samples, row-major. */
    public static Frame ofFloats(int height, int width, float[] pixels) {
        double[] values = new double[pixels.length];
        for (int i = 0; i < values.length; i++) {
            values[i] = pixels[i];
        }
        return new Frame(height, width, values, Precision.FLOAT32, Double.NaN);
    }

    /** This frame with a pixel size in ångström (positive), or without one for {@code NaN}. */
    public Frame withPixelSize(double angstrom) {
        return new Frame(height, width, pixels, precision, angstrom);
    }

    public int height() {
        return height;
    }

    public int width() {
        return width;
    }

    /** Number of pixels, {@code height * width}. */
    public int size() {
        return pixels.length;
    }

    public Precision precision() {
        return precision;
    }

    /** Pixel size in ångström, when the file or the caller gave one. */
    public OptionalDouble pixelSizeAngstrom() {
        return Double.isNaN(pixelSizeAngstrom) ? OptionalDouble.empty() : OptionalDouble.of(pixelSizeAngstrom);
    }

    /** The value at ({@code row}, {@code col}). */
    public double get(int row, int col) {
        if (row < 0 || row >= height || col < 0 || col >= width) {
            throw new IndexOutOfBoundsException("(%d, %d) outside %d x %d".formatted(row, col, height, width));
        }
        return pixels[row * width + col];
    }

    /** A copy of the row-major pixels. */
    public double[] pixels() {
        return pixels.clone();
    }

    /** Smallest and largest value, as {@code {min, max}}. */
    public double[] range() {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : pixels) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        return new double[] {min, max};
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Frame f && f.height == height && f.width == width && f.precision == precision
                && Double.compare(f.pixelSizeAngstrom, pixelSizeAngstrom) == 0 && Arrays.equals(f.pixels, pixels);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * height + width) + Arrays.hashCode(pixels);
    }

    @Override
    public String toString() {
        return "Frame[%d x %d, %s%s]".formatted(height, width, precision,
                Double.isNaN(pixelSizeAngstrom) ? "" : ", %.4g Å/px".formatted(pixelSizeAngstrom));
    }
}
