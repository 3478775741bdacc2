package org.stemloop.poi;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The order in which points at the crystal's edge take the per-frame places: the points are joined into stretches
 * (chains of points within a link distance of each other: one hole's rim, one patch's), then the best of each
 * stretch in turn, the stretches by their best score. A long rim thus cannot take every place from a small patch.
 * Deterministic: ties go by atom index. O(n²) for the few tens of points a frame has.
 */
final class RimOrder {

    private RimOrder() {
    }

    static List<PointOfInterest> byStretch(List<PointOfInterest> points, double link) {
        int n = points.size();
        int[] parent = new int[n];
        for (int i = 0; i < n; i++) {
            parent[i] = i;
        }
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                PointOfInterest a = points.get(i);
                PointOfInterest b = points.get(j);
                if (Math.hypot(a.row() - b.row(), a.col() - b.col()) <= link) {
                    parent[root(parent, i)] = root(parent, j);
                }
            }
        }
        Comparator<PointOfInterest> best = Comparator.comparing(PointOfInterest::score, Comparator.reverseOrder())
                .thenComparing(PointOfInterest::atom);
        java.util.Map<Integer, List<PointOfInterest>> stretches = new java.util.HashMap<>();
        for (int i = 0; i < n; i++) {
            stretches.computeIfAbsent(root(parent, i), k -> new ArrayList<>()).add(points.get(i));
        }
        List<List<PointOfInterest>> ordered = new ArrayList<>(stretches.values());
        ordered.forEach(l -> l.sort(best));
        ordered.sort(Comparator.comparing(l -> l.get(0), best));
        List<PointOfInterest> out = new ArrayList<>(n);
        for (int round = 0; out.size() < n; round++) {
            for (List<PointOfInterest> l : ordered) {
                if (round < l.size()) {
                    out.add(l.get(round));
                }
            }
        }
        return out;
    }

    private static int root(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }
}
