package org.stemloop.unet;

import org.stemloop.image.Frame;

/**
 * What a frame becomes before a stemloop U-Net sees it, in one place so that training and
 * inference agree: min-max normalised to [0, 1] (AtomAI's {@code norm}), float32, and padded by
 * reflection to multiples of {@value #MULTIPLE} pixels (three 2x2 poolings).
 *
 * <p>A frame with no contrast at all becomes zeros, like the simulator's normalisation.
 */
public final class UnetInput {

    /** Height and width a U-Net input must be a multiple of. */
    public static final int MULTIPLE = 8;

    private UnetInput() {
    }

    /** The frame's pixels min-max normalised to [0, 1], row-major float32. */
    public static float[] normalised(Frame frame) {
        return normalised(frame.pixels());
    }

    /** {@code pixels} min-max normalised to [0, 1] as float32; non-finite values are rejected. */
    public static float[] normalised(double[] pixels) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : pixels) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("Frame has a non-finite pixel (" + v + "): the U-Net needs finite values");
            }
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        double span = max - min;
        float[] out = new float[pixels.length];
        if (span > 0) {
            for (int i = 0; i < pixels.length; i++) {
                out[i] = (float) ((pixels[i] - min) / span);
            }
        }
        return out;
    }

    /** {@code n} rounded up to a multiple of {@value #MULTIPLE}. */
    public static int padded(int n) {
        return (n + MULTIPLE - 1) / MULTIPLE * MULTIPLE;
    }

    /**
     * {@code image} ({@code height x width}) padded at the bottom and right to
     * {@code padHeight x padWidth} by mirror reflection (scikit-image's "reflect": d c b | a b c d,
     * the edge pixel not repeated), so no artificial edge appears for the network to see.
     */
    public static float[] reflectPad(float[] image, int height, int width, int padHeight, int padWidth) {
        if (padHeight == height && padWidth == width) {
            return image.clone();
        }
        float[] out = new float[padHeight * padWidth];
        for (int r = 0; r < padHeight; r++) {
            int sr = reflect(r, height);
            for (int c = 0; c < padWidth; c++) {
                out[r * padWidth + c] = image[sr * width + reflect(c, width)];
            }
        }
        return out;
    }

    /** The top-left {@code height x width} of a {@code padWidth}-wide image. */
    public static float[] crop(float[] padded, int padWidth, int height, int width) {
        float[] out = new float[height * width];
        for (int r = 0; r < height; r++) {
            System.arraycopy(padded, r * padWidth, out, r * width, width);
        }
        return out;
    }

    private static int reflect(int i, int n) {
        if (n == 1) {
            return 0;
        }
        int period = 2 * (n - 1);
        int m = i % period;
        return m < n ? m : period - m;
    }
}
