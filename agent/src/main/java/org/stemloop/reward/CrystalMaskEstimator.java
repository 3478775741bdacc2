package org.stemloop.reward;

import org.stemloop.image.Frame;

/**
 * Finds the crystal in a frame from the image alone: local periodicity in overlapping windows.
 *
 * <p>For each window of side W (a power of two holding at least {@value #MIN_PERIODS} lattice periods,
 * 32-256 px, stride W / 4): the mean-free, Hann-windowed power spectrum, and its peakiness in the
 * lattice's band of spatial frequencies (plane spacings from {@value #BAND_LOW} to {@value #BAND_HIGH}
 * times the period, every orientation, so a second grain at another angle counts as crystal):
 * the strongest bin over the band's median. A lattice puts a few sharp peaks there (hundreds of
 * times the median); vacuum, amorphous carbon and contamination spread their power over the band
 * (speckle: the maximum of a few hundred exponential bins stays near ln(n) ≈ 6 times the mean).
 * Each grid cell of W / 4 px takes the peakiness of the window centred nearest to it. Cells at or
 * above {@value #SURE_PEAKINESS} are crystal, and so are cells at or above {@value #MIN_PEAKINESS}
 * whose mean brightness is the crystal's usual (within {@value #LEVEL_SPREADS} 10-90% ranges of the
 * sure cells' median: a grain boundary, a faint patch); cells further than {@value #OUTLIER_SPREADS}
 * ranges from it (vacuum, holes, contamination) never are.
 *
 * <p>Honest limits: the boundary is found to about a quarter window (a grid cell); a crystal patch
 * smaller than half a window is lost; a frame with no cell above the bar is returned as all crystal
 * (the mask cannot tell "no crystal" from "a lattice too faint for windows", and the rewards then
 * behave as without a mask).
 *
 * @apiNote O(windows x W² log W): about 1,000 windows of 64² for a 512² frame of graphene, ~50-100 ms
 *          on one core. Thread-safe (no shared state).
 */
public final class CrystalMaskEstimator {

    static final double MIN_PERIODS = 6;
    static final double BAND_LOW = 0.55;
    static final double BAND_HIGH = 1.25;
    /** Strongest bin over the band's median of a window that is crystal whatever its brightness. */
    static final double SURE_PEAKINESS = 60;
    /** ...and of one that is crystal when its brightness is the crystal's usual. */
    static final double MIN_PEAKINESS = 15;
    /** Usual brightness: within this many 10-90% ranges of the sure cells' median. */
    static final double LEVEL_SPREADS = 1.0;
    /** Brightness this many 10-90% ranges from the sure cells' median is vacuum or contamination. */
    static final double OUTLIER_SPREADS = 2.0;

    private CrystalMaskEstimator() {
    }

    /**
     * The crystal mask of {@code frame} (atoms bright or dark: only periodicity counts).
     *
     * @param periodPx the lattice's longest first-order plane spacing, pixels (for example the
     *                 {@link LatticeEstimate#spacingPx()}, or the lattice constant over the pixel size)
     */
    public static CrystalMask estimate(Frame frame, double periodPx) {
        if (!(periodPx > 1) || !Double.isFinite(periodPx)) {
            throw new IllegalArgumentException("Lattice period must be above 1 px: " + periodPx);
        }
        int h = frame.height(), w = frame.width();
        int side = Integer.highestOneBit((int) Math.ceil(MIN_PERIODS * periodPx) - 1) << 1;
        side = Math.max(32, Math.min(256, side));
        if (side > Math.min(h, w)) {
            return CrystalMask.all(h, w);
        }
        int cell = side / 4;
        double[] score = peakiness(frame, periodPx, side, cell);
        double[] level = cellMeans(frame, cell);
        // the crystal's brightness: median and spread of the clearly periodic cells
        double[] sure = java.util.stream.IntStream.range(0, score.length).filter(i -> score[i] >= SURE_PEAKINESS)
                .mapToDouble(i -> level[i]).sorted().toArray();
        if (sure.length == 0) {
            return CrystalMask.all(h, w);
        }
        double median = sure[sure.length / 2];
        double spread = Math.max(sure[(int) (0.9 * (sure.length - 1))] - sure[(int) (0.1 * (sure.length - 1))],
                1e-9 * Math.abs(median));
        boolean[] crystal = new boolean[score.length];
        for (int i = 0; i < score.length; i++) {
            double off = Math.abs(level[i] - median);
            // far too dark (vacuum, a hole) or too bright (contamination) is never crystal, even when
            // the window around the cell reaches into the lattice beside it
            crystal[i] = off <= OUTLIER_SPREADS * spread
                    && (score[i] >= SURE_PEAKINESS || (score[i] >= MIN_PEAKINESS && off <= LEVEL_SPREADS * spread));
        }
        return new CrystalMask(h, w, cell, crystal);
    }

    /** Mean pixel value of each grid cell, row-major. */
    static double[] cellMeans(Frame frame, int cell) {
        int h = frame.height(), w = frame.width();
        int rows = (h + cell - 1) / cell, cols = (w + cell - 1) / cell;
        double[] sum = new double[rows * cols];
        int[] count = new int[rows * cols];
        for (int r = 0; r < h; r++) {
            for (int c = 0; c < w; c++) {
                int i = (r / cell) * cols + c / cell;
                sum[i] += frame.get(r, c);
                count[i]++;
            }
        }
        for (int i = 0; i < sum.length; i++) {
            sum[i] /= count[i];
        }
        return sum;
    }

    /** Peakiness of the window centred nearest to each grid cell's centre, row-major over the grid. */
    static double[] peakiness(Frame frame, double periodPx, int side, int cell) {
        int h = frame.height(), w = frame.width();
        int rows = (h + cell - 1) / cell, cols = (w + cell - 1) / cell;
        double[] pixels = frame.pixels();
        double[] hann = new double[side];
        for (int i = 0; i < side; i++) {
            hann[i] = 0.5 - 0.5 * Math.cos(2 * Math.PI * (i + 0.5) / side);
        }
        double kLo = side / (BAND_HIGH * periodPx);
        double kHi = Math.min(side / 2.5, side / (BAND_LOW * periodPx));
        Fft2d fft = new Fft2d(side);
        double[] out = new double[rows * cols];
        java.util.Map<Long, Double> byWindow = new java.util.HashMap<>();
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                int top = clamp(r * cell + cell / 2 - side / 2, h - side);
                int left = clamp(c * cell + cell / 2 - side / 2, w - side);
                out[r * cols + c] = byWindow.computeIfAbsent((long) top * w + left,
                        k -> window(pixels, w, top, left, side, hann, fft, kLo, kHi));
            }
        }
        return out;
    }

    private static int clamp(int v, int max) {
        return Math.max(0, Math.min(max, v));
    }

    /** The strongest power bin in the band kLo..kHi (bins) over the band's median. */
    private static double window(double[] pixels, int w, int top, int left, int side, double[] hann, Fft2d fft,
            double kLo, double kHi) {
        double[] re = new double[side * side];
        double[] im = new double[side * side];
        double mean = 0;
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                mean += pixels[(top + y) * w + left + x];
            }
        }
        mean /= side * side;
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                re[y * side + x] = (pixels[(top + y) * w + left + x] - mean) * hann[y] * hann[x];
            }
        }
        fft.forward(re, im);
        int half = side / 2;
        double[] inBand = new double[side * side / 2];
        int n = 0;
        double max = 0;
        for (int ky = 0; ky < half; ky++) {
            for (int kx = -half + 1; kx < half; kx++) {
                double k = Math.hypot(kx, ky);
                if (k < kLo || k > kHi || (ky == 0 && kx <= 0)) {
                    continue;
                }
                int i = ky * side + Math.floorMod(kx, side);
                double p = re[i] * re[i] + im[i] * im[i];
                inBand[n++] = p;
                max = Math.max(max, p);
            }
        }
        if (n < 8) {
            return 0;
        }
        java.util.Arrays.sort(inBand, 0, n);
        double median = inBand[n / 2];
        return median > 0 ? max / median : 0;
    }
}
