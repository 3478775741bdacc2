package org.stemloop.detect;

import java.util.Arrays;
import org.stemloop.geom.CellGrid;

/**
 * Removes blobs that overlap too much, as scikit-image's {@code _prune_blobs}: for every pair
 * of blobs closer than {@code 2 sqrt(2)} times the largest sigma found, the overlap of their
 * disks (radius {@code sqrt(2) sigma}) is measured as a fraction of the smaller disk; above the
 * limit the blob with the smaller sigma is dropped (on a tie, the first of the pair). Pairs are
 * visited in the order scikit-image visits them ({@link PythonSetOrder}), and the arithmetic
 * follows its NumPy types, float32 included, so chains of overlaps resolve the same way.
 */
final class BlobPruner {

    private BlobPruner() {
    }

    /**
     * Prunes in place: {@code sigma[i]} becomes 0 for every dropped blob.
     *
     * @param rows    blob rows (integers)
     * @param cols    blob columns (integers)
     * @param sigma   blob sigmas, in the stack's precision
     * @param overlap the largest overlap kept, in [0, 1]
     * @param float32 whether the blobs carry float32 values (scikit-image's arithmetic differs)
     */
    static void prune(int[] rows, int[] cols, double[] sigma, double overlap, boolean float32) {
        int n = sigma.length;
        if (n < 2) {
            return;
        }
        double maxSigma = Arrays.stream(sigma).max().orElseThrow();
        double distance = 2 * maxSigma * Math.sqrt(2);
        long[] pairs = PythonSetOrder.iterationOrder(pairsWithin(rows, cols, distance));
        for (long pair : pairs) {
            int i = (int) (pair >>> 32);
            int j = (int) pair;
            double o = float32
                    ? DiskOverlap.float32(rows[i], cols[i], sigma[i], rows[j], cols[j], sigma[j])
                    : DiskOverlap.float64(rows[i], cols[i], sigma[i], rows[j], cols[j], sigma[j]);
            if (o > overlap) {
                if (sigma[i] > sigma[j]) {
                    sigma[j] = 0;
                } else {
                    sigma[i] = 0;
                }
            }
        }
    }

    /** All pairs {@code i < j} with Euclidean distance at most {@code distance}, sorted, packed {@code i << 32 | j}. */
    static long[] pairsWithin(int[] rows, int[] cols, double distance) {
        int n = rows.length;
        double limit = distance * distance;
        double[] r = new double[n];
        double[] c = new double[n];
        int minR = Integer.MAX_VALUE;
        int minC = Integer.MAX_VALUE;
        for (int i = 0; i < n; i++) {
            r[i] = rows[i];
            c[i] = cols[i];
            minR = Math.min(minR, rows[i]);
            minC = Math.min(minC, cols[i]);
        }
        CellGrid grid = new CellGrid(r, c, n, Math.max(1, (int) Math.ceil(distance)), minR, minC);
        long[] out = new long[Math.max(16, n)];
        int count = 0;
        for (int i = 0; i < n; i++) {
            int gr = grid.cellRow(r[i]);
            int gc = grid.cellCol(c[i]);
            for (int y = gr - 1; y <= gr + 1; y++) {
                for (int x = gc - 1; x <= gc + 1; x++) {
                    int slot = grid.slot(y, x);
                    for (int m = slot < 0 ? 0 : grid.start(slot), end = slot < 0 ? 0 : grid.end(slot); m < end; m++) {
                        int j = grid.member(m);
                        if (j <= i) {
                            continue;
                        }
                        double dr = rows[i] - rows[j];
                        double dc = cols[i] - cols[j];
                        if (dr * dr + dc * dc <= limit) {
                            if (count == out.length) {
                                out = Arrays.copyOf(out, count * 2);
                            }
                            out[count++] = ((long) i << 32) | j;
                        }
                    }
                }
            }
        }
        long[] pairs = Arrays.copyOf(out, count);
        Arrays.sort(pairs);
        return pairs;
    }
}
