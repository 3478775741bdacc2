package org.stemloop.reward;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A lattice in real space, pixels: two basis vectors and the columns of one cell (the basis), each
 * at its offset from the frame's origin, so that column {@code s} of cell {@code (i, j)} sits at
 * {@code site(s) + i a1 + j a2}. Built from a frame's spectrum and folded cell
 * ({@link LatticeEstimator#cell}), or fitted to detected positions (the {@code eval} package's
 * lattice fit).
 *
 * @param a1Row   first basis vector, rows (px)
 * @param a1Col   first basis vector, columns (px)
 * @param a2Row   second basis vector, rows (px)
 * @param a2Col   second basis vector, columns (px)
 * @param sites   the columns of one cell, brightest first (at least one; immutable)
 * @param note    how the cell was found, for reports
 */
public record LatticeCell(double a1Row, double a1Col, double a2Row, double a2Col, List<Site> sites, String note) {

    /**
     * One column of the cell.
     *
     * @param row        offset from the frame's origin, rows (px)
     * @param col        offset, columns (px)
     * @param brightness in the folded cell, 0 (darkest bin) to 1 (brightest)
     */
    public record Site(double row, double col, double brightness) {
        public Site {
            if (!Double.isFinite(row) || !Double.isFinite(col)) {
                throw new IllegalArgumentException("Site offsets must be finite: (%s, %s)".formatted(row, col));
            }
        }
    }

    /**
     * One expected column.
     *
     * @param row  rows (px)
     * @param col  columns (px)
     * @param site index into {@link #sites()}
     */
    public record Column(double row, double col, int site) {
    }

    public LatticeCell {
        Objects.requireNonNull(note, "note");
        sites = List.copyOf(sites);
        if (sites.isEmpty()) {
            throw new IllegalArgumentException("A lattice cell needs at least one site");
        }
        double area = a1Row * a2Col - a1Col * a2Row;
        if (!(Math.abs(area) > 1e-6) || !Double.isFinite(area)) {
            throw new IllegalArgumentException("Basis vectors must span an area: (%s, %s), (%s, %s)"
                    .formatted(a1Row, a1Col, a2Row, a2Col));
        }
    }

    /** The cell of reciprocal vectors g1, g2 (bins of a transform of size n, x = columns), sites as {u, v, brightness}. */
    static LatticeCell fromReciprocal(double g1x, double g1y, double g2x, double g2y, int n, List<double[]> fractional,
            LatticeEstimate estimate) {
        double det = g1x * g2y - g1y * g2x;
        // the dual basis: g_i . a_j = n delta_ij, in (x = col, y = row)
        double a1x = n * g2y / det, a1y = -n * g2x / det;
        double a2x = -n * g1y / det, a2y = n * g1x / det;
        List<Site> sites = new ArrayList<>();
        for (double[] f : fractional) {
            sites.add(new Site(f[0] * a1y + f[1] * a2y, f[0] * a1x + f[1] * a2x, f[2]));
        }
        if (sites.isEmpty()) {
            sites.add(new Site(0, 0, 1));
        }
        return new LatticeCell(a1y, a1x, a2y, a2x, sites, estimate.note());
    }

    /** Area of the cell, px². */
    public double areaPx2() {
        return Math.abs(a1Row * a2Col - a1Col * a2Row);
    }

    /** Lengths of the two basis vectors, px. */
    public double[] sidesPx() {
        return new double[] {Math.hypot(a1Row, a1Col), Math.hypot(a2Row, a2Col)};
    }

    /** Fractional cell coordinates (i, j) of a point relative to a site's offset. */
    public double[] fractional(double row, double col, Site site) {
        double det = a1Row * a2Col - a1Col * a2Row;
        double dr = row - site.row(), dc = col - site.col();
        return new double[] {(dr * a2Col - dc * a2Row) / det, (a1Row * dc - a1Col * dr) / det};
    }

    /** Column {@code s} of cell (i, j). */
    public Column column(int i, int j, int s) {
        Site site = sites.get(s);
        return new Column(site.row() + i * a1Row + j * a2Row, site.col() + i * a1Col + j * a2Col, s);
    }

    /**
     * Every column inside {@code [margin, height - margin) x [margin, width - margin)}, site by site.
     */
    public List<Column> columns(int height, int width, double margin) {
        List<Column> out = new ArrayList<>();
        for (int s = 0; s < sites.size(); s++) {
            double[][] corners = {fractional(0, 0, sites.get(s)), fractional(0, width, sites.get(s)),
                    fractional(height, 0, sites.get(s)), fractional(height, width, sites.get(s))};
            int iMin = Integer.MAX_VALUE, iMax = Integer.MIN_VALUE, jMin = Integer.MAX_VALUE, jMax = Integer.MIN_VALUE;
            for (double[] c : corners) {
                iMin = Math.min(iMin, (int) Math.floor(c[0]));
                iMax = Math.max(iMax, (int) Math.ceil(c[0]));
                jMin = Math.min(jMin, (int) Math.floor(c[1]));
                jMax = Math.max(jMax, (int) Math.ceil(c[1]));
            }
            for (int i = iMin; i <= iMax; i++) {
                for (int j = jMin; j <= jMax; j++) {
                    Column c = column(i, j, s);
                    if (c.row() >= margin && c.row() < height - margin && c.col() >= margin && c.col() < width - margin) {
                        out.add(c);
                    }
                }
            }
        }
        return out;
    }

    /** The nearest-neighbour distance between columns, px: the shortest of the site-to-site and lattice vectors. */
    public double nearestNeighbourPx() {
        double best = Double.POSITIVE_INFINITY;
        for (int s = 0; s < sites.size(); s++) {
            for (int t = 0; t < sites.size(); t++) {
                for (int i = -2; i <= 2; i++) {
                    for (int j = -2; j <= 2; j++) {
                        if (s == t && i == 0 && j == 0) {
                            continue;
                        }
                        Column a = column(0, 0, s), b = column(i, j, t);
                        best = Math.min(best, Math.hypot(a.row() - b.row(), a.col() - b.col()));
                    }
                }
            }
        }
        return best;
    }
}
