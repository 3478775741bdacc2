package org.stemloop.optimize;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The hypervolume indicator of a two-reward front: the area dominated by the front inside the
 * box from the ideal (0, 0) to the reference point (1, 1), both rewards minimised and each
 * clipped to [0, 1] first. QC and ER are fractions of the expected atom count, so (1, 1) means
 * "as many wrong atoms as there should be atoms": anything worse adds nothing. 1 is perfect.
 *
 * <p>Source: Zitzler and Thiele (1998), the S metric. Cost: {@code O(n log n)}.
 */
public final class Hypervolume {

    private Hypervolume() {
    }

    /** The dominated area in [0, 1]², 0 for an empty set; needs exactly two rewards per point. */
    public static double of(List<Candidate> points) {
        double[][] p = new double[points.size()][];
        for (int i = 0; i < p.length; i++) {
            Candidate c = points.get(i);
            if (c.rewards().length != 2) {
                throw new IllegalArgumentException("Hypervolume is implemented for two rewards, not " + c.rewards().length);
            }
            p[i] = new double[] {clip(c.reward(0)), clip(c.reward(1))};
        }
        Arrays.sort(p, Comparator.<double[]>comparingDouble(a -> a[0]).thenComparingDouble(a -> a[1]));
        double area = 0;
        double ceiling = 1;
        for (double[] q : p) {
            if (q[1] < ceiling) {
                area += (1 - q[0]) * (ceiling - q[1]);
                ceiling = q[1];
            }
        }
        return area;
    }

    private static double clip(double v) {
        return Math.max(0, Math.min(1, v));
    }
}
