package org.stemloop.eval;

import java.util.Arrays;
import java.util.List;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/**
 * A uniform grid over a fixed set of points for fixed-radius neighbour queries: with the cell
 * size equal to the query radius, a query looks at the 3x3 cells around it instead of every
 * point, so matching n predictions against m true atoms costs O((n + m) log m) plus the number of
 * close pairs, not O(n * m).
 *
 * <p>Only occupied cells are stored (sorted cell keys, points grouped by cell), so an image with
 * a few stray points far away costs nothing extra.
 */
final class PointGrid {

    /** Beyond this many cells per axis, floating-point rounding of cell indices gets coarse. */
    private static final long MAX_CELLS_PER_AXIS = 1L << 24;
    /** Slack, in cells, so that rounding never drops a pair at exactly the query radius. */
    private static final double PAD = 1e-6;

    private final Point[] points;
    private final double cellSize;
    private final double minRow;
    private final double minCol;
    private final long rowCells;
    private final long colCells;
    private final long[] cellKeys;
    private final int[] cellStart;
    private final int[] byCell;

    /**
     * @param points   the points to index (copied); may be empty
     * @param cellSize edge of a square cell, pixels; the query radius is the right choice
     * @throws IllegalArgumentException when the cell size is not positive, or so small that the
     *                                  points span more than 2^24 cells along an axis
     */
    PointGrid(List<Point> points, double cellSize) {
        if (!(cellSize > 0) || !Double.isFinite(cellSize)) {
            throw new IllegalArgumentException("Grid cell size must be positive and finite: " + cellSize);
        }
        this.points = points.toArray(new Point[0]);
        this.cellSize = cellSize;
        double r0 = Double.POSITIVE_INFINITY, c0 = Double.POSITIVE_INFINITY;
        double r1 = Double.NEGATIVE_INFINITY, c1 = Double.NEGATIVE_INFINITY;
        for (Point p : this.points) {
            r0 = Math.min(r0, p.row());
            r1 = Math.max(r1, p.row());
            c0 = Math.min(c0, p.col());
            c1 = Math.max(c1, p.col());
        }
        int n = this.points.length;
        this.minRow = n == 0 ? 0 : r0;
        this.minCol = n == 0 ? 0 : c0;
        this.rowCells = n == 0 ? 1 : cellsAlong(r1 - r0);
        this.colCells = n == 0 ? 1 : cellsAlong(c1 - c0);

        long[] keyOf = new long[n];
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            keyOf[i] = rowCell(this.points[i].row()) * colCells + colCell(this.points[i].col());
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Long.compare(keyOf[a], keyOf[b]));
        this.byCell = new int[n];
        long[] keys = new long[n];
        int[] starts = new int[n + 1];
        int cells = 0;
        for (int k = 0; k < n; k++) {
            int i = order[k];
            byCell[k] = i;
            if (cells == 0 || keys[cells - 1] != keyOf[i]) {
                keys[cells] = keyOf[i];
                starts[cells] = k;
                cells++;
            }
        }
        starts[cells] = n;
        this.cellKeys = Arrays.copyOf(keys, cells);
        this.cellStart = Arrays.copyOf(starts, cells + 1);
    }

    int size() {
        return points.length;
    }

    Point point(int index) {
        return points[index];
    }

    /**
     * Calls {@code action} with the index of every point at distance {@code <= radius} from
     * {@code query} (squared distances compared, so ties at exactly the radius count as within).
     * Order: by cell, then by index.
     */
    void forEachWithin(Point query, double radius, IntConsumer action) {
        double r2 = radius * radius;
        long rLo = Math.max(0, (long) Math.floor((query.row() - radius - minRow) / cellSize - PAD));
        long rHi = Math.min(rowCells - 1, (long) Math.floor((query.row() + radius - minRow) / cellSize + PAD));
        long cLo = Math.max(0, (long) Math.floor((query.col() - radius - minCol) / cellSize - PAD));
        long cHi = Math.min(colCells - 1, (long) Math.floor((query.col() + radius - minCol) / cellSize + PAD));
        for (long r = rLo; r <= rHi; r++) {
            for (long c = cLo; c <= cHi; c++) {
                int cell = Arrays.binarySearch(cellKeys, r * colCells + c);
                if (cell < 0) {
                    continue;
                }
                for (int k = cellStart[cell]; k < cellStart[cell + 1]; k++) {
                    int i = byCell[k];
                    if (points[i].distanceSquared(query) <= r2) {
                        action.accept(i);
                    }
                }
            }
        }
    }

    /** Indices of the points within {@code radius} of {@code query}, as {@link #forEachWithin}. */
    int[] indicesWithin(Point query, double radius) {
        IntStream.Builder found = IntStream.builder();
        forEachWithin(query, radius, found::add);
        return found.build().toArray();
    }

    /** Whether any point lies within {@code radius} of {@code query}. */
    boolean anyWithin(Point query, double radius) {
        boolean[] found = {false};
        forEachWithin(query, radius, i -> found[0] = true);
        return found[0];
    }

    private long cellsAlong(double extent) {
        double cells = Math.floor(extent / cellSize) + 1;
        if (cells > MAX_CELLS_PER_AXIS) {
            throw new IllegalArgumentException(
                    "Radius %s pixels too small for points spanning %s pixels (more than 2^24 cells per axis)"
                            .formatted(cellSize, extent));
        }
        return (long) cells;
    }

    private long rowCell(double row) {
        return Math.min(rowCells - 1, (long) Math.floor((row - minRow) / cellSize));
    }

    private long colCell(double col) {
        return Math.min(colCells - 1, (long) Math.floor((col - minCol) / cellSize));
    }
}
