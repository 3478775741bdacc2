package org.stemloop.optimize;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.stemloop.detect.Blob;

/**
 * How two readings of one frame differ atom by atom: the atoms of {@code option} with no atom of
 * {@code reference} within the matching radius (the option <em>adds</em> them) and the atoms of
 * {@code reference} with none of {@code option} within it (the option <em>drops</em> them).
 *
 * <p>Two readings with nothing added and nothing dropped are the same interpretation of the frame,
 * whatever their parameters: the same atoms, each perhaps a pixel or two elsewhere. The radius is
 * the project's matching convention, a third of the nearest-neighbour distance
 * ({@link #radiusFor(double)}), so one atom can never stand in for a neighbour.
 *
 * @param added   atoms of the option without a partner in the reference, in the option's order
 * @param dropped atoms of the reference without a partner in the option, in the reference's order
 * @param radius  the matching radius used, pixels
 * @apiNote Cost: O(n + m) with a cell grid of side {@code radius}.
 */
public record AtomSetDiff(List<Blob> added, List<Blob> dropped, double radius) {

    public AtomSetDiff {
        added = List.copyOf(added);
        dropped = List.copyOf(dropped);
        if (!(radius > 0) || !Double.isFinite(radius)) {
            throw new IllegalArgumentException("Matching radius must be positive and finite: " + radius);
        }
    }

    /** The matching radius for a lattice of this nearest-neighbour distance: a third of it, pixels. */
    public static double radiusFor(double nearestNeighbourPx) {
        return nearestNeighbourPx / 3;
    }

    /** What {@code option} adds to and drops from {@code reference}. */
    public static AtomSetDiff of(List<Blob> option, List<Blob> reference, double radius) {
        Objects.requireNonNull(option, "option");
        Objects.requireNonNull(reference, "reference");
        if (!(radius > 0) || !Double.isFinite(radius)) {
            throw new IllegalArgumentException("Matching radius must be positive and finite: " + radius);
        }
        return new AtomSetDiff(unmatched(option, reference, radius), unmatched(reference, option, radius), radius);
    }

    /** Whether both readings have the same atoms within the radius. */
    public boolean same() {
        return added.isEmpty() && dropped.isEmpty();
    }

    /** The atoms of {@code a} with no atom of {@code b} within {@code radius}. */
    private static List<Blob> unmatched(List<Blob> a, List<Blob> b, double radius) {
        Map<Long, List<Blob>> grid = new HashMap<>();
        for (Blob x : b) {
            grid.computeIfAbsent(cell(x.row(), x.col(), radius), k -> new ArrayList<>()).add(x);
        }
        List<Blob> out = new ArrayList<>();
        double r2 = radius * radius;
        for (Blob x : a) {
            if (!hasPartner(grid, x, radius, r2)) {
                out.add(x);
            }
        }
        return out;
    }

    private static boolean hasPartner(Map<Long, List<Blob>> grid, Blob x, double radius, double r2) {
        long cr = (long) Math.floor(x.row() / radius);
        long cc = (long) Math.floor(x.col() / radius);
        for (long dr = -1; dr <= 1; dr++) {
            for (long dc = -1; dc <= 1; dc++) {
                for (Blob y : grid.getOrDefault(key(cr + dr, cc + dc), List.of())) {
                    double d0 = x.row() - y.row();
                    double d1 = x.col() - y.col();
                    if (d0 * d0 + d1 * d1 <= r2) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static long cell(double row, double col, double radius) {
        return key((long) Math.floor(row / radius), (long) Math.floor(col / radius));
    }

    private static long key(long r, long c) {
        return (r << 32) ^ (c & 0xffffffffL);
    }
}
