package org.stemloop.eval;

import java.util.List;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;
import org.stemloop.geom.CellGrid;

/**
 * A uniform grid over a fixed set of points for fixed-radius neighbour queries: with the cell
 * size equal to the query radius, a query looks at the 3x3 cells around it instead of every
 * point, so matching n predictions against m true atoms costs O((n + m) log m) plus the number of
 * close pairs, not O(n * m).
 *
 * <p>The cells are a {@link CellGrid}, which stores only the occupied ones when they are few
 * among many, so an image with a few stray points far away costs nothing extra.
 */
final class PointGrid {

    /** Slack, in cells, so that rounding never drops a pair at exactly the query radius. */
    private static final double PAD = 1e-6;

    private final Point[] points;
    private final CellGrid grid;

    /**
     * @param points   the points to index (copied); may be empty
     * @param cellSize edge of a square cell, pixels; the query radius is the right choice
     * @throws IllegalArgumentException when the cell size is not positive, or so small that the
     *                                  points span more than 2^24 cells along an axis
     */
    PointGrid(List<Point> points, double cellSize) {
        this.points = points.toArray(new Point[0]);
        int n = this.points.length;
        double[] rows = new double[n];
        double[] cols = new double[n];
        double r0 = n == 0 ? 0 : Double.POSITIVE_INFINITY;
        double c0 = n == 0 ? 0 : Double.POSITIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            rows[i] = this.points[i].row();
            cols[i] = this.points[i].col();
            r0 = Math.min(r0, rows[i]);
            c0 = Math.min(c0, cols[i]);
        }
        this.grid = new CellGrid(rows, cols, n, cellSize, r0, c0);
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
        double size = grid.cellSize();
        long rLo = Math.max(0, (long) Math.floor((query.row() - radius - grid.originRow()) / size - PAD));
        long rHi = Math.min(grid.gridRows() - 1, (long) Math.floor((query.row() + radius - grid.originRow()) / size + PAD));
        long cLo = Math.max(0, (long) Math.floor((query.col() - radius - grid.originCol()) / size - PAD));
        long cHi = Math.min(grid.gridCols() - 1, (long) Math.floor((query.col() + radius - grid.originCol()) / size + PAD));
        for (long r = rLo; r <= rHi; r++) {
            for (long c = cLo; c <= cHi; c++) {
                int slot = grid.slot((int) r, (int) c);
                if (slot < 0) {
                    continue;
                }
                for (int k = grid.start(slot); k < grid.end(slot); k++) {
                    int i = grid.member(k);
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
}
