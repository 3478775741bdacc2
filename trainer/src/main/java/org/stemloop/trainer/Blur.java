package org.stemloop.trainer;

/**
 * A separable Gaussian blur of a square image with mirrored borders, for the training frames'
 * probe tails and textures (not a general image filter: the compute core has its own).
 */
final class Blur {

    private Blur() {
    }

    /** {@code image} ({@code size x size}) blurred with a Gaussian of {@code sigma} pixels; a new array. */
    static double[] gaussian(double[] image, int size, double sigma) {
        int radius = Math.max(1, (int) Math.ceil(3 * sigma));
        double[] k = new double[2 * radius + 1];
        double sum = 0;
        for (int i = -radius; i <= radius; i++) {
            k[i + radius] = Math.exp(-0.5 * i * i / (sigma * sigma));
            sum += k[i + radius];
        }
        for (int i = 0; i < k.length; i++) {
            k[i] /= sum;
        }
        double[] across = new double[image.length];
        double[] out = new double[image.length];
        for (int r = 0; r < size; r++) {
            for (int c = 0; c < size; c++) {
                double v = 0;
                for (int j = -radius; j <= radius; j++) {
                    v += k[j + radius] * image[r * size + mirror(c + j, size)];
                }
                across[r * size + c] = v;
            }
        }
        for (int r = 0; r < size; r++) {
            for (int c = 0; c < size; c++) {
                double v = 0;
                for (int j = -radius; j <= radius; j++) {
                    v += k[j + radius] * across[mirror(r + j, size) * size + c];
                }
                out[r * size + c] = v;
            }
        }
        return out;
    }

    private static int mirror(int i, int n) {
        int period = 2 * n;
        int m = Math.floorMod(i, period);
        return m < n ? m : period - 1 - m;
    }
}
