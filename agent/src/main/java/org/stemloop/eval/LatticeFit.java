package org.stemloop.eval;

import java.util.ArrayList;
import java.util.List;
import org.stemloop.reward.LatticeCell;

/**
 * A lattice fitted to atom positions by least squares: two basis vectors and one offset per column
 * of the cell (the origin is the first), so that atom {@code k}, assigned to column {@code s} of
 * cell {@code (i, j)}, sits at {@code p_s + i a1 + j a2}. Rows and columns are two independent
 * linear problems with the same design matrix, solved by the normal equations.
 *
 * <p>Each round assigns every atom to the nearest column of the current lattice and keeps it only
 * within {@value #ASSIGN_FRACTION} of the nearest-neighbour distance; the fit then moves the lattice
 * onto the inliers. Three rounds from the spectrum's cell settle to a hundredth of a pixel on a
 * perfect lattice. A column of the cell that no atom was assigned to keeps its place in the cell
 * (it is still expected: missing a whole sublattice counts as missing it). One affine lattice for
 * the whole frame: scan drift that bends the lattice shows as residuals growing with distance.
 *
 * @param cell      the fitted lattice
 * @param inliers   atoms assigned to a column and used in the fit
 * @param rmsPx     root-mean-square residual of the inliers, px
 * @param fitted    per column of the cell, whether atoms were assigned to it (else it kept its place)
 *
 * @apiNote O(rounds N S) for N atoms and S columns per cell.
 */
public record LatticeFit(LatticeCell cell, int inliers, double rmsPx, List<Boolean> fitted) {

    /** Atoms further than this fraction of the nearest-neighbour distance from every column are left out. */
    static final double ASSIGN_FRACTION = 0.35;
    static final int ROUNDS = 4;

    public LatticeFit {
        fitted = List.copyOf(fitted);
    }

    /**
     * Fits {@code start} (for example {@code LatticeEstimator.cell(frame)}) to {@code atoms}.
     *
     * @throws IllegalArgumentException when fewer atoms than unknowns fall near the lattice
     */
    public static LatticeFit fit(LatticeCell start, List<Point> atoms) {
        LatticeCell cell = start;
        int sites = cell.sites().size();
        double rms = Double.NaN;
        int used = 0;
        boolean[] seen = new boolean[sites];
        for (int round = 0; round < ROUNDS; round++) {
            double limit = ASSIGN_FRACTION * cell.nearestNeighbourPx();
            int unknowns = 2 + sites;
            double[][] normal = new double[unknowns][unknowns];
            double[] rhsRow = new double[unknowns];
            double[] rhsCol = new double[unknowns];
            seen = new boolean[sites];
            used = 0;
            for (Point p : atoms) {
                int[] a = assign(cell, p, limit);
                if (a == null) {
                    continue;
                }
                double[] x = new double[unknowns];
                x[0] = a[0];
                x[1] = a[1];
                x[2 + a[2]] = 1;
                for (int u = 0; u < unknowns; u++) {
                    for (int v = 0; v < unknowns; v++) {
                        normal[u][v] += x[u] * x[v];
                    }
                    rhsRow[u] += x[u] * p.row();
                    rhsCol[u] += x[u] * p.col();
                }
                seen[a[2]] = true;
                used++;
            }
            if (used < 3 + sites) {
                throw new IllegalArgumentException(("lattice fit: %d of %d atoms lie within %.2f px of the lattice's "
                        + "columns, too few for its %d unknowns per axis").formatted(used, atoms.size(), limit, unknowns));
            }
            for (int s = 0; s < sites; s++) {
                if (!seen[s]) {
                    normal[2 + s][2 + s] = 1; // no atoms: pinned below, not fitted
                }
            }
            double[] row = LinearSolve.solve(normal, rhsRow);
            double[] col = LinearSolve.solve(normal, rhsCol);
            cell = rebuild(cell, row, col, seen);
            rms = residual(cell, atoms, limit);
        }
        List<Boolean> fitted = new ArrayList<>();
        for (boolean b : seen) {
            fitted.add(b);
        }
        return new LatticeFit(cell, used, rms, fitted);
    }

    /** {i, j, site} of the column nearest p, or null when none is within the limit. */
    static int[] assign(LatticeCell cell, Point p, double limit) {
        int[] best = null;
        double bestDistance = limit;
        for (int s = 0; s < cell.sites().size(); s++) {
            double[] f = cell.fractional(p.row(), p.col(), cell.sites().get(s));
            int i = (int) Math.rint(f[0]), j = (int) Math.rint(f[1]);
            LatticeCell.Column c = cell.column(i, j, s);
            double d = Math.hypot(c.row() - p.row(), c.col() - p.col());
            if (d <= bestDistance) {
                bestDistance = d;
                best = new int[] {i, j, s};
            }
        }
        return best;
    }

    /** The new basis and site offsets; a site without atoms keeps its fractional place relative to the first fitted one. */
    private static LatticeCell rebuild(LatticeCell old, double[] row, double[] col, boolean[] seen) {
        int ref = 0;
        while (!seen[ref]) {
            ref++;
        }
        LatticeCell.Site oldRef = old.sites().get(ref);
        List<LatticeCell.Site> sites = new ArrayList<>();
        for (int s = 0; s < seen.length; s++) {
            LatticeCell.Site o = old.sites().get(s);
            if (seen[s]) {
                sites.add(new LatticeCell.Site(row[2 + s], col[2 + s], o.brightness()));
            } else {
                double[] f = old.fractional(o.row(), o.col(), oldRef);
                sites.add(new LatticeCell.Site(row[2 + ref] + f[0] * row[0] + f[1] * row[1],
                        col[2 + ref] + f[0] * col[0] + f[1] * col[1], o.brightness()));
            }
        }
        return new LatticeCell(row[0], col[0], row[1], col[1], sites, old.note());
    }

    private static double residual(LatticeCell cell, List<Point> atoms, double limit) {
        double sum = 0;
        int n = 0;
        for (Point p : atoms) {
            int[] a = assign(cell, p, limit);
            if (a != null) {
                LatticeCell.Column c = cell.column(a[0], a[1], a[2]);
                sum += (c.row() - p.row()) * (c.row() - p.row()) + (c.col() - p.col()) * (c.col() - p.col());
                n++;
            }
        }
        return n == 0 ? Double.NaN : Math.sqrt(sum / n);
    }
}
