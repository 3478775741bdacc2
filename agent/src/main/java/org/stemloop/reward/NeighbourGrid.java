package org.stemloop.reward;

import java.util.Arrays;
import org.stemloop.geom.CellGrid;

/**
 * k-nearest-neighbour distances of 2-D points through a uniform grid of buckets ({@link CellGrid}).
 *
 * <p>The cell size comes from the points themselves (about two points per cell over their bounding
 * box), not from the expected lattice, so that a candidate full of noise blobs a few pixels apart is
 * as fast as a clean one. Each query visits rings of cells around its own until the k-th best
 * distance is no larger than the distance to the nearest unvisited ring.
 *
 * @apiNote O(n) to build and about O(n k) to query for points spread over an area; clustered
 *          points degrade towards O(n^2). 10^4 points take a few milliseconds.
 */
final class NeighbourGrid {

    private final double[] rows;
    private final double[] cols;
    private final CellGrid grid;

    /** The arrays are used as given, not copied: the caller owns them and keeps them unchanged. */
    NeighbourGrid(double[] rows, double[] cols) {
        if (rows.length != cols.length) {
            throw new IllegalArgumentException("Rows and cols differ in length: %d != %d".formatted(rows.length, cols.length));
        }
        this.rows = rows;
        this.cols = cols;
        int n = rows.length;
        double r0 = Double.POSITIVE_INFINITY, r1 = Double.NEGATIVE_INFINITY;
        double c0 = Double.POSITIVE_INFINITY, c1 = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            r0 = Math.min(r0, rows[i]);
            r1 = Math.max(r1, rows[i]);
            c0 = Math.min(c0, cols[i]);
            c1 = Math.max(c1, cols[i]);
        }
        if (n == 0) {
            r0 = r1 = c0 = c1 = 0;
        }
        double extent = Math.max(Math.max(r1 - r0, c1 - c0), 1e-9);
        double area = Math.max((r1 - r0) * (c1 - c0), extent * extent / Math.max(n, 1));
        double cell = Math.max(Math.sqrt(2 * area / Math.max(n, 1)), extent / 4096);
        this.grid = new CellGrid(rows, cols, n, cell, r0, c0);
    }

    /**
     * For every point, the distances to its {@code k} nearest other points, ascending: row-major
     * {@code n x k}; {@code +Infinity} where fewer than {@code k} other points exist.
     */
    double[] kNearestDistances(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1: " + k);
        }
        int n = rows.length;
        double[] out = new double[n * k];
        double[] best = new double[k];
        for (int i = 0; i < n; i++) {
            query(i, best);
            for (int j = 0; j < k; j++) {
                out[i * k + j] = Math.sqrt(best[j]);
            }
        }
        return out;
    }

    /** Fills {@code best} with the squared distances from point i to its nearest others, ascending. */
    private void query(int i, double[] best) {
        Arrays.fill(best, Double.POSITIVE_INFINITY);
        int k = best.length;
        double r = rows[i], c = cols[i];
        int cr = grid.cellRow(r), cc = grid.cellCol(c);
        int gridRows = grid.gridRows(), gridCols = grid.gridCols();
        double minRow = grid.originRow(), minCol = grid.originCol(), cell = grid.cellSize();
        int maxRing = Math.max(gridRows, gridCols);
        for (int ring = 0; ring <= maxRing; ring++) {
            for (int gr = cr - ring; gr <= cr + ring; gr++) {
                if (gr < 0 || gr >= gridRows) {
                    continue;
                }
                boolean edgeRow = gr == cr - ring || gr == cr + ring;
                int step = edgeRow ? 1 : 2 * ring;
                for (int gc = cc - ring; gc <= cc + ring; gc += Math.max(step, 1)) {
                    int slot = grid.slot(gr, gc);
                    if (slot >= 0) {
                        scanCell(i, slot, best);
                    }
                }
            }
            // every unvisited cell lies beyond the border of the (2 ring + 1)^2 block
            double reach = Math.min(Math.min(r - (minRow + (cr - ring) * cell), minRow + (cr + ring + 1) * cell - r),
                    Math.min(c - (minCol + (cc - ring) * cell), minCol + (cc + ring + 1) * cell - c));
            if (best[k - 1] <= reach * reach) {
                return;
            }
        }
    }

    private void scanCell(int i, int slot, double[] best) {
        int k = best.length;
        for (int m = grid.start(slot); m < grid.end(slot); m++) {
            int j = grid.member(m);
            if (j == i) {
                continue;
            }
            double dr = rows[j] - rows[i], dc = cols[j] - cols[i];
            double d2 = dr * dr + dc * dc;
            if (d2 < best[k - 1]) {
                int p = k - 1;
                while (p > 0 && best[p - 1] > d2) {
                    best[p] = best[p - 1];
                    p--;
                }
                best[p] = d2;
            }
        }
    }
}
