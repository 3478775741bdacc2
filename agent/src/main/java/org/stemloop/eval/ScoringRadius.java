package org.stemloop.eval;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The match radius used to score detections, and its checks.
 *
 * <p>The project's convention, used by {@code evaluate} when no radius is given and by the noise
 * sweep: a third of the median nearest-neighbour distance among the true atoms. A third keeps the
 * radius well below half the atom spacing, so one prediction can never be near two well-separated
 * atoms, yet tolerant of the one- or two-pixel offsets that detectors working at integer pixel
 * positions make. For graphene at 0.1 A/pixel (C-C 1.42 A) that is about 4.7 pixels.
 */
public final class ScoringRadius {

    private ScoringRadius() {
    }

    /**
     * A third of the median nearest-neighbour distance among {@code truth} (for an even count,
     * the mean of the two middle distances), pixels.
     *
     * @apiNote Cost: O(n log n) sort plus a sweep along the wider axis, about O(n sqrt n) for atoms
     *          spread over an image; 10^5 atoms take well under a second.
     * @param truth true atom positions, pixels (row, col)
     * @return the default match radius, pixels (&gt; 0)
     * @throws IllegalArgumentException with fewer than 2 atoms, or when the median distance is 0
     *                                  (more than half of the atoms are duplicates)
     */
    public static double defaultFor(List<Point> truth) {
        checked("truth", truth);
        if (truth.size() < 2) {
            throw new IllegalArgumentException(
                    "Default radius needs at least 2 true atoms, got %d: give the radius explicitly".formatted(truth.size()));
        }
        double[] nearest = nearestNeighbourDistances(truth);
        Arrays.sort(nearest);
        int n = nearest.length;
        double median = n % 2 == 1 ? nearest[n / 2] : (nearest[n / 2 - 1] + nearest[n / 2]) / 2;
        if (!(median > 0)) {
            throw new IllegalArgumentException(
                    "Default radius undefined: median nearest-neighbour distance among true atoms is 0 (duplicates)");
        }
        return median / 3;
    }

    /**
     * Distance from each point to its nearest other point, pixels, in no particular order (the
     * median does not care). Sweeps the points sorted along
     * the axis with the larger spread and stops scanning once that axis alone is farther than the
     * best distance so far.
     */
    static double[] nearestNeighbourDistances(List<Point> points) {
        Point[] sorted = points.toArray(new Point[0]);
        boolean byRow = spread(sorted, true) >= spread(sorted, false);
        Comparator<Point> order = byRow ? Comparator.comparingDouble(Point::row) : Comparator.comparingDouble(Point::col);
        Arrays.sort(sorted, order);
        double[] best2 = new double[sorted.length];
        for (int i = 0; i < sorted.length; i++) {
            best2[i] = Math.min(scan(sorted, i, +1, byRow), scan(sorted, i, -1, byRow));
        }
        double[] out = new double[best2.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = Math.sqrt(best2[i]);
        }
        return out;
    }

    /** Rejects a radius that is not a positive finite number of pixels; returns it. */
    static double require(double radius) {
        if (!(radius > 0) || !Double.isFinite(radius)) {
            throw new IllegalArgumentException("Match radius must be positive and finite (pixels): " + radius);
        }
        return radius;
    }

    /** Rejects a null list or null element, naming the list; returns it. */
    static List<Point> checked(String name, List<Point> points) {
        Objects.requireNonNull(points, name + " must not be null");
        for (int i = 0; i < points.size(); i++) {
            if (points.get(i) == null) {
                throw new IllegalArgumentException("%s point %d is null".formatted(name, i));
            }
        }
        return points;
    }

    /** Nearest squared distance from point i walking one way along the sorted axis. */
    private static double scan(Point[] sorted, int i, int step, boolean byRow) {
        double key = byRow ? sorted[i].row() : sorted[i].col();
        double best2 = Double.POSITIVE_INFINITY;
        for (int j = i + step; j >= 0 && j < sorted.length; j += step) {
            double gap = (byRow ? sorted[j].row() : sorted[j].col()) - key;
            if (gap * gap > best2) {
                break;
            }
            best2 = Math.min(best2, sorted[i].distanceSquared(sorted[j]));
        }
        return best2;
    }

    private static double spread(Point[] points, boolean rows) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (Point p : points) {
            double v = rows ? p.row() : p.col();
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        return hi - lo;
    }
}
