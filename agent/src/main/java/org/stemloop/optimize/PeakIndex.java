package org.stemloop.optimize;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.stemloop.detect.ScaleSpace;

/**
 * The LoG* fast path for many candidates on one stack: each grid layer's in-layer local maxima
 * (a pixel at least as large as its 8 neighbours), found once and sorted by value, so that a
 * candidate's 3 x 3 x 3 peaks are only those maxima above its threshold that also beat the
 * 3 x 3 windows of its neighbouring scales. A candidate then costs in proportion to its peaks,
 * not to its pixels times scales.
 *
 * <p>The peaks equal {@code blob_log}'s for positive thresholds (a 3 x 3 x 3 maximum is a 3 x 3
 * maximum in its own layer; the 'nearest' border of SciPy's maximum filter adds no new values).
 * Pruning follows scikit-image's rule (pairs closer than {@code 2 sqrt(2)} times the largest
 * sigma, overlap of the {@code sqrt(2) sigma} disks as a fraction of the smaller, the smaller
 * sigma dropped, the first of the pair on a tie) but visits the pairs in index order instead of
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
        List<long[]> found = new ArrayList<>();
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
        Integer[] order = new Integer[count];
        for (int i = 0; i < count; i++) {
            order[i] = i;
        }
        double[] v = val;
        int[] p = pix;
        Arrays.sort(order, (a, b) -> v[a] != v[b] ? Double.compare(v[b], v[a]) : Integer.compare(p[a], p[b]));
        pixels[k] = new int[count];
        values[k] = new double[count];
        for (int i = 0; i < count; i++) {
            pixels[k][i] = p[order[i]];
            values[k][i] = v[order[i]];
        }
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
     * The blobs of one candidate as {@code {row, col, sigma}} rows, brightest first, pruned.
     *
     * @param layers    the candidate's grid layers, ascending
     * @param threshold absolute threshold, positive
     * @param overlap   pruning overlap in [0, 1]
     */
    double[][] detect(int[] layers, double threshold, double overlap) {
        int w = stack.width();
        List<double[]> peaks = new ArrayList<>();
        for (int k = 0; k < layers.length; k++) {
            int layer = layers[k];
            int[] pix = pixels[layer];
            double[] val = values[layer];
            for (int i = 0; i < pix.length && val[i] > threshold; i++) {
                int r = pix[i] / w;
                int c = pix[i] % w;
                if ((k == 0 || atLeastWindow(val[i], r, c, layers[k - 1]))
                        && (k == layers.length - 1 || atLeastWindow(val[i], r, c, layers[k + 1]))) {
                    peaks.add(new double[] {r, c, stack.sigma(layer), val[i], (double) pix[i] * layers.length + k});
                }
            }
        }
        peaks.sort((a, b) -> a[3] != b[3] ? Double.compare(b[3], a[3]) : Double.compare(a[4], b[4]));
        double[][] blobs = peaks.toArray(new double[0][]);
        prune(blobs, overlap);
        return Arrays.stream(blobs).filter(b -> b[2] > 0).map(b -> new double[] {b[0], b[1], b[2]})
                .toArray(double[][]::new);
    }

    private static void prune(double[][] blobs, double overlap) {
        double maxSigma = 0;
        for (double[] b : blobs) {
            maxSigma = Math.max(maxSigma, b[2]);
        }
        double reach = 2 * ROOT2 * maxSigma;
        int cell = Math.max(1, (int) Math.ceil(reach));
        java.util.Map<Long, List<Integer>> grid = new java.util.HashMap<>();
        for (int i = 0; i < blobs.length; i++) {
            grid.computeIfAbsent(cellKey((int) blobs[i][0] / cell, (int) blobs[i][1] / cell), k -> new ArrayList<>()).add(i);
        }
        for (int i = 0; i < blobs.length; i++) {
            int gy = (int) blobs[i][0] / cell;
            int gx = (int) blobs[i][1] / cell;
            List<Integer> near = new ArrayList<>();
            for (int dy = -1; dy <= 1; dy++) {
                for (int dx = -1; dx <= 1; dx++) {
                    List<Integer> members = grid.get(cellKey(gy + dy, gx + dx));
                    if (members != null) {
                        for (int j : members) {
                            if (j > i) {
                                near.add(j);
                            }
                        }
                    }
                }
            }
            near.sort(null);
            for (int j : near) {
                double[] a = blobs[i];
                double[] b = blobs[j];
                if (a[2] == 0 || b[2] == 0 || Math.hypot(a[0] - b[0], a[1] - b[1]) > reach) {
                    continue;
                }
                if (diskOverlap(a, b) > overlap) {
                    if (a[2] > b[2]) {
                        b[2] = 0;
                    } else {
                        a[2] = 0;
                    }
                }
            }
        }
    }

    private static long cellKey(int gy, int gx) {
        return ((long) gy << 32) ^ (gx & 0xffffffffL);
    }

    /** scikit-image's {@code _blob_overlap}: the lens area over the smaller disk's area. */
    static double diskOverlap(double[] a, double[] b) {
        double scale = Math.max(a[2], b[2]) * ROOT2;
        double r1 = a[2] * ROOT2 / scale;
        double r2 = b[2] * ROOT2 / scale;
        double d = Math.hypot(a[0] - b[0], a[1] - b[1]) / scale;
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
