package org.stemloop.optimize;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntBiFunction;
import org.stemloop.detect.Blob;

/**
 * Joins the atoms that windows found in their cells and a thin halo beyond into one list, each
 * atom once. Blobs of different windows closer than {@code sameAtom} are matched, closest pairs
 * first and at most one blob per window in a group: with equal parameters the windows report
 * the same blob at the same pixel, with different ones a pixel or two apart. Each group is one
 * atom, and it is the window that owns the group's mean position that decides: the group is kept,
 * as that window's blob, when that window reported it, and dropped otherwise (a blob only a
 * neighbour's halo saw is one the owner's parameters rejected). So an atom on a seam is kept once
 * even when its two windows put it on opposite sides of the seam, and none is lost.
 *
 * <p>Deterministic: the outcome depends only on the set of reported blobs, not on their order.
 *
 * @apiNote Cost: O(n log n) for n reported blobs (sorts and a hash grid of cell size {@code sameAtom}).
 */
final class SeamMerge {

    /**
     * A blob as one window reported it.
     *
     * @param window index of the window that found it
     */
    record Reported(Blob blob, int window) {
    }

    private record Pair(double distance, int a, int b) {
    }

    private SeamMerge() {
    }

    /**
     * The merged atoms, sorted by row then column.
     *
     * @param owner    the window whose cell holds a position (row, col)
     * @param sameAtom blobs of two windows closer than this (pixels) may be one atom
     */
    static List<Blob> merge(List<Reported> reported, ToIntBiFunction<Double, Double> owner, double sameAtom) {
        if (!(sameAtom > 0)) {
            throw new IllegalArgumentException("Same-atom distance must be positive: " + sameAtom);
        }
        List<Reported> all = new ArrayList<>(reported);
        all.sort(Comparator.comparingDouble((Reported r) -> r.blob().row()).thenComparingDouble(r -> r.blob().col())
                .thenComparingInt(Reported::window).thenComparingDouble(r -> r.blob().sigma()));
        int[] parent = new int[all.size()];
        List<List<Integer>> windows = new ArrayList<>();
        for (int i = 0; i < parent.length; i++) {
            parent[i] = i;
            windows.add(new ArrayList<>(List.of(all.get(i).window())));
        }
        for (Pair p : pairs(all, sameAtom)) {
            int ra = root(parent, p.a());
            int rb = root(parent, p.b());
            if (ra != rb && windows.get(ra).stream().noneMatch(windows.get(rb)::contains)) {
                parent[rb] = ra;
                windows.get(ra).addAll(windows.get(rb));
            }
        }
        Map<Integer, List<Reported>> groups = new HashMap<>();
        for (int i = 0; i < parent.length; i++) {
            groups.computeIfAbsent(root(parent, i), k -> new ArrayList<>()).add(all.get(i));
        }
        List<Blob> kept = new ArrayList<>();
        for (List<Reported> g : groups.values()) {
            double row = g.stream().mapToDouble(r -> r.blob().row()).average().orElseThrow();
            double col = g.stream().mapToDouble(r -> r.blob().col()).average().orElseThrow();
            int w = owner.applyAsInt(row, col);
            g.stream().filter(r -> r.window() == w).findFirst().ifPresent(r -> kept.add(r.blob()));
        }
        kept.sort(Comparator.comparingDouble(Blob::row).thenComparingDouble(Blob::col).thenComparingDouble(Blob::sigma));
        return List.copyOf(kept);
    }

    /** Pairs of blobs from different windows closer than {@code sameAtom}, closest first. */
    private static List<Pair> pairs(List<Reported> all, double sameAtom) {
        Map<Long, List<Integer>> grid = new HashMap<>();
        for (int i = 0; i < all.size(); i++) {
            grid.computeIfAbsent(pack(cell(all.get(i).blob().row(), sameAtom), cell(all.get(i).blob().col(), sameAtom)),
                    k -> new ArrayList<>()).add(i);
        }
        List<Pair> pairs = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            Blob a = all.get(i).blob();
            long gr = cell(a.row(), sameAtom);
            long gc = cell(a.col(), sameAtom);
            for (long dr = -1; dr <= 1; dr++) {
                for (long dc = -1; dc <= 1; dc++) {
                    for (int j : grid.getOrDefault(pack(gr + dr, gc + dc), List.of())) {
                        Blob b = all.get(j).blob();
                        double d = Math.hypot(a.row() - b.row(), a.col() - b.col());
                        if (j > i && all.get(j).window() != all.get(i).window() && d < sameAtom) {
                            pairs.add(new Pair(d, i, j));
                        }
                    }
                }
            }
        }
        pairs.sort(Comparator.comparingDouble(Pair::distance).thenComparingInt(Pair::a).thenComparingInt(Pair::b));
        return pairs;
    }

    private static int root(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    private static long cell(double x, double size) {
        return (long) Math.floor(x / size);
    }

    private static long pack(long r, long c) {
        return (r << 32) ^ (c & 0xffffffffL);
    }
}
