package org.stemloop.detect;

import java.util.Arrays;

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
        int cell = Math.max(1, (int) Math.ceil(distance));
        int minR = Integer.MAX_VALUE;
        int minC = Integer.MAX_VALUE;
        int maxR = Integer.MIN_VALUE;
        int maxC = Integer.MIN_VALUE;
        for (int i = 0; i < n; i++) {
            minR = Math.min(minR, rows[i]);
            maxR = Math.max(maxR, rows[i]);
            minC = Math.min(minC, cols[i]);
            maxC = Math.max(maxC, cols[i]);
        }
        int gh = (maxR - minR) / cell + 1;
        int gw = (maxC - minC) / cell + 1;
        // counting sort of the blobs into grid cells
        int[] start = new int[gh * gw + 1];
        int[] cellOf = new int[n];
        for (int i = 0; i < n; i++) {
            cellOf[i] = ((rows[i] - minR) / cell) * gw + (cols[i] - minC) / cell;
            start[cellOf[i] + 1]++;
        }
        for (int c = 0; c < gh * gw; c++) {
            start[c + 1] += start[c];
        }
        int[] members = new int[n];
        int[] fill = Arrays.copyOf(start, start.length);
        for (int i = 0; i < n; i++) {
            members[fill[cellOf[i]]++] = i;
        }
        long[] out = new long[Math.max(16, n)];
        int count = 0;
        for (int i = 0; i < n; i++) {
            int gr = (rows[i] - minR) / cell;
            int gc = (cols[i] - minC) / cell;
            for (int r = Math.max(0, gr - 1); r <= Math.min(gh - 1, gr + 1); r++) {
                for (int c = Math.max(0, gc - 1); c <= Math.min(gw - 1, gc + 1); c++) {
                    int g = r * gw + c;
                    for (int m = start[g]; m < start[g + 1]; m++) {
                        int j = members[m];
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
