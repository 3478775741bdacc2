package org.stemloop.track;

import java.util.ArrayList;
import java.util.List;
import org.stemloop.image.Frame;
import org.stemloop.reward.Fft2d;

/**
 * Frame-to-frame drift by phase correlation (Kuglin and Hines 1975; Foroosh, Zerubia and Berthod, IEEE TIP 11,
 * 188, 2002): the normalised cross-power spectrum of two frames is a pure phase ramp whose inverse transform
 * peaks at their relative shift. Steps:
 * <ol>
 *   <li>the largest centred power-of-two square of both frames (at most {@value #MAX_SIDE} px), the
 *       window-weighted mean removed, times a Hann window so that the frame edges do not correlate with
 *       themselves;</li>
 *   <li>two correlation surfaces from the cross-power {@code conj(A) B}: a <em>fine</em> one, the plain cross-
 *       correlation under a Gaussian low-pass that keeps the lattice and drops pixel noise (the lattice's power
 *       dominates it: sharp peaks at the true shift and at every lattice translation of it, lower ones where a
 *       crystal partly matches itself, e.g. graphene shifted by a bond), and a <em>coarse</em> one, the phase
 *       correlation proper (whitened, {@code conj(A) B / |conj(A) B|}) under a low-pass below the lattice's
 *       frequencies, where every frequency votes alike and the aperiodic content decides (dopants, vacancies,
 *       holes, contamination, amorphous patches: what says where the frame is absolutely). The two lowest
 *       frequencies on each axis are left out (they hold the window's shape, which does not move);</li>
 *   <li>among the fine surface's local maxima within {@code maxShiftPx} that reach {@value #FINE_SHARE} of its
 *       highest (the candidates), the one nearest the expected shift (the previous step: drift is smooth), unless
 *       the coarse surface is over {@value #DECISIVE} times higher at another: the lattice says where the shift
 *       can be, continuity and the defects say which of those places it is. One moving defect alone cannot drag the answer off the lattice (a Si
 *       dopant hopping by a bond moves the coarse peak by a bond, which the fine surface rejects). A perfect,
 *       defect-free crystal leaves the shift ambiguous modulo its lattice, whatever the method;</li>
 *   <li>sub-pixel position by a parabola through the logarithm of the fine peak and its neighbours on each axis
 *       (exact for a Gaussian peak), a plain parabola where a value is not positive.</li>
 * </ol>
 * {@link SeriesTracker} refines the result with the atoms matched between the frames.
 *
 * @apiNote Cost: four {@code n x n} FFTs, n up to 512: some tens of milliseconds. Not thread-safe (it keeps
 *          the transform's scratch buffers); one per series.
 */
public final class PhaseCorrelation {

    /** The largest square correlated, pixels: enough for drift, and bounded cost on big frames. */
    public static final int MAX_SIDE = 512;

    private final double maxShiftPx;
    private final double lowPass;
    private final double fineLowPass;
    /** A candidate must reach this share of the fine surface's highest peak; a bond's alias in graphene is ~half. */
    static final double FINE_SHARE = 0.7;
    /** The coarse vote must be this many times higher to move the answer off the candidate nearest the expected. */
    static final double DECISIVE = 2;
    private Fft2d fft;
    private int fftSide;

    /**
     * @param maxShiftPx the largest shift looked for, pixels, above 0 (at most a quarter of the square is searched:
     *                   frames that moved further share too little)
     * @param lowPass     the coarse surface's Gaussian low-pass (its sigma), cycles per pixel, 0.005-0.5; a quarter
     *                    of the inverse nearest-neighbour distance keeps graphene's lattice spots under 3% weight
     * @param fineLowPass the fine surface's, at least {@code lowPass}: the inverse nearest-neighbour distance keeps
     *                    the lattice and drops the pixel noise
     */
    public PhaseCorrelation(double maxShiftPx, double lowPass, double fineLowPass) {
        if (!(maxShiftPx > 0) || !Double.isFinite(maxShiftPx)) {
            throw new IllegalArgumentException("Largest shift must be positive pixels: " + maxShiftPx);
        }
        if (!(lowPass >= 0.005 && lowPass <= 0.5)) {
            throw new IllegalArgumentException("Low-pass must be in [0.005, 0.5] cycles per pixel: " + lowPass);
        }
        this.maxShiftPx = maxShiftPx;
        this.lowPass = lowPass;
        if (!(fineLowPass >= lowPass && fineLowPass <= 0.5)) {
            throw new IllegalArgumentException("Fine low-pass must be in [%s, 0.5] cycles per pixel: %s"
                    .formatted(lowPass, fineLowPass));
        }
        this.fineLowPass = fineLowPass;
    }

    /** The side of the square correlated for a frame of this size, or 0 when it is too small (under 16 px). */
    public static int side(int height, int width) {
        int n = Integer.highestOneBit(Math.min(Math.min(height, width), MAX_SIDE));
        return n < 16 ? 0 : n;
    }

    /**
     * How far the content moved from {@code previous} to {@code next}.
     *
     * @throws IllegalArgumentException when the frames differ in size or are under 16 px on a side
     */
    public Shift shift(Frame previous, Frame next) {
        return shift(previous, next, Shift.NONE);
    }

    /**
     * As {@link #shift(Frame, Frame)}, preferring the lattice-consistent candidate nearest {@code expected} (the
     * previous step: drift is smooth) unless another one's coarse vote is over {@value #DECISIVE} times higher.
     */
    public Shift shift(Frame previous, Frame next, Shift expected) {
        if (previous.height() != next.height() || previous.width() != next.width()) {
            throw new IllegalArgumentException("Frames to correlate differ in size: %dx%d and %dx%d".formatted(
                    previous.height(), previous.width(), next.height(), next.width()));
        }
        int n = side(next.height(), next.width());
        if (n == 0) {
            throw new IllegalArgumentException("Frames under 16 px on a side cannot be correlated: %dx%d"
                    .formatted(next.height(), next.width()));
        }
        if (fft == null || fftSide != n) {
            fft = new Fft2d(n);
            fftSide = n;
        }
        double[] aRe = windowed(previous, n);
        double[] aIm = new double[n * n];
        double[] bRe = windowed(next, n);
        double[] bIm = new double[n * n];
        fft.forward(aRe, aIm);
        fft.forward(bRe, bIm);
        // the cross-power conj(A) B in aRe/aIm, its whitened form conj(A) B / |conj(A) B| in bRe/bIm
        for (int i = 0; i < aRe.length; i++) {
            double re = aRe[i] * bRe[i] + aIm[i] * bIm[i];
            double im = aRe[i] * bIm[i] - aIm[i] * bRe[i];
            double mag = Math.hypot(re, im);
            aRe[i] = re;
            aIm[i] = im;
            bRe[i] = mag > 0 ? re / mag : 0;
            bIm[i] = mag > 0 ? im / mag : 0;
        }
        double[] coarse = surface(bRe, bIm, n, lowPass);
        double[] fine = surface(aRe, aIm, n, fineLowPass);
        return peak(coarse, fine, n, expected);
    }

    /**
     * The inverse transform of a cross-power under a Gaussian low-pass of {@code sigma} cycles/px (the window's own
     * lowest frequencies left out), divided by the sum of the weighted magnitudes so that a pure shift peaks at 1.
     */
    private double[] surface(double[] gRe, double[] gIm, int n, double sigma) {
        double[] re = new double[n * n];
        double[] im = new double[n * n];
        double norm = 0;
        for (int u = 0; u < n; u++) {
            double fu = (u <= n / 2 ? u : u - n) / (double) n;
            for (int v = 0; v < n; v++) {
                double fv = (v <= n / 2 ? v : v - n) / (double) n;
                int i = u * n + v;
                boolean windowShape = Math.abs(fu) * n <= 1 && Math.abs(fv) * n <= 1;
                double w = windowShape ? 0 : Math.exp(-(fu * fu + fv * fv) / (2 * sigma * sigma));
                norm += w * Math.hypot(gRe[i], gIm[i]);
                // the inverse transform is the forward one of the conjugate; its real part is all we need
                re[i] = w * gRe[i];
                im[i] = -w * gIm[i];
            }
        }
        fft.forward(re, im);
        double[] c = new double[n * n];
        for (int i = 0; i < c.length && norm > 0; i++) {
            c[i] = re[i] / norm;
        }
        return c;
    }

    /**
     * Among the local maxima of the fine surface within the search radius that reach {@value #FINE_SHARE} of its
     * highest (the true shift and the lattice translations of it), the one nearest {@code expected} unless the
     * coarse surface decisively prefers another; its sub-pixel position from the fine surface.
     */
    private Shift peak(double[] coarse, double[] fine, int n, Shift expected) {
        int reach = (int) Math.min(Math.ceil(maxShiftPx), n / 4);
        double top = Double.NEGATIVE_INFINITY;
        for (int dr = -reach; dr <= reach; dr++) {
            for (int dc = -reach; dc <= reach; dc++) {
                if (dr * dr + dc * dc <= maxShiftPx * maxShiftPx) {
                    top = Math.max(top, at(fine, n, dr, dc));
                }
            }
        }
        List<int[]> candidates = new ArrayList<>();
        for (int dr = -reach; dr <= reach; dr++) {
            for (int dc = -reach; dc <= reach; dc++) {
                double v = at(fine, n, dr, dc);
                if (dr * dr + dc * dc <= maxShiftPx * maxShiftPx && v >= FINE_SHARE * top && localMax(fine, n, dr, dc)) {
                    candidates.add(new int[] {dr, dc});
                }
            }
        }
        int[] near = candidates.get(0);
        int[] voted = candidates.get(0);
        for (int[] c : candidates) {
            if (Math.hypot(c[0] - expected.row(), c[1] - expected.col())
                    < Math.hypot(near[0] - expected.row(), near[1] - expected.col())) {
                near = c;
            }
            if (at(coarse, n, c[0], c[1]) > at(coarse, n, voted[0], voted[1])) {
                voted = c;
            }
        }
        double nearVote = at(coarse, n, near[0], near[1]);
        int[] chosen = at(coarse, n, voted[0], voted[1]) > DECISIVE * Math.max(nearVote, 0.02) ? voted : near;
        int bestR = chosen[0];
        int bestC = chosen[1];
        double f = at(fine, n, bestR, bestC);
        double row = bestR + vertex(at(fine, n, bestR - 1, bestC), f, at(fine, n, bestR + 1, bestC));
        double col = bestC + vertex(at(fine, n, bestR, bestC - 1), f, at(fine, n, bestR, bestC + 1));
        return new Shift(row, col, Math.max(0, Math.min(1, at(coarse, n, bestR, bestC))));
    }

    private static boolean localMax(double[] c, int n, int dr, int dc) {
        double v = at(c, n, dr, dc);
        for (int i = -1; i <= 1; i++) {
            for (int j = -1; j <= 1; j++) {
                if ((i != 0 || j != 0) && at(c, n, dr + i, dc + j) > v) {
                    return false;
                }
            }
        }
        return true;
    }

    private static double at(double[] c, int n, int dr, int dc) {
        return c[Math.floorMod(dr, n) * n + Math.floorMod(dc, n)];
    }

    /** Offset of the vertex of the parabola through (-1, a), (0, b), (1, c), in (-0.5, 0.5). */
    private static double vertex(double a, double b, double c) {
        if (a > 0 && b > 0 && c > 0) {
            double la = Math.log(a);
            double lb = Math.log(b);
            double lc = Math.log(c);
            double den = la - 2 * lb + lc;
            if (den < 0) {
                return clamp(0.5 * (la - lc) / den);
            }
        }
        double den = a - 2 * b + c;
        return den < 0 ? clamp(0.5 * (a - c) / den) : 0;
    }

    private static double clamp(double d) {
        return Math.max(-0.5, Math.min(0.5, d));
    }

    /** The centred n x n square of the frame, its window-weighted mean removed, times a 2-D Hann window. */
    private static double[] windowed(Frame frame, int n) {
        int r0 = (frame.height() - n) / 2;
        int c0 = (frame.width() - n) / 2;
        double[] hann = new double[n];
        for (int i = 0; i < n; i++) {
            hann[i] = 0.5 - 0.5 * Math.cos(2 * Math.PI * i / (n - 1));
        }
        double sum = 0;
        double weights = 0;
        for (int r = 0; r < n; r++) {
            for (int col = 0; col < n; col++) {
                double v = frame.get(r0 + r, c0 + col);
                if (Double.isFinite(v)) {
                    sum += v * hann[r] * hann[col];
                    weights += hann[r] * hann[col];
                }
            }
        }
        double mean = weights > 0 ? sum / weights : 0;
        double[] out = new double[n * n];
        for (int r = 0; r < n; r++) {
            for (int col = 0; col < n; col++) {
                double v = frame.get(r0 + r, c0 + col);
                out[r * n + col] = Double.isFinite(v) ? (v - mean) * hann[r] * hann[col] : 0;
            }
        }
        return out;
    }
}
