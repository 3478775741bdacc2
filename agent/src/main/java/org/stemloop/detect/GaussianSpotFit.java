package org.stemloop.detect;

import java.util.Arrays;

/**
 * Least-squares fit of a round 2-D Gaussian on a flat background,
 * {@code f(r, c) = b + a exp(-((r - r0)^2 + (c - c0)^2) / (2 s^2))}, to the pixels of a disc:
 * Levenberg-Marquardt with the analytic Jacobian, on all five parameters or with the width held
 * fixed ({@link #fitFixedSigma}).
 *
 * <p>Why round and not elliptical: a column imaged by a round probe is round, and two parameters
 * fewer make the fit steadier on noisy frames; the centre is what the callers need. Why a flat
 * background: the disc is small (about half the nearest-neighbour distance), so the smooth
 * background of a real frame is close to flat in it. Why a fixed width is offered: every column of
 * a frame is imaged by the same probe, so one width measured over all atoms costs nothing in
 * accuracy and removes the parameter that makes faint spots' fits wander (for a spot centred in
 * its disc the centre is uncorrelated with the width, so the width's error does not bias it).
 *
 * <p>The pixels are kept as flat lists (no per-pixel mask scan) and the Gaussian is evaluated
 * separably, one exponential per row and per column of the box: a disc of n pixels costs O(n)
 * multiply-adds per iteration and allocates nothing.
 *
 * @apiNote 3-8 iterations of O(n) for a disc of n pixels from a start within a pixel. Not
 *          thread-safe: one per thread.
 */
final class GaussianSpotFit {

    static final int MAX_ITERATIONS = 20;
    /** Stop when a step moves the centre less than this, pixels. */
    static final double CENTRE_TOLERANCE = 1e-3;
    /** The same for a fit that only starts a later one: it need not settle to the last thousandth. */
    static final double ROUGH_TOLERANCE = 2e-2;

    private final int side;
    private final int[] rows;
    private final int[] cols;
    private final double[] values;
    private final double[] rowWeights;
    private final double[] colWeights;
    private final double[] scratch;
    private int top;
    private int left;
    private int height;
    private int width;
    private int n;
    private boolean sigmaFixed;
    private double tolerance = CENTRE_TOLERANCE;
    private final double[] p = new double[5];
    private final double[] trial = new double[5];
    private final double[] jtj = new double[25];
    private final double[] jtr = new double[5];
    private final double[] trialJtj = new double[25];
    private final double[] trialJtr = new double[5];
    private final double[] a = new double[25];
    private final double[] step = new double[5];
    private final double[] j = new double[5];

    /** A fit for discs whose bounding box is at most {@code side x side} pixels. */
    GaussianSpotFit(int side) {
        this.side = side;
        rows = new int[side * side];
        cols = new int[side * side];
        values = new double[side * side];
        rowWeights = new double[side];
        colWeights = new double[side];
        scratch = new double[side];
    }

    int side() {
        return side;
    }

    /** A spare array of {@code side} values for the caller (one fit per thread, so one scratch per thread). */
    double[] scratch() {
        return scratch;
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
        n = 0;
    }

    /** Stops the following fits when a step moves the centre less than {@code pixels}. */
    void tolerance(double pixels) {
        tolerance = pixels;
    }

    double tolerance() {
        return tolerance;
    }

    /** Adds the pixel at frame position (r, c), inside the box. */
    void add(int r, int c, double value) {
        rows[n] = r - top;
        cols[n] = c - left;
        values[n] = value;
        n++;
    }

    int size() {
        return n;
    }

    /**
     * Fits all five parameters from a start; returns {@code {row, col, sigma, amplitude, background}}
     * or null when the fit does not converge or ends in nonsense (non-finite, amplitude not positive).
     */
    double[] fit(double r0, double c0, double sigma0, double amplitude0, double background0) {
        sigmaFixed = false;
        return run(r0, c0, sigma0, amplitude0, background0);
    }

    /** As {@link #fit} with the width held at {@code sigma}: four free parameters. */
    double[] fitFixedSigma(double r0, double c0, double sigma, double amplitude0, double background0) {
        sigmaFixed = true;
        return run(r0, c0, sigma, amplitude0, background0);
    }

    private double[] run(double r0, double c0, double sigma0, double amplitude0, double background0) {
        if (n < 8 || !(sigma0 > 0)) {
            return null;
        }
        p[0] = r0;
        p[1] = c0;
        p[2] = sigma0;
        p[3] = amplitude0;
        p[4] = background0;
        double cost = normalEquations(p, jtj, jtr);
        double lambda = 1e-4;
        for (int it = 0; it < MAX_ITERATIONS; it++) {
            boolean improved = false;
            for (int tries = 0; tries < 8 && !improved; tries++) {
                if (!solveDamped(lambda)) {
                    return null;
                }
                for (int k = 0; k < 5; k++) {
                    trial[k] = p[k] + step[k];
                }
                // The normal equations at the trial give its cost too: one pass over the pixels per
                // accepted step (a rejected one, rare near the minimum, costs the same pass).
                double trialCost = trial[2] > 0 ? normalEquations(trial, trialJtj, trialJtr) : Double.POSITIVE_INFINITY;
                if (trialCost < cost) {
                    System.arraycopy(trial, 0, p, 0, 5);
                    System.arraycopy(trialJtj, 0, jtj, 0, 25);
                    System.arraycopy(trialJtr, 0, jtr, 0, 5);
                    cost = trialCost;
                    lambda = Math.max(1e-7, lambda / 3);
                    improved = true;
                } else {
                    lambda *= 4;
                }
            }
            if (!improved || step[0] * step[0] + step[1] * step[1] < tolerance * tolerance) {
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

    /** Fills {@code jtj} = J^T J and {@code jtr} = J^T r at {@code q}; returns the cost. */
    private double normalEquations(double[] q, double[] jtj, double[] jtr) {
        Arrays.fill(jtj, 0);
        Arrays.fill(jtr, 0);
        double s2 = q[2] * q[2];
        double dr0 = top - q[0];
        double dc0 = left - q[1];
        weights(q);
        double cost = 0;
        double widthTerm = sigmaFixed ? 0 : 1 / (s2 * q[2]);
        for (int i = 0; i < n; i++) {
            double dr = dr0 + rows[i];
            double dc = dc0 + cols[i];
            double g = rowWeights[rows[i]] * colWeights[cols[i]];
            double ag = q[3] * g;
            double e = q[4] + ag - values[i];
            cost += e * e;
            j[0] = ag * dr / s2;
            j[1] = ag * dc / s2;
            j[2] = ag * (dr * dr + dc * dc) * widthTerm;
            j[3] = g;
            j[4] = 1;
            for (int x = 0; x < 5; x++) {
                double jx = j[x];
                jtr[x] += jx * e;
                for (int z = 0; z <= x; z++) {
                    jtj[x * 5 + z] += jx * j[z];
                }
            }
        }
        for (int x = 0; x < 5; x++) {
            for (int y = x + 1; y < 5; y++) {
                jtj[x * 5 + y] = jtj[y * 5 + x];
            }
        }
        if (sigmaFixed) {
            // The width's row and column become the identity with a zero right-hand side: its step is 0.
            jtj[2 * 5 + 2] = 1;
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
