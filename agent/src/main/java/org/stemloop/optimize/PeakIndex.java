package org.stemloop.optimize;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.stemloop.detect.ScaleSpace;
import org.stemloop.geom.CellGrid;

/**
 * The LoG* fast path for many candidates on one stack: each grid layer's in-layer local maxima
 * (a pixel at least as large as its 8 neighbours, positive), found once, so that a
 * candidate's 3 x 3 x 3 peaks are only those maxima above its threshold that also beat the
 * 3 x 3 windows of its neighbouring scales. A candidate then costs in proportion to the maxima
 * of its layers (about a ninth of the pixels on noisy frames), not to pixels times scales.
 *
 * <p>The peaks equal {@code blob_log}'s for positive thresholds (a 3 x 3 x 3 maximum is a 3 x 3
 * maximum in its own layer; the 'nearest' border of SciPy's maximum filter adds no new values).
 * Pruning follows scikit-image's rule (pairs closer than {@code 2 sqrt(2)} times the largest
 * sigma, overlap of the {@code sqrt(2) sigma} disks as a fraction of the smaller, the smaller
 * sigma dropped, the first of the pair on a tie) but visits the pairs by grid cell instead of in
 * Python's set order: the surviving blobs can differ only where three or more blobs overlap in a
 * chain. The search re-scores its front with the exact detector for that reason.
 *
 * @apiNote Cost: one pass over every layer to build (parallel); memory about one int and one
 *          double per nine pixels per layer on noisy frames, fewer on clean ones.
 */
final class PeakIndex {

    private static final double ROOT2 = Math.sqrt(2);

    private final ScaleSpace stack;
    private final int[][] pixels;
    private final double[][] values;

    PeakIndex(ScaleSpace stack) {
        this.stack = stack;
        int n = stack.numScales();
        pixels = new int[n][];
        values = new double[n][];
        IntStream.range(0, n).parallel().forEach(this::indexLayer);
    }

    private void indexLayer(int k) {
        int h = stack.height();
        int w = stack.width();
        int count = 0;
        int[] pix = new int[256];
        double[] val = new double[256];
        for (int r = 0; r < h; r++) {
            for (int c = 0; c < w; c++) {
                double v = stack.value(r, c, k);
                if (v > 0 && atLeastWindow(v, r, c, k)) {
                    if (count == pix.length) {
                        pix = Arrays.copyOf(pix, count * 2);
                        val = Arrays.copyOf(val, count * 2);
                    }
                    pix[count] = r * w + c;
                    val[count++] = v;
                }
            }
        }
        pixels[k] = Arrays.copyOf(pix, count);
        values[k] = Arrays.copyOf(val, count);
    }

    /** Whether {@code v} is at least every value in the 3 x 3 window around (r, c) of layer k. */
    private boolean atLeastWindow(double v, int r, int c, int k) {
        int rHi = Math.min(stack.height() - 1, r + 1);
        int cHi = Math.min(stack.width() - 1, c + 1);
        for (int y = Math.max(0, r - 1); y <= rHi; y++) {
            for (int x = Math.max(0, c - 1); x <= cHi; x++) {
                if (stack.value(y, x, k) > v) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * The blobs of one candidate as {@code {row, col, sigma}} rows, pruned, in layer then raster
     * order (not sorted by brightness: only the set matters for the rewards).
     *
     * @param layers    the candidate's grid layers, ascending
     * @param threshold absolute threshold, positive
     * @param overlap   pruning overlap in [0, 1]
     */
    double[][] detect(int[] layers, double threshold, double overlap) {
        int w = stack.width();
        int n = 0;
        int[] rows = new int[1024];
        int[] cols = new int[1024];
        double[] sigma = new double[1024];
        for (int k = 0; k < layers.length; k++) {
            int layer = layers[k];
            int[] pix = pixels[layer];
            double[] val = values[layer];
            double s = stack.sigma(layer);
            for (int i = 0; i < pix.length; i++) {
                double v = val[i];
                if (v <= threshold) {
                    continue;
                }
                int r = pix[i] / w;
                int c = pix[i] - r * w;
                if ((k == 0 || atLeastWindow(v, r, c, layers[k - 1]))
                        && (k == layers.length - 1 || atLeastWindow(v, r, c, layers[k + 1]))) {
                    if (n == rows.length) {
                        rows = Arrays.copyOf(rows, 2 * n);
                        cols = Arrays.copyOf(cols, 2 * n);
                        sigma = Arrays.copyOf(sigma, 2 * n);
                    }
                    rows[n] = r;
                    cols[n] = c;
                    sigma[n++] = s;
                }
            }
        }
        prune(rows, cols, sigma, n, overlap);
        List<double[]> kept = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (sigma[i] > 0) {
                kept.add(new double[] {rows[i], cols[i], sigma[i]});
            }
        }
        return kept.toArray(new double[0][]);
    }

    /**
     * Drops (sigma = 0) the smaller of each too-overlapping pair; cells of the largest reach, from the
     * image's corner, find the pairs (their order of visit decides chains of overlaps).
     */
    private static void prune(int[] rows, int[] cols, double[] sigma, int n, double overlap) {
        if (n < 2) {
            return;
        }
        double maxSigma = 0;
        double[] r = new double[n];
        double[] c = new double[n];
        for (int i = 0; i < n; i++) {
            maxSigma = Math.max(maxSigma, sigma[i]);
            r[i] = rows[i];
            c[i] = cols[i];
        }
        CellGrid grid = new CellGrid(r, c, n, Math.max(1, (int) Math.ceil(2 * ROOT2 * maxSigma)), 0, 0);
        for (int i = 0; i < n; i++) {
            int gy = grid.cellRow(r[i]);
            int gx = grid.cellCol(c[i]);
            for (int y = gy - 1; y <= gy + 1; y++) {
                for (int x = gx - 1; x <= gx + 1; x++) {
                    int slot = grid.slot(y, x);
                    for (int m = slot < 0 ? 0 : grid.start(slot), end = slot < 0 ? 0 : grid.end(slot); m < end; m++) {
                        int j = grid.member(m);
                        if (j <= i || sigma[i] == 0 || sigma[j] == 0) {
                            continue;
                        }
                        double dy = rows[i] - rows[j];
                        double dx = cols[i] - cols[j];
                        double touch = ROOT2 * (sigma[i] + sigma[j]);
                        if (dy * dy + dx * dx > touch * touch) {
                            continue;
                        }
                        if (diskOverlap(rows[i], cols[i], sigma[i], rows[j], cols[j], sigma[j]) > overlap) {
                            if (sigma[i] > sigma[j]) {
                                sigma[j] = 0;
                            } else {
                                sigma[i] = 0;
                            }
                        }
                    }
                }
            }
        }
    }

    /** scikit-image's {@code _blob_overlap}: the lens area over the smaller disk's area. */
    static double diskOverlap(double r1c, double c1, double s1, double r2c, double c2, double s2) {
        double scale = Math.max(s1, s2) * ROOT2;
        double r1 = s1 * ROOT2 / scale;
        double r2 = s2 * ROOT2 / scale;
        double d = Math.sqrt((r1c - r2c) * (r1c - r2c) + (c1 - c2) * (c1 - c2)) / scale;
        if (d > r1 + r2) {
            return 0;
        }
        if (d <= Math.abs(r1 - r2)) {
            return 1;
        }
        double ratio1 = Math.max(-1, Math.min(1, (d * d + r1 * r1 - r2 * r2) / (2 * d * r1)));
        double ratio2 = Math.max(-1, Math.min(1, (d * d + r2 * r2 - r1 * r1) / (2 * d * r2)));
        double area = r1 * r1 * Math.acos(ratio1) + r2 * r2 * Math.acos(ratio2)
                - 0.5 * Math.sqrt(Math.abs((-d + r2 + r1) * (d - r2 + r1) * (d + r2 - r1) * (d + r2 + r1)));
        double min = Math.min(r1, r2);
        return area / (Math.PI * min * min);
    }
}
