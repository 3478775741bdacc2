package org.stemloop.detect;

/**
 * Least-squares fit of a round 2-D Gaussian on a flat background,
 * {@code f(r, c) = b + a exp(-((r - r0)^2 + (c - c0)^2) / (2 s^2))}, to the pixels of a disc:
 * Levenberg-Marquardt on the five parameters with the analytic Jacobian.
 *
 * <p>Why round and not elliptical: a column imaged by a round probe is round, and two parameters
 * fewer make the fit steadier on noisy frames; the centre is what the callers need. Why a flat
 * background: the disc is small (half the nearest-neighbour distance), so the smooth background of
 * a real frame is close to flat in it; the tails of the neighbours are symmetric about an atom of
 * a perfect lattice and cancel in the centre.
 *
 * @apiNote About 10 iterations of O(n) for a disc of n pixels. Not thread-safe: one per thread.
 */
final class GaussianSpotFit {

    static final int MAX_ITERATIONS = 20;
    /** Stop when a step moves the centre less than this, pixels. */
    static final double CENTRE_TOLERANCE = 1e-3;

    private final int side;
    private final double[] values;
    private final boolean[] inside;
    private final double[] rowWeights;
    private final double[] colWeights;
    private int top;
    private int left;
    private int height;
    private int width;
    private int n;
    private final double[] p = new double[5];
    private final double[] trial = new double[5];
    private final double[] jtj = new double[25];
    private final double[] jtr = new double[5];
    private final double[] a = new double[25];
    private final double[] step = new double[5];

    /** A fit for discs whose bounding box is at most {@code side x side} pixels. */
    GaussianSpotFit(int side) {
        this.side = side;
        values = new double[side * side];
        inside = new boolean[side * side];
        rowWeights = new double[side];
        colWeights = new double[side];
    }

    int side() {
        return side;
    }

    /** Starts a new disc in the box of {@code height x width} pixels from (top, left). */
    void clear(int top, int left, int height, int width) {
        if (height > side || width > side) {
            throw new IllegalArgumentException("Disc box %d x %d exceeds %d".formatted(height, width, side));
        }
        this.top = top;
        this.left = left;
        this.height = height;
        this.width = width;
        java.util.Arrays.fill(inside, 0, side * side, false);
        n = 0;
    }

    /** Adds the pixel at frame position (r, c), inside the box. */
    void add(int r, int c, double value) {
        int i = (r - top) * side + (c - left);
        values[i] = value;
        inside[i] = true;
        n++;
    }

    int size() {
        return n;
    }

    /**
     * Fits from a start; returns {@code {row, col, sigma, amplitude, background}} or null when the
     * fit does not converge or ends in nonsense (non-finite, amplitude not positive).
     */
    double[] fit(double r0, double c0, double sigma0, double amplitude0, double background0) {
        if (n < 8) {
            return null;
        }
        p[0] = r0;
        p[1] = c0;
        p[2] = sigma0;
        p[3] = amplitude0;
        p[4] = background0;
        double cost = normalEquations(p);
        double lambda = 1e-3;
        for (int it = 0; it < MAX_ITERATIONS; it++) {
            boolean improved = false;
            for (int tries = 0; tries < 8 && !improved; tries++) {
                if (!solveDamped(lambda)) {
                    return null;
                }
                for (int k = 0; k < 5; k++) {
                    trial[k] = p[k] + step[k];
                }
                double trialCost = residual(trial);
                if (trialCost < cost && trial[2] > 0) {
                    System.arraycopy(trial, 0, p, 0, 5);
                    cost = normalEquations(p);
                    lambda = Math.max(1e-7, lambda / 3);
                    improved = true;
                } else {
                    lambda *= 4;
                }
            }
            if (!improved || Math.hypot(step[0], step[1]) < CENTRE_TOLERANCE) {
                break;
            }
        }
        for (double v : p) {
            if (!Double.isFinite(v)) {
                return null;
            }
        }
        return p[3] > 0 && p[2] > 0 ? p.clone() : null;
    }

    /** Sum of squared residuals at {@code q}. */
    private double residual(double[] q) {
        weights(q);
        double sum = 0;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int i = y * side + x;
                if (inside[i]) {
                    double e = q[4] + q[3] * rowWeights[y] * colWeights[x] - values[i];
                    sum += e * e;
                }
            }
        }
        return sum;
    }

    /**
     * The Gaussian is separable, exp(-(dr² + dc²) / 2s²) = exp(-dr² / 2s²) exp(-dc² / 2s²): one
     * exponential per row and per column of the box instead of one per pixel.
     */
    private void weights(double[] q) {
        double inv = 1 / (2 * q[2] * q[2]);
        for (int y = 0; y < height; y++) {
            double d = top + y - q[0];
            rowWeights[y] = Math.exp(-d * d * inv);
        }
        for (int x = 0; x < width; x++) {
            double d = left + x - q[1];
            colWeights[x] = Math.exp(-d * d * inv);
        }
    }

    /** Fills J^T J and J^T r at {@code q}; returns the cost. */
    private double normalEquations(double[] q) {
        java.util.Arrays.fill(jtj, 0);
        java.util.Arrays.fill(jtr, 0);
        double s2 = q[2] * q[2];
        weights(q);
        double cost = 0;
        double[] j = new double[5];
        for (int y = 0; y < height; y++) {
            double dr = top + y - q[0];
            for (int xx = 0; xx < width; xx++) {
                int i = y * side + xx;
                if (!inside[i]) {
                    continue;
                }
                double dc = left + xx - q[1];
                double g = rowWeights[y] * colWeights[xx];
                double ag = q[3] * g;
                double e = q[4] + ag - values[i];
                cost += e * e;
                j[0] = ag * dr / s2;
                j[1] = ag * dc / s2;
                j[2] = ag * (dr * dr + dc * dc) / (s2 * q[2]);
                j[3] = g;
                j[4] = 1;
                for (int x = 0; x < 5; x++) {
                    jtr[x] += j[x] * e;
                    for (int z = 0; z <= x; z++) {
                        jtj[x * 5 + z] += j[x] * j[z];
                    }
                }
            }
        }
        for (int x = 0; x < 5; x++) {
            for (int y = x + 1; y < 5; y++) {
                jtj[x * 5 + y] = jtj[y * 5 + x];
            }
        }
        return cost;
    }

    /** Solves (J^T J + lambda diag(J^T J)) step = -J^T r by Gaussian elimination with pivoting. */
    private boolean solveDamped(double lambda) {
        System.arraycopy(jtj, 0, a, 0, 25);
        for (int k = 0; k < 5; k++) {
            a[k * 5 + k] += lambda * Math.max(jtj[k * 5 + k], 1e-12);
            step[k] = -jtr[k];
        }
        for (int col = 0; col < 5; col++) {
            int pivot = col;
            for (int r = col + 1; r < 5; r++) {
                if (Math.abs(a[r * 5 + col]) > Math.abs(a[pivot * 5 + col])) {
                    pivot = r;
                }
            }
            if (Math.abs(a[pivot * 5 + col]) < 1e-300) {
                return false;
            }
            if (pivot != col) {
                for (int c = 0; c < 5; c++) {
                    double t = a[col * 5 + c];
                    a[col * 5 + c] = a[pivot * 5 + c];
                    a[pivot * 5 + c] = t;
                }
                double t = step[col];
                step[col] = step[pivot];
                step[pivot] = t;
            }
            for (int r = col + 1; r < 5; r++) {
                double f = a[r * 5 + col] / a[col * 5 + col];
                for (int c = col; c < 5; c++) {
                    a[r * 5 + c] -= f * a[col * 5 + c];
                }
                step[r] -= f * step[col];
            }
        }
        for (int r = 4; r >= 0; r--) {
            double s = step[r];
            for (int c = r + 1; c < 5; c++) {
                s -= a[r * 5 + c] * step[c];
            }
            step[r] = s / a[r * 5 + r];
        }
        return true;
    }
}
