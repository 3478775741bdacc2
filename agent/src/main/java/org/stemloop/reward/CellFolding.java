package org.stemloop.reward;

import org.stemloop.image.Frame;

/**
 * Counts the atoms in a unit cell by folding the frame onto it: every pixel goes to the bin of its
 * fractional coordinates in the cell spanned by two reciprocal vectors, the bins average the
 * intensity of thousands of cells (noise averages out), and the bright local maxima of the averaged
 * cell are its atoms. This separates a honeycomb (2 maxima per hexagonal cell) from a triangular
 * lattice (1) and a perovskite's square cell with its centre column (2) from a simple square (1),
 * which the first-order peaks alone cannot.
 *
 * <p>Assumes bright atoms (HAADF, ADF); on bright-field or ABF images the maxima are the gaps
 * between atoms. An error of 0.5% in the measured vectors smears the cell by a few percent across a
 * 1024-px frame, well below the separation of the maxima.
 *
 * @apiNote O(H W) plus O(BINS^2).
 */
final class CellFolding {

    /** Bins per cell side: resolves basis atoms a sixth of a cell apart. */
    static final int BINS = 24;
    /** A maximum counts as an atom when it rises this fraction of the cell's range above its minimum. */
    static final double MIN_RISE = 0.3;

    private CellFolding() {
    }

    /**
     * Bright maxima in the cell spanned by the reciprocal vectors {@code g1}, {@code g2} (bins of a
     * transform of size {@code n}); 0 when the averaged cell is flat.
     */
    static int atomsPerCell(Frame frame, SpectrumPeak g1, SpectrumPeak g2, int n) {
        double[] sum = new double[BINS * BINS];
        int[] count = new int[BINS * BINS];
        int w = frame.width();
        double[] pixels = frame.pixels();
        for (int r = 0; r < frame.height(); r++) {
            for (int c = 0; c < w; c++) {
                int u = bin((g1.kx() * c + g1.ky() * r) / n);
                int v = bin((g2.kx() * c + g2.ky() * r) / n);
                sum[u * BINS + v] += pixels[r * w + c];
                count[u * BINS + v]++;
            }
        }
        double[] cell = new double[BINS * BINS];
        double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < cell.length; i++) {
            cell[i] = count[i] == 0 ? Double.NaN : sum[i] / count[i];
        }
        cell = smooth(cell);
        for (double v : cell) {
            if (v < min) {
                min = v;
            }
            if (v > max) {
                max = v;
            }
        }
        if (!(max > min)) {
            return 0;
        }
        double floor = min + MIN_RISE * (max - min);
        int maxima = 0;
        for (int u = 0; u < BINS; u++) {
            for (int v = 0; v < BINS; v++) {
                double value = cell[u * BINS + v];
                if (value >= floor && isPeriodicMax(cell, u, v, value)) {
                    maxima++;
                }
            }
        }
        return maxima;
    }

    private static int bin(double phase) {
        double frac = phase - Math.floor(phase);
        return Math.min((int) (frac * BINS), BINS - 1);
    }

    /** 3 x 3 periodic mean (empty bins skipped): one bin of noise must not make two maxima. */
    private static double[] smooth(double[] cell) {
        double[] out = new double[cell.length];
        for (int u = 0; u < BINS; u++) {
            for (int v = 0; v < BINS; v++) {
                double s = 0;
                int m = 0;
                for (int du = -1; du <= 1; du++) {
                    for (int dv = -1; dv <= 1; dv++) {
                        double x = cell[Math.floorMod(u + du, BINS) * BINS + Math.floorMod(v + dv, BINS)];
                        if (!Double.isNaN(x)) {
                            s += x;
                            m++;
                        }
                    }
                }
                out[u * BINS + v] = m == 0 ? Double.NaN : s / m;
            }
        }
        return out;
    }

    /** Strict maximum over its 8 periodic neighbours; of a tied plateau only the first bin counts. */
    private static boolean isPeriodicMax(double[] cell, int u, int v, double value) {
        for (int du = -1; du <= 1; du++) {
            for (int dv = -1; dv <= 1; dv++) {
                if (du == 0 && dv == 0) {
                    continue;
                }
                int nu = Math.floorMod(u + du, BINS), nv = Math.floorMod(v + dv, BINS);
                double other = cell[nu * BINS + nv];
                boolean earlier = nu * BINS + nv < u * BINS + v;
                if (other > value || (other == value && earlier)) {
                    return false;
                }
            }
        }
        return true;
    }
}
