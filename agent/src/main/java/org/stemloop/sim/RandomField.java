package org.stemloop.sim;

import java.util.SplittableRandom;

/**
 * Smooth Gaussian random fields for backgrounds, texture and thickness: white noise blurred by a
 * Gaussian of the correlation length, scaled to zero mean and unit standard deviation over the
 * frame. Long lengths are blurred on a coarse grid (a third of the length per cell) and
 * interpolated bilinearly, which the blur has made smooth, so the cost stays about linear in
 * pixels whatever the length.
 */
final class RandomField {

    private RandomField() {
    }

    /** A {@code height x width} field, row-major, correlation length {@code lengthPixels} (> 0). */
    static double[] smooth(int height, int width, double lengthPixels, SplittableRandom rng) {
        int stride = Math.max(1, (int) (lengthPixels / 3));
        double sigma = lengthPixels / stride;
        int radius = (int) Math.ceil(3 * sigma);
        int gh = height / stride + 2;
        int gw = width / stride + 2;
        int ph = gh + 2 * radius;
        int pw = gw + 2 * radius;
        double[] noise = new double[ph * pw];
        for (int i = 0; i < noise.length; i++) {
            noise[i] = rng.nextGaussian();
        }
        double[] kernel = new double[2 * radius + 1];
        for (int k = -radius; k <= radius; k++) {
            kernel[k + radius] = Math.exp(-k * k / (2 * sigma * sigma));
        }
        double[] rows = new double[ph * gw];
        for (int r = 0; r < ph; r++) {
            for (int c = 0; c < gw; c++) {
                double s = 0;
                for (int k = 0; k < kernel.length; k++) {
                    s += kernel[k] * noise[r * pw + c + k];
                }
                rows[r * gw + c] = s;
            }
        }
        double[] grid = new double[gh * gw];
        for (int r = 0; r < gh; r++) {
            for (int c = 0; c < gw; c++) {
                double s = 0;
                for (int k = 0; k < kernel.length; k++) {
                    s += kernel[k] * rows[(r + k) * gw + c];
                }
                grid[r * gw + c] = s;
            }
        }
        return standardise(upsample(grid, gh, gw, stride, height, width));
    }

    private static double[] upsample(double[] grid, int gh, int gw, int stride, int height, int width) {
        double[] out = new double[height * width];
        for (int r = 0; r < height; r++) {
            double gr = (double) r / stride;
            int r0 = (int) gr;
            double fr = gr - r0;
            for (int c = 0; c < width; c++) {
                double gc = (double) c / stride;
                int c0 = (int) gc;
                double fc = gc - c0;
                double top = grid[r0 * gw + c0] * (1 - fc) + grid[r0 * gw + c0 + 1] * fc;
                double bottom = grid[(r0 + 1) * gw + c0] * (1 - fc) + grid[(r0 + 1) * gw + c0 + 1] * fc;
                out[r * width + c] = top * (1 - fr) + bottom * fr;
            }
        }
        return out;
    }

    private static double[] standardise(double[] field) {
        double mean = 0;
        for (double v : field) {
            mean += v;
        }
        mean /= field.length;
        double var = 0;
        for (double v : field) {
            var += (v - mean) * (v - mean);
        }
        double sd = Math.sqrt(var / field.length);
        for (int i = 0; i < field.length; i++) {
            field[i] = sd > 0 ? (field[i] - mean) / sd : 0;
        }
        return field;
    }
}
