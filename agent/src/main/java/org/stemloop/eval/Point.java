package org.stemloop.eval;

import java.util.ArrayList;
import java.util.List;
import org.stemloop.detect.Blob;

/**
 * An atom position in pixel coordinates, as the detectors and the simulator write them.
 *
 * @param row row of the centre, pixels from the top (finite, may be fractional)
 * @param col column of the centre, pixels from the left (finite, may be fractional)
 */
public record Point(double row, double col) {

    public Point {
        if (!Double.isFinite(row) || !Double.isFinite(col)) {
            throw new IllegalArgumentException("Point coordinates must be finite: (%s, %s)".formatted(row, col));
        }
    }

    /** The centre of a detected blob; its sigma plays no part in matching. */
    public static Point of(Blob blob) {
        return new Point(blob.row(), blob.col());
    }

    /** The centres of detected blobs, in order. */
    public static List<Point> ofBlobs(List<Blob> blobs) {
        return blobs.stream().map(Point::of).toList();
    }

    /**
     * Points from rows {@code [row, col, ...]}; entries after the second (sigma, class label) are
     * ignored.
     *
     * @throws IllegalArgumentException naming the row that is shorter than 2 or not finite
     */
    public static List<Point> of(double[][] rowsCols) {
        List<Point> out = new ArrayList<>(rowsCols.length);
        for (int i = 0; i < rowsCols.length; i++) {
            double[] rc = rowsCols[i];
            if (rc == null || rc.length < 2) {
                throw new IllegalArgumentException("Point %d must be [row, col, ...], got %s"
                        .formatted(i, rc == null ? "null" : rc.length + " values"));
            }
            out.add(new Point(rc[0], rc[1]));
        }
        return List.copyOf(out);
    }

    /** Squared Euclidean distance to another point, pixels squared. */
    double distanceSquared(Point other) {
        double dr = row - other.row;
        double dc = col - other.col;
        return dr * dr + dc * dc;
    }
}
