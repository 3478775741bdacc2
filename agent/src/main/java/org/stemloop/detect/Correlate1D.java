package org.stemloop.detect;

/**
 * SciPy's {@code correlate1d} for a symmetric kernel with {@code mode='reflect'}
 * ({@code d c b a | a b c d | d c b a}), along rows or columns of a row-major image,
 * with the same order of floating-point operations as SciPy's C loop:
 * {@code out = in[x] * w[0]}, then {@code out += (in[x-j] + in[x+j]) * w[j]} for j from the
 * radius down to 1. The loops run over contiguous memory innermost so the JIT vectorises them;
 * the per-pixel order of operations, and so the result, is unchanged by that.
 *
 * <p>With {@code float32} set, every output is rounded to float, as SciPy does when it writes
 * into a float32 array.
 */
final class Correlate1D {

    private Correlate1D() {
    }

    /** Correlates along axis 0 (down the columns): {@code out[y][x] = Σ w[|j|] in[y+j][x]}. */
    static void alongColumns(double[] in, double[] out, int height, int width, double[] w, boolean float32) {
        int r = w.length - 1;
        double w0 = w[0];
        for (int y = 0; y < height; y++) {
            int o = y * width;
            for (int x = 0; x < width; x++) {
                out[o + x] = in[o + x] * w0;
            }
            for (int j = r; j >= 1; j--) {
                int up = reflect(y - j, height) * width;
                int down = reflect(y + j, height) * width;
                double wj = w[j];
                for (int x = 0; x < width; x++) {
                    out[o + x] += (in[up + x] + in[down + x]) * wj;
                }
            }
            if (float32) {
                roundToFloat(out, o, width);
            }
        }
    }

    /**
     * Correlates along axis 1 (along each row). {@code line} is scratch space of at least
     * {@code width + 2 * radius} values.
     */
    static void alongRows(double[] in, double[] out, int height, int width, double[] w, boolean float32,
                          double[] line) {
        int r = w.length - 1;
        double w0 = w[0];
        for (int y = 0; y < height; y++) {
            int o = y * width;
            // the row, extended by r reflected values on each side; line[r + x] = in[o + x]
            for (int i = -r; i < width + r; i++) {
                line[r + i] = in[o + reflect(i, width)];
            }
            for (int x = 0; x < width; x++) {
                out[o + x] = line[r + x] * w0;
            }
            for (int j = r; j >= 1; j--) {
                double wj = w[j];
                int left = r - j;
                int right = r + j;
                for (int x = 0; x < width; x++) {
                    out[o + x] += (line[left + x] + line[right + x]) * wj;
                }
            }
            if (float32) {
                roundToFloat(out, o, width);
            }
        }
    }

    /** Index of position {@code i} in a line of length {@code n} under symmetric (period 2n) reflection. */
    static int reflect(int i, int n) {
        if (i >= 0 && i < n) {
            return i;
        }
        int period = 2 * n;
        int m = Math.floorMod(i, period);
        return m < n ? m : period - 1 - m;
    }

    private static void roundToFloat(double[] a, int from, int n) {
        for (int i = from; i < from + n; i++) {
            a[i] = (float) a[i];
        }
    }
}
