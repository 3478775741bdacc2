package org.stemloop.poi;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Atoms binned in square cells one radius wide, so each atom's neighbours are found among 9 cells. */
final class NeighbourCells {

    private final List<AtomSite> atoms;
    private final double radius;
    private final Map<Long, List<Integer>> cells = new HashMap<>();

    NeighbourCells(List<AtomSite> atoms, double radius) {
        this.atoms = atoms;
        this.radius = radius;
        for (int i = 0; i < atoms.size(); i++) {
            cells.computeIfAbsent(key(cell(atoms.get(i).row()), cell(atoms.get(i).col())), k -> new ArrayList<>()).add(i);
        }
    }

    /** Distances from atom {@code i} to every other atom within the radius, pixels. */
    double[] distances(int i) {
        AtomSite a = atoms.get(i);
        long r0 = cell(a.row());
        long c0 = cell(a.col());
        List<Double> out = new ArrayList<>();
        for (long r = r0 - 1; r <= r0 + 1; r++) {
            for (long c = c0 - 1; c <= c0 + 1; c++) {
                for (int j : cells.getOrDefault(key(r, c), List.of())) {
                    if (j != i) {
                        double d = Math.hypot(atoms.get(j).row() - a.row(), atoms.get(j).col() - a.col());
                        if (d <= radius) {
                            out.add(d);
                        }
                    }
                }
            }
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** Offsets (row, col) from atom {@code i} to every other atom within the radius, pixels. */
    List<double[]> bonds(int i) {
        AtomSite a = atoms.get(i);
        List<double[]> out = new ArrayList<>();
        for (int j : near(a.row(), a.col())) {
            if (j != i) {
                double dr = atoms.get(j).row() - a.row();
                double dc = atoms.get(j).col() - a.col();
                if (Math.hypot(dr, dc) <= radius) {
                    out.add(new double[] {dr, dc});
                }
            }
        }
        return out;
    }

    /** Whether any atom lies within {@code distance} (at most the radius) of (row, col). */
    boolean occupied(double row, double col, double distance) {
        for (int j : near(row, col)) {
            if (Math.hypot(atoms.get(j).row() - row, atoms.get(j).col() - col) <= distance) {
                return true;
            }
        }
        return false;
    }

    /** Indices of the atoms in the 9 cells around (row, col). */
    private List<Integer> near(double row, double col) {
        long r0 = cell(row);
        long c0 = cell(col);
        List<Integer> out = new ArrayList<>();
        for (long r = r0 - 1; r <= r0 + 1; r++) {
            for (long c = c0 - 1; c <= c0 + 1; c++) {
                out.addAll(cells.getOrDefault(key(r, c), List.of()));
            }
        }
        return out;
    }

    private long cell(double v) {
        return (long) Math.floor(v / radius);
    }

    private static long key(long r, long c) {
        return (r << 32) ^ (c & 0xffffffffL);
    }
}
