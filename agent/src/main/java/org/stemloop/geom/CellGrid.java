package org.stemloop.geom;

import java.util.Arrays;

/**
 * Points of the plane bucketed into square cells, for neighbour searches that look at a few cells
 * instead of every point: the one spatial grid of blob pruning ({@code detect.BlobPruner}, the LoG*
 * fast path's {@code optimize.PeakIndex}), matching ({@code eval.PointGrid}) and k-nearest neighbours
 * ({@code reward.NeighbourGrid}).
 *
 * <p>Cell {@code (gr, gc)} holds the points with {@code floor((row - originRow) / cellSize) = gr} and
 * likewise for columns, the last row and column of cells also taking anything beyond; the grid spans
 * the points' bounding box from the origin. Within a cell the points keep their index order, so a scan
 * visits them in the same order whatever the layout. The cells are stored densely (one slot per cell,
 * O(1) lookup) while there are at most four per point or 2^21 in all, else only the occupied ones, sorted (a
 * binary search per lookup), so a few stray points far apart cost nothing extra.
 *
 * <p>Use: {@link #slot(int, int)} of each cell near a query, then the points {@link #member(int)} of
 * {@code k} in {@code start(slot) <= k < end(slot)}.
 *
 * @apiNote O(n + cells) to build densely, O(n log n) sparsely; memory a few ints per point (and per cell).
 */
public final class CellGrid {

    /** Beyond this many cells per axis, floating-point rounding of cell indices gets coarse. */
    public static final int MAX_CELLS_PER_AXIS = 1 << 24;

    /** Up to this many cells (plus four per point) are stored densely: 8 MiB, a 4096² frame in cells of 3 px. */
    private static final long DENSE_CELLS = 1 << 21;

    private final double originRow;
    private final double originCol;
    private final double cellSize;
    private final int gridRows;
    private final int gridCols;
    /** Sorted keys of the occupied cells when sparse; {@code null} when dense. */
    private final long[] keys;
    private final int[] start;
    private final int[] members;

    /**
     * @param rows      the points' rows (not copied: used only while building)
     * @param cols      the points' columns
     * @param n         how many points of the arrays to index (the first {@code n})
     * @param cellSize  edge of a square cell, positive and finite; the search radius is the usual choice
     * @param originRow row where cell row 0 begins, at most the smallest row
     * @param originCol column where cell column 0 begins, at most the smallest column
     * @throws IllegalArgumentException when the cell size is not positive and finite, or the points span
     *                                  more than {@link #MAX_CELLS_PER_AXIS} cells along an axis
     */
    public CellGrid(double[] rows, double[] cols, int n, double cellSize, double originRow, double originCol) {
        if (!(cellSize > 0) || !Double.isFinite(cellSize)) {
            throw new IllegalArgumentException("Grid cell size must be positive and finite: " + cellSize);
        }
        if (n < 0 || n > rows.length || n > cols.length) {
            throw new IllegalArgumentException("n must be 0..%d: %d".formatted(Math.min(rows.length, cols.length), n));
        }
        this.cellSize = cellSize;
        this.originRow = originRow;
        this.originCol = originCol;
        double maxRow = originRow;
        double maxCol = originCol;
        for (int i = 0; i < n; i++) {
            maxRow = Math.max(maxRow, rows[i]);
            maxCol = Math.max(maxCol, cols[i]);
        }
        this.gridRows = cellsAlong(maxRow - originRow);
        this.gridCols = cellsAlong(maxCol - originCol);
        long[] keyOf = new long[n];
        for (int i = 0; i < n; i++) {
            keyOf[i] = (long) cellRow(rows[i]) * gridCols + cellCol(cols[i]);
        }
        this.members = new int[n];
        long cells = (long) gridRows * gridCols;
        if (cells <= 4L * n + DENSE_CELLS) {
            this.keys = null;
            this.start = denseStarts(keyOf, (int) cells, members);
        } else {
            long[][] sorted = new long[1][];
            this.start = sparseStarts(keyOf, members, sorted);
            this.keys = sorted[0];
        }
    }

    /** Counting sort of the points into every cell; {@code start[cell] .. start[cell + 1]}. */
    private static int[] denseStarts(long[] keyOf, int cells, int[] members) {
        int[] start = new int[cells + 1];
        for (long key : keyOf) {
            start[(int) key + 1]++;
        }
        for (int c = 0; c < cells; c++) {
            start[c + 1] += start[c];
        }
        int[] fill = Arrays.copyOf(start, cells);
        for (int i = 0; i < keyOf.length; i++) {
            members[fill[(int) keyOf[i]]++] = i;
        }
        return start;
    }

    /** A stable sort of the points by cell; the occupied cells' keys go to {@code keysOut[0]}. */
    private static int[] sparseStarts(long[] keyOf, int[] members, long[][] keysOut) {
        int n = keyOf.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        // a stable sort: index order within a cell
        Arrays.sort(order, (a, b) -> Long.compare(keyOf[a], keyOf[b]));
        long[] keys = new long[n];
        int[] starts = new int[n + 1];
        int cells = 0;
        for (int k = 0; k < n; k++) {
            int i = order[k];
            members[k] = i;
            if (cells == 0 || keys[cells - 1] != keyOf[i]) {
                keys[cells] = keyOf[i];
                starts[cells++] = k;
            }
        }
        starts[cells] = n;
        keysOut[0] = Arrays.copyOf(keys, cells);
        return Arrays.copyOf(starts, cells + 1);
    }

    private int cellsAlong(double extent) {
        double cells = Math.floor(extent / cellSize) + 1;
        if (!(cells <= MAX_CELLS_PER_AXIS)) {
            throw new IllegalArgumentException(
                    "Cell size %s too small for points spanning %s (more than 2^24 cells per axis)"
                            .formatted(cellSize, extent));
        }
        return (int) cells;
    }

    /** The cell row of {@code row}, clamped to the grid. */
    public int cellRow(double row) {
        return (int) Math.max(0, Math.min(gridRows - 1, Math.floor((row - originRow) / cellSize)));
    }

    /** The cell column of {@code col}, clamped to the grid. */
    public int cellCol(double col) {
        return (int) Math.max(0, Math.min(gridCols - 1, Math.floor((col - originCol) / cellSize)));
    }

    /** The slot of cell {@code (gr, gc)}, or -1 when it is outside the grid or empty. */
    public int slot(int gr, int gc) {
        if (gr < 0 || gc < 0 || gr >= gridRows || gc >= gridCols) {
            return -1;
        }
        long key = (long) gr * gridCols + gc;
        if (keys == null) {
            return (int) key;
        }
        int slot = Arrays.binarySearch(keys, key);
        return slot < 0 ? -1 : slot;
    }

    /** The first position of a slot's points. */
    public int start(int slot) {
        return start[slot];
    }

    /** One past the last position of a slot's points. */
    public int end(int slot) {
        return start[slot + 1];
    }

    /** The index of the point at {@code position}. */
    public int member(int position) {
        return members[position];
    }

    public int gridRows() {
        return gridRows;
    }

    public int gridCols() {
        return gridCols;
    }

    public double cellSize() {
        return cellSize;
    }

    public double originRow() {
        return originRow;
    }

    public double originCol() {
        return originCol;
    }
}
