package org.stemloop.detect;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The symmetric 1-D Gaussian kernels (order 0) and second-derivative kernels (order 2) that
 * SciPy's {@code gaussian_filter1d} uses, reproduced bit for bit: radius
 * {@code int(4 sigma + 0.5)}, {@code exp(-0.5 / sigma² x²)} normalised by NumPy's pairwise sum,
 * and the order-2 polynomial {@code x²/sigma⁴ - 1/sigma²} evaluated with one fused multiply-add,
 * as NumPy's BLAS call does on this kind of machine.
 *
 * <p>Only the half {@code w[0..radius]} is kept: the kernels are exactly symmetric, and SciPy's
 * correlation then sums {@code (in[x-j] + in[x+j]) * w[j]}. Kernels are cached by sigma.
 */
final class GaussianKernel {

    /** SciPy's default {@code truncate}: the kernel reaches 4 standard deviations. */
    static final double TRUNCATE = 4.0;

    private static final Map<Long, GaussianKernel> CACHE = new ConcurrentHashMap<>();

    /** Half of the order-0 kernel, {@code smooth[j]} for offsets 0..radius. */
    final double[] smooth;
    /** Half of the order-2 kernel, {@code second[j]} for offsets 0..radius. */
    final double[] second;
    final int radius;

    private GaussianKernel(double sigma) {
        radius = (int) (TRUNCATE * sigma + 0.5);
        double sigma2 = sigma * sigma;
        double c = -0.5 / sigma2;
        int n = 2 * radius + 1;
        double[] phi = new double[n];
        for (int i = 0; i < n; i++) {
            double x = i - radius;
            phi[i] = Exp.exp(c * (x * x));
        }
        double sum = pairwiseSum(phi);
        smooth = new double[radius + 1];
        second = new double[radius + 1];
        double q0 = 1.0 / -sigma2;
        double q2 = q0 * q0;
        for (int j = 0; j <= radius; j++) {
            double p = phi[radius + j] / sum;
            smooth[j] = p;
            double x2 = (double) j * j;
            second[j] = Math.fma(x2, q2, q0) * p;
        }
    }

    /** The kernels for {@code sigma} (pixels, > 0), computed once and cached. */
    static GaussianKernel of(double sigma) {
        if (!(sigma > 0)) {
            throw new IllegalArgumentException("sigma must be positive: " + sigma);
        }
        return CACHE.computeIfAbsent(Double.doubleToLongBits(sigma), bits -> new GaussianKernel(sigma));
    }

    /** NumPy's pairwise summation for a contiguous float64 array (blocks of 8 accumulators). */
    static double pairwiseSum(double[] a) {
        return pairwiseSum(a, 0, a.length);
    }

    private static double pairwiseSum(double[] a, int from, int n) {
        if (n < 8) {
            double res = 0.0;
            for (int i = 0; i < n; i++) {
                res += a[from + i];
            }
            return res;
        }
        if (n <= 128) {
            double[] r = new double[8];
            System.arraycopy(a, from, r, 0, 8);
            int i = 8;
            for (; i < n - (n % 8); i += 8) {
                for (int k = 0; k < 8; k++) {
                    r[k] += a[from + i + k];
                }
            }
            double res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
            for (; i < n; i++) {
                res += a[from + i];
            }
            return res;
        }
        int n2 = n / 2;
        n2 -= n2 % 8;
        return pairwiseSum(a, from, n2) + pairwiseSum(a, from + n2, n - n2);
    }
}
