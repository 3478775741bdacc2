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
        return normalised(pixels, Normalisation.MIN_MAX);
    }

    /**
     * {@code pixels} scaled so that the {@code how} percentiles become 0 and 1, values beyond them
     * clipped; non-finite values are rejected. A frame with no contrast at all becomes zeros.
     */
    public static float[] normalised(double[] pixels, Normalisation how) {
        for (double v : pixels) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("Frame has a non-finite pixel (" + v + "): the U-Net needs finite values");
            }
        }
        double[] range = how.range(pixels);
        double min = range[0];
        double span = range[1] - range[0];
        float[] out = new float[pixels.length];
        if (span > 0) {
            for (int i = 0; i < pixels.length; i++) {
                out[i] = (float) Math.min(1, Math.max(0, (pixels[i] - min) / span));
            }
        }
        return out;
    }

    /**
     * How a frame's intensities are mapped to [0, 1]: the {@code low} and {@code high} percentiles
     * become 0 and 1 and what lies beyond is clipped. {@link #MIN_MAX} (0, 100) is AtomAI's
     * {@code norm}; {@link #ROBUST} (0.1, 99.9) ignores the few hot or dead pixels and the stray
     * bright contamination of real frames, which would otherwise squeeze the lattice's contrast into
     * a small part of the range. Training and inference must use the same one (the model card says
     * which).
     *
     * @param low  lower percentile, 0 to 50
     * @param high upper percentile, 50 to 100
     */
    public record Normalisation(double low, double high) {

        /** The whole range: AtomAI's min-max. */
        public static final Normalisation MIN_MAX = new Normalisation(0, 100);
        /** The 0.1st to 99.9th percentiles. */
        public static final Normalisation ROBUST = new Normalisation(0.1, 99.9);
        /** Pixels sampled for the percentiles: enough for 0.1% steps, cheap on big frames. */
        private static final int SAMPLE = 1 << 16;

        public Normalisation {
            if (!(low >= 0 && low < 50 && high > 50 && high <= 100)) {
                throw new IllegalArgumentException("Normalisation percentiles must be in [0, 50) and (50, 100]: " + low + ", " + high);
            }
        }

        /** "min-max", "percentile" (the robust 0.1-99.9) or "percentile LOW HIGH". */
        public static Normalisation parse(String text) {
            String[] parts = text.trim().split("\\s+");
            if (parts.length == 1 && parts[0].equals("min-max")) {
                return MIN_MAX;
            }
            if (parts[0].equals("percentile") && parts.length == 1) {
                return ROBUST;
            }
            if (parts[0].equals("percentile") && parts.length == 3) {
                return new Normalisation(Double.parseDouble(parts[1]), Double.parseDouble(parts[2]));
            }
            throw new IllegalArgumentException("input_normalisation must be \"min-max\", \"percentile\" or \"percentile LOW HIGH\": " + text);
        }

        /** The form {@link #parse} reads. */
        public String text() {
            return equals(MIN_MAX) ? "min-max" : equals(ROBUST) ? "percentile" : "percentile " + low + " " + high;
        }

        /** The values that become 0 and 1. */
        double[] range(double[] pixels) {
            if (low == 0 && high == 100) {
                double min = Double.POSITIVE_INFINITY;
                double max = Double.NEGATIVE_INFINITY;
                for (double v : pixels) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
                return new double[] {min, max};
            }
            // an evenly strided sample: percentiles of a 512² frame to well within 0.1%
            int step = Math.max(1, pixels.length / SAMPLE);
            double[] s = new double[(pixels.length + step - 1) / step];
            for (int i = 0, k = 0; k < s.length; i += step, k++) {
                s[k] = pixels[i];
            }
            java.util.Arrays.sort(s);
            return new double[] {at(s, low), at(s, high)};
        }

        private static double at(double[] sorted, double percentile) {
            double x = percentile / 100 * (sorted.length - 1);
            int i = (int) Math.floor(x);
            int j = Math.min(sorted.length - 1, i + 1);
            return sorted[i] + (x - i) * (sorted[j] - sorted[i]);
        }
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
