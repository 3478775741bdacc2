package org.stemloop.optimize;

import java.util.Arrays;
import org.stemloop.detect.LogParams;

/**
 * The LoG* search space: ranges of {@code min_sigma}, {@code max_sigma}, {@code threshold} and
 * {@code overlap} for {@code blob_log}, each sampled on a fixed grid, with {@code num_sigma} fixed.
 *
 * <p>A candidate is four grid indices ({@link #genes()} gives their ranges). Sigmas live on one
 * geometric grid shared by every candidate, so the LoG layer of each grid sigma is computed once
 * per frame and reused: a candidate's {@code num_sigma} scales, {@code linspace(min, max,
 * num_sigma)} as in scikit-image, are each snapped to the nearest grid sigma (duplicates dropped).
 * <b>This is where a candidate differs from plain {@code blob_log} with the same parameters</b>:
 * each scale is off by at most {@code sqrt(sigmaRatio) - 1} relative (1.5% for the default ratio
 * 1.03), the reported blob sigmas are the grid's, and a candidate whose range is narrower than
 * {@code num_sigma} grid steps has fewer than {@code num_sigma} scales. The ends
 * {@code min_sigma} and {@code max_sigma} are grid values, so they are exact.
 *
 * <p>Thresholds are meant for frames scaled to [0, 1] (the search does that, as the authors'
 * 2025 code does), so one range serves every detector and material.
 *
 * @param minSigma       range of the smallest scale, pixels
 * @param maxSigma       range of the largest scale, pixels; a candidate with min above max is
 *                       read with the two swapped (the same layers)
 * @param threshold      range of the absolute LoG threshold on the [0, 1] frame, sampled
 *                       geometrically (noise needs fine steps at the low end)
 * @param overlap        range of the pruning overlap, sampled linearly
 * @param numSigma       scales per candidate, 10 as in the paper
 * @param sigmaRatio     ratio of neighbouring grid sigmas (> 1); smaller is closer to
 *                       {@code blob_log} and costs more layers: about {@code ln(max/min) / ln(ratio)}
 * @param thresholdSteps number of threshold values (≥ 2)
 * @param overlapSteps   number of overlap values (≥ 2)
 */
public record ParameterSpace(Range minSigma, Range maxSigma, Range threshold, Range overlap, int numSigma,
        double sigmaRatio, int thresholdSteps, int overlapSteps) {

    /** Default ratio of neighbouring grid sigmas: scales within 1.5% of blob_log's. */
    public static final double DEFAULT_SIGMA_RATIO = 1.03;

    public ParameterSpace {
        if (!(minSigma.min() >= 0.1) || !(maxSigma.max() <= 500)) {
            throw new IllegalArgumentException("Sigmas must lie in [0.1, 500] px: min_sigma %s, max_sigma %s"
                    .formatted(minSigma, maxSigma));
        }
        if (minSigma.min() > maxSigma.max()) {
            throw new IllegalArgumentException("Min greater than max: min_sigma %s > max_sigma %s"
                    .formatted(minSigma.min(), maxSigma.max()));
        }
        if (!(threshold.min() > 0)) {
            throw new IllegalArgumentException("Threshold range must be positive (it is sampled geometrically): " + threshold);
        }
        if (!(overlap.min() >= 0 && overlap.max() <= 1)) {
            throw new IllegalArgumentException("Overlap range must lie in [0, 1]: " + overlap);
        }
        if (numSigma < 1 || numSigma > 100) {
            throw new IllegalArgumentException("num_sigma must be in [1, 100]: " + numSigma);
        }
        if (!(sigmaRatio > 1 && sigmaRatio <= 2)) {
            throw new IllegalArgumentException("Sigma grid ratio must be in (1, 2]: " + sigmaRatio);
        }
        if (thresholdSteps < 2 || overlapSteps < 2) {
            throw new IllegalArgumentException("Threshold and overlap need at least 2 steps each: %d, %d"
                    .formatted(thresholdSteps, overlapSteps));
        }
    }

    /**
     * The space for a lattice whose nearest atoms are {@code nearestNeighbourPx} apart: an atom
     * image's sigma is a fraction of that distance (0.14 for SrTiO3 at 0.25 Å/px to 0.27 for
     * graphene at 0.14 Å/px in our simulator), and a scale above half the distance merges
     * neighbours. So min_sigma in [0.05, 0.35] d, max_sigma in [0.15, 0.5] d (never below 0.5 px),
     * threshold 0.005-0.5 (40 steps), overlap 0.05-0.95 (19 steps), 10 scales.
     */
    public static ParameterSpace forSpacing(double nearestNeighbourPx) {
        if (!(nearestNeighbourPx >= 2 && nearestNeighbourPx <= 1000)) {
            throw new IllegalArgumentException("Nearest-neighbour distance must be in [2, 1000] px: " + nearestNeighbourPx);
        }
        double d = nearestNeighbourPx;
        return new ParameterSpace(new Range(Math.max(0.5, 0.05 * d), Math.max(0.6, 0.35 * d)),
                new Range(Math.max(0.6, 0.15 * d), Math.max(1.0, 0.5 * d)), new Range(0.005, 0.5),
                new Range(0.05, 0.95), 10, DEFAULT_SIGMA_RATIO, 40, 19);
    }

    /** The same space with another sigma grid ratio. */
    public ParameterSpace withSigmaRatio(double ratio) {
        return new ParameterSpace(minSigma, maxSigma, threshold, overlap, numSigma, ratio, thresholdSteps, overlapSteps);
    }

    /** The geometric grid of every sigma a candidate may use, ascending, pixels. */
    public double[] sigmaGrid() {
        double lo = Math.min(minSigma.min(), maxSigma.min());
        double hi = Math.max(minSigma.max(), maxSigma.max());
        int steps = Math.max(1, (int) Math.ceil(Math.log(hi / lo) / Math.log(sigmaRatio) - 1e-9));
        double[] grid = new double[steps + 1];
        for (int k = 0; k <= steps; k++) {
            grid[k] = lo * Math.pow(hi / lo, (double) k / steps);
        }
        grid[steps] = hi;
        return grid;
    }

    /**
     * Inclusive upper bounds of the four genes (each gene's lower bound is 0): min_sigma,
     * max_sigma, threshold, overlap. The sigma genes are offsets into their part of the grid.
     */
    public int[] genes() {
        double[] grid = sigmaGrid();
        return new int[] {gridIndex(grid, minSigma.max()) - gridIndex(grid, minSigma.min()),
                gridIndex(grid, maxSigma.max()) - gridIndex(grid, maxSigma.min()), thresholdSteps - 1, overlapSteps - 1};
    }

    /** The {@code blob_log} parameters of a candidate; its scales are {@link #layers(int[])}. */
    public LogParams decode(int[] genes) {
        double[] grid = sigmaGrid();
        int[] ends = sigmaEnds(grid, genes);
        double t = threshold.min() * Math.pow(threshold.max() / threshold.min(), genes[2] / (thresholdSteps - 1.0));
        double o = overlap.min() + (overlap.max() - overlap.min()) * genes[3] / (overlapSteps - 1.0);
        return LogParams.of(grid[ends[0]], grid[ends[1]], numSigma, t, o);
    }

    /** Grid indices of a candidate's scales, ascending and distinct. */
    public int[] layers(int[] genes) {
        double[] grid = sigmaGrid();
        int[] ends = sigmaEnds(grid, genes);
        double a = grid[ends[0]];
        double b = grid[ends[1]];
        int[] idx = new int[numSigma];
        for (int i = 0; i < numSigma; i++) {
            double s = numSigma == 1 ? a : a + (b - a) * i / (numSigma - 1);
            idx[i] = gridIndex(grid, s);
        }
        return Arrays.stream(idx).distinct().sorted().toArray();
    }

    private int[] sigmaEnds(double[] grid, int[] genes) {
        if (genes.length != 4) {
            throw new IllegalArgumentException("A candidate has 4 genes, not " + genes.length);
        }
        int[] max = genes();
        for (int i = 0; i < 4; i++) {
            if (genes[i] < 0 || genes[i] > max[i]) {
                throw new IllegalArgumentException("Gene %d out of [0, %d]: %d".formatted(i, max[i], genes[i]));
            }
        }
        int a = gridIndex(grid, minSigma.min()) + genes[0];
        int b = gridIndex(grid, maxSigma.min()) + genes[1];
        return new int[] {Math.min(a, b), Math.max(a, b)};
    }

    /** Index of the grid sigma nearest to {@code s} on a log scale. */
    private static int gridIndex(double[] grid, double s) {
        double step = Math.log(grid[grid.length - 1] / grid[0]) / (grid.length - 1);
        int k = (int) Math.round(Math.log(s / grid[0]) / step);
        return Math.max(0, Math.min(grid.length - 1, k));
    }
}
