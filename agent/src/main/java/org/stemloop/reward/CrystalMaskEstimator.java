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
 * whose brightness is the crystal's usual (within {@value #LEVEL_SPREADS} of the crystal's pixel
 * spreads of the sure cells' median level: a grain boundary, a faint patch); cells further than
 * {@value #OUTLIER_SPREADS} spreads from it (vacuum, holes, contamination) never are.
 *
 * <p>A cell's brightness is the median of its pixels, not the mean: one heavy dopant atom in a cell
 * of graphene lifts the mean by more than the noise of a mean but leaves the median where it was
 * (graphene_si_2nm: its Si atom masked a whole 64-px cell with the mean). The spread is the
 * crystal's own pixel standard deviation (the median of the sure cells'; lattice contrast and
 * noise): a cell whose median lies three of those from the crystal's is another material (a hole
 * has lost the whole specimen signal, contamination adds several layers: 4-16 spreads on the
 * realistic simulator, 2-6 on graphene_gb_6nm's contamination), while a slow background gradient
 * or a thin haze stays within one or two (graphene_gb_6nm's lower-left corner, where AtomNet finds
 * atoms: 1-2). The previous scale, the 10-90% range of the sure cells' levels, is the noise of a
 * cell's mean: any real background gradient exceeds it.
 *
 * <p>Where the coarse mask has an edge, a grid four times finer decides by brightness
 * ({@link #refineEdges}).
 *
 * <p>Honest limits: the boundary is found to about a quarter window (a grid cell), and to a sixteenth
 * window where brightness tells it (holes, contamination); a crystal patch
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
    /** Usual brightness: within this many crystal pixel spreads of the sure cells' median level. */
    static final double LEVEL_SPREADS = 1.5;
    /** Brightness this many crystal pixel spreads from the sure cells' median is vacuum or contamination. */
    static final double OUTLIER_SPREADS = 3.0;

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
        double[][] stats = cellStats(frame, cell);
        double[] level = stats[0];
        double[] deviation = stats[1];
        // the crystal's brightness: median level and median pixel spread of the clearly periodic cells
        int[] sureCells = java.util.stream.IntStream.range(0, score.length).filter(i -> score[i] >= SURE_PEAKINESS)
                .toArray();
        if (sureCells.length == 0) {
            return CrystalMask.all(h, w);
        }
        double median = median(java.util.Arrays.stream(sureCells).mapToDouble(i -> level[i]).toArray());
        double spread = Math.max(median(java.util.Arrays.stream(sureCells).mapToDouble(i -> deviation[i]).toArray()),
                1e-9 * Math.max(1, Math.abs(median)));
        // darker than the crystal: only missing material (a hole, vacuum) does that to a monolayer, and a
        // vacuum level near the crystal's darkest pixels is only 1-2 pixel spreads down; so the dark side keeps
        // the strict scale, the 10-90% range of the sure cells' levels; only of those at the crystal's own
        // brightness (within OUTLIER_SPREADS pixel spreads): a window of W px sees the lattice beside a
        // contamination patch, so its cells are "sure", and their levels (3-4 times the crystal's on the
        // realistic simulator's seed 5) widened the range until a vacuum hole (level 0 against 38) passed
        final double crystalLevel = median;
        final double crystalSpread = spread;
        double[] sureLevels = java.util.Arrays.stream(sureCells).mapToDouble(i -> level[i])
                .filter(v -> Math.abs(v - crystalLevel) <= OUTLIER_SPREADS * crystalSpread).sorted().toArray();
        if (sureLevels.length == 0) {
            sureLevels = new double[] {median};
        }
        double darkSpread = Math.max(sureLevels[(int) (0.9 * (sureLevels.length - 1))]
                - sureLevels[(int) (0.1 * (sureLevels.length - 1))], 1e-9 * Math.max(1, Math.abs(median)));
        boolean[] crystal = new boolean[score.length];
        for (int i = 0; i < score.length; i++) {
            double off = level[i] - median;
            // far too dark (vacuum, a hole) or too bright (contamination) is never crystal, even when
            // the window around the cell reaches into the lattice beside it
            crystal[i] = usual(off, OUTLIER_SPREADS, spread, darkSpread)
                    && (score[i] >= SURE_PEAKINESS || (score[i] >= MIN_PEAKINESS && usual(off, LEVEL_SPREADS, spread,
                            darkSpread)));
        }
        return refineEdges(frame, periodPx, cell, crystal, score, median, spread, darkSpread);
    }

    /**
     * The mask on a grid four times finer, cells of {@code cell / 4} px (at least 4), decided by brightness
     * where the coarse mask has an edge. Holes and contamination are told by their brightness, and a coarse
     * cell on their edge is half lattice, half not: all of it masked drops the atoms of its crystal half
     * (16-27 true atoms per realistic graphene frame), all of it kept lets detections into the patch. So each
     * fine cell of a coarse cell that has a neighbour of the other kind takes the median of the pixels within
     * half a lattice period of its centre (one period: the lattice's own modulation averages out) and is
     * crystal when that level is the crystal's: within {@value #OUTLIER_SPREADS} spreads if its coarse cell is
     * crystal, within {@value #LEVEL_SPREADS} if its coarse cell was masked but still sees the lattice in its
     * window (peakiness at least {@value #MIN_PEAKINESS}). A coarse cell masked for want of periodicity alone
     * (an amorphous patch at the crystal's brightness) stays masked: brightness cannot split it.
     */
    static CrystalMask refineEdges(Frame frame, double periodPx, int cell, boolean[] crystal, double[] score,
            double median, double spread, double darkSpread) {
        int h = frame.height(), w = frame.width();
        int rows = (h + cell - 1) / cell, cols = (w + cell - 1) / cell;
        int fine = Math.max(4, cell / 4);
        int per = cell / fine;
        if (per < 2) {
            return new CrystalMask(h, w, cell, crystal);
        }
        int fineRows = (h + fine - 1) / fine, fineCols = (w + fine - 1) / fine;
        boolean[] out = new boolean[fineRows * fineCols];
        int half = Math.max(2, (int) Math.round(periodPx / 2));
        double[] values = new double[(2 * half + 1) * (2 * half + 1)];
        for (int fr = 0; fr < fineRows; fr++) {
            for (int fc = 0; fc < fineCols; fc++) {
                int r = Math.min(rows - 1, fr * fine / cell), c = Math.min(cols - 1, fc * fine / cell);
                boolean coarse = crystal[r * cols + c];
                boolean edge = false;
                for (int dr = -1; dr <= 1 && !edge; dr++) {
                    for (int dc = -1; dc <= 1; dc++) {
                        int rr = r + dr, cc = c + dc;
                        if (rr >= 0 && cc >= 0 && rr < rows && cc < cols && crystal[rr * cols + cc] != coarse) {
                            edge = true;
                            break;
                        }
                    }
                }
                boolean seesLattice = score[r * cols + c] >= MIN_PEAKINESS;
                if (!edge || (!coarse && !seesLattice)) {
                    out[fr * fineCols + fc] = coarse;
                    continue;
                }
                int cy = Math.min(h - 1, fr * fine + fine / 2), cx = Math.min(w - 1, fc * fine + fine / 2);
                int n = 0;
                for (int y = Math.max(0, cy - half); y <= Math.min(h - 1, cy + half); y++) {
                    for (int x = Math.max(0, cx - half); x <= Math.min(w - 1, cx + half); x++) {
                        values[n++] = frame.get(y, x);
                    }
                }
                double off = median(java.util.Arrays.copyOf(values, n)) - median;
                out[fr * fineCols + fc] = usual(off, coarse ? OUTLIER_SPREADS : LEVEL_SPREADS, spread, darkSpread);
            }
        }
        return new CrystalMask(h, w, fine, out);
    }

    /** Whether a level {@code off} from the crystal's is within {@code spreads}: pixel spreads above, level ranges below. */
    private static boolean usual(double off, double spreads, double brightSpread, double darkSpread) {
        return off >= 0 ? off <= spreads * brightSpread : -off <= spreads * darkSpread * (2.0 / 3.0);
    }

    /** Median and standard deviation of the pixels of each grid cell, row-major: {median[], sd[]}. */
    static double[][] cellStats(Frame frame, int cell) {
        int h = frame.height(), w = frame.width();
        int rows = (h + cell - 1) / cell, cols = (w + cell - 1) / cell;
        double[] level = new double[rows * cols];
        double[] sd = new double[rows * cols];
        double[] values = new double[cell * cell];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                int n = 0;
                double sum = 0;
                for (int y = r * cell; y < Math.min(h, (r + 1) * cell); y++) {
                    for (int x = c * cell; x < Math.min(w, (c + 1) * cell); x++) {
                        double v = frame.get(y, x);
                        values[n++] = v;
                        sum += v;
                    }
                }
                double mean = sum / n;
                double ss = 0;
                for (int i = 0; i < n; i++) {
                    ss += (values[i] - mean) * (values[i] - mean);
                }
                sd[r * cols + c] = Math.sqrt(ss / n);
                level[r * cols + c] = median(java.util.Arrays.copyOf(values, n));
            }
        }
        return new double[][] {level, sd};
    }

    /** The median of {@code v} (sorted in place; the upper middle for an even count). */
    private static double median(double[] v) {
        java.util.Arrays.sort(v);
        return v[v.length / 2];
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
