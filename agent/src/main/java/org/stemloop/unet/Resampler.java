package org.stemloop.unet;

/**
 * Resizes an image to another pixel size with a separable, anti-aliased linear (triangle) filter,
 * and maps positions between the two pixel grids.
 *
 * <p>Up-sampling is plain bilinear interpolation. Down-sampling widens the triangle to the output
 * pixel's footprint in input pixels, so every input pixel contributes (area-like averaging) and
 * the shot noise of a fine-pixelled frame is averaged rather than aliased into the coarser one, as
 * a microscope recording at the coarser pixel would have done. This is the scheme of Pillow's
 * {@code BILINEAR} resize with its support scaled by the reduction factor.
 *
 * <p>Coordinates follow the pixel-centre convention: pixel {@code i} covers {@code [i, i + 1)} and
 * its centre is {@code i + 0.5}; so a position {@code x'} in the resized grid is
 * {@code (x' + 0.5) * scale - 0.5} in the original one, where {@code scale = inSize / outSize}.
 *
 * @apiNote O(H W (k_r + k_c)) for kernel widths k of about {@code 2 max(scale, 1)} pixels:
 *          a few ms for 512². Stateless and thread-safe.
 */
public final class Resampler {

    private Resampler() {
    }

    /**
     * {@code image} ({@code height x width}, row-major) resized to {@code outHeight x outWidth}.
     *
     * @throws IllegalArgumentException when a size is not positive or the array does not match
     */
    public static double[] resize(double[] image, int height, int width, int outHeight, int outWidth) {
        if (height < 1 || width < 1 || outHeight < 1 || outWidth < 1) {
            throw new IllegalArgumentException("Resize needs positive sizes: %d x %d -> %d x %d"
                    .formatted(height, width, outHeight, outWidth));
        }
        if (image.length != height * width) {
            throw new IllegalArgumentException("Image of %d x %d needs %d values, got %d"
                    .formatted(height, width, height * width, image.length));
        }
        Kernel cols = Kernel.of(width, outWidth);
        double[] across = new double[height * outWidth];
        for (int r = 0; r < height; r++) {
            cols.apply(image, r * width, 1, across, r * outWidth, 1);
        }
        Kernel rows = Kernel.of(height, outHeight);
        double[] out = new double[outHeight * outWidth];
        for (int c = 0; c < outWidth; c++) {
            rows.apply(across, c, outWidth, out, c, outWidth);
        }
        return out;
    }

    /** The float version of {@link #resize(double[], int, int, int, int)}. */
    public static float[] resize(float[] image, int height, int width, int outHeight, int outWidth) {
        double[] d = new double[image.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = image[i];
        }
        double[] r = resize(d, height, width, outHeight, outWidth);
        float[] out = new float[r.length];
        for (int i = 0; i < r.length; i++) {
            out[i] = (float) r[i];
        }
        return out;
    }

    /**
     * A position in a grid of {@code outSize} pixels mapped into one of {@code inSize} pixels
     * covering the same field of view.
     */
    public static double toInput(double position, int inSize, int outSize) {
        return (position + 0.5) * inSize / outSize - 0.5;
    }

    /** Per-output-pixel weights of one axis, precomputed once and applied to every line. */
    private record Kernel(int[] first, double[][] weights) {

        static Kernel of(int inSize, int outSize) {
            double scale = (double) inSize / outSize;
            // the triangle's half-width in input pixels: one pixel when enlarging, the output pixel's width when reducing
            double support = Math.max(scale, 1);
            int[] first = new int[outSize];
            double[][] weights = new double[outSize][];
            for (int i = 0; i < outSize; i++) {
                double centre = (i + 0.5) * scale;
                int lo = Math.max(0, (int) Math.floor(centre - support));
                int hi = Math.min(inSize - 1, (int) Math.ceil(centre + support));
                double[] w = new double[hi - lo + 1];
                double sum = 0;
                for (int j = lo; j <= hi; j++) {
                    double t = 1 - Math.abs(j + 0.5 - centre) / support;
                    w[j - lo] = Math.max(0, t);
                    sum += w[j - lo];
                }
                if (sum <= 0) {
                    // an output pixel between two input centres at the very edge: take the nearest
                    int nearest = Math.min(inSize - 1, Math.max(0, (int) Math.floor(centre)));
                    lo = nearest;
                    w = new double[] {1};
                    sum = 1;
                }
                for (int k = 0; k < w.length; k++) {
                    w[k] /= sum;
                }
                first[i] = lo;
                weights[i] = w;
            }
            return new Kernel(first, weights);
        }

        void apply(double[] in, int inOffset, int inStride, double[] out, int outOffset, int outStride) {
            for (int i = 0; i < first.length; i++) {
                double[] w = weights[i];
                int j = inOffset + first[i] * inStride;
                double v = 0;
                for (double wk : w) {
                    v += wk * in[j];
                    j += inStride;
                }
                out[outOffset + i * outStride] = v;
            }
        }
    }
}
