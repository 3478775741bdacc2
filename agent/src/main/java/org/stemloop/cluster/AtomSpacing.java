package org.stemloop.cluster;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.stemloop.detect.Blob;

/**
 * The typical distance between neighbouring atoms, from the atoms alone: the median over the
 * atoms of the distance to the nearest other atom. It sets the patch size when no lattice is
 * known (the agent classifies frames of any material); the median ignores the few blobs that
 * noise puts close together or far apart.
 */
public final class AtomSpacing {

    private AtomSpacing() {
    }

    /**
     * The median nearest-neighbour distance of {@code atoms}, pixels.
     *
     * @apiNote Cost: a sort, then for each atom a sweep outward in row order that stops once the
     *          row gap exceeds the nearest distance found: about O(n √n) on a lattice.
     * @throws IllegalArgumentException with fewer than 2 atoms
     */
    public static double median(List<Blob> atoms) {
        if (atoms.size() < 2) {
            throw new IllegalArgumentException("Need at least 2 atoms for a spacing: " + atoms.size());
        }
        Blob[] byRow = atoms.toArray(Blob[]::new);
        Arrays.sort(byRow, Comparator.comparingDouble(Blob::row));
        double[] nearest = new double[byRow.length];
        for (int i = 0; i < byRow.length; i++) {
            double best = Double.POSITIVE_INFINITY;
            for (int dir = -1; dir <= 1; dir += 2) {
                for (int j = i + dir; j >= 0 && j < byRow.length; j += dir) {
                    double dr = byRow[j].row() - byRow[i].row();
                    if (dr * dr >= best) {
                        break;
                    }
                    double dc = byRow[j].col() - byRow[i].col();
                    best = Math.min(best, dr * dr + dc * dc);
                }
            }
            nearest[i] = Math.sqrt(best);
        }
        Arrays.sort(nearest);
        int n = nearest.length;
        return n % 2 == 1 ? nearest[n / 2] : (nearest[n / 2 - 1] + nearest[n / 2]) / 2;
    }
}
