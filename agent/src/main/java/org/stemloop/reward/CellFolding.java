package org.stemloop.reward;

import org.stemloop.image.Frame;

/**
 * The frame folded onto one unit cell: every pixel goes to the bin of its fractional coordinates in
 * the cell spanned by two reciprocal vectors, and the bins average the intensity of all the cells in
 * view, so noise averages out and the cell's atoms stand out. This tells a honeycomb (a second atom
 * at a three-fold site of the hexagonal cell) from a triangular lattice (hollows there), and a
 * perovskite's square cell with its centre column from a simple square, which the first-order
 * peaks alone cannot.
 *
 * <p>Assumes bright atoms (HAADF, ADF); on bright-field or ABF images the bright spots are the gaps.
 * Scan distortion and several grains smear the folded cell; the estimator therefore only asks it
 * yes/no questions at known positions, except for rectangular and oblique cells.
 *
 * @apiNote O(H W) plus O(BINS^2).
 */
final class CellFolding {

    /** Bins per cell side. */
    static final int BINS = 24;

    /** Mean intensity per bin, smoothed, scaled to [0, 1]; flat (all 0) when the frame is. */
    private final double[] cell;
    private final int brightest;

    /** Folds {@code frame} onto the cell of {@code g1}, {@code g2} (bins of a transform of size {@code n}). */
    CellFolding(Frame frame, SpectrumPeak g1, SpectrumPeak g2, int n) {
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
        for (int i = 0; i < sum.length; i++) {
            sum[i] = count[i] == 0 ? Double.NaN : sum[i] / count[i];
        }
        this.cell = normalise(smooth(sum));
        int best = 0;
        for (int i = 0; i < cell.length; i++) {
            if (cell[i] > cell[best]) {
                best = i;
            }
        }
        this.brightest = best;
    }

    /**
     * The brightest of the folded cell at the given fractional offsets {u, v} from its brightest bin,
     * as a fraction of the cell's range (0 = darkest bin, 1 = brightest).
     */
    double brightestAtOffsets(double[]... offsets) {
        double best = 0;
        for (double[] o : offsets) {
            int u = Math.floorMod(brightest / BINS + (int) Math.round(o[0] * BINS), BINS);
            int v = Math.floorMod(brightest % BINS + (int) Math.round(o[1] * BINS), BINS);
            best = Math.max(best, cell[u * BINS + v]);
        }
        return best;
    }

    /** Local maxima (periodic 3 x 3) rising at least {@code minRise} of the cell's range above its darkest bin. */
    int maxima(double minRise) {
        int maxima = 0;
        for (int u = 0; u < BINS; u++) {
            for (int v = 0; v < BINS; v++) {
                double value = cell[u * BINS + v];
                if (value >= minRise && value > 0 && isPeriodicMax(u, v, value)) {
                    maxima++;
                }
            }
        }
        return maxima;
    }

    /**
     * The maxima of {@link #maxima(double)} as fractional cell coordinates {u, v, brightness}
     * (u along the first reciprocal vector's phase, brightness as a fraction of the cell's range),
     * refined by a parabola through each maximum's neighbours along each axis: a tenth of a bin or so.
     */
    java.util.List<double[]> sites(double minRise) {
        java.util.List<double[]> found = new java.util.ArrayList<>();
        for (int u = 0; u < BINS; u++) {
            for (int v = 0; v < BINS; v++) {
                double value = cell[u * BINS + v];
                if (value >= minRise && value > 0 && isPeriodicMax(u, v, value)) {
                    double du = vertex(at(u - 1, v), value, at(u + 1, v));
                    double dv = vertex(at(u, v - 1), value, at(u, v + 1));
                    found.add(new double[] {(u + 0.5 + du) / BINS, (v + 0.5 + dv) / BINS, value});
                }
            }
        }
        found.sort((x, y) -> Double.compare(y[2], x[2]));
        return found;
    }

    private double at(int u, int v) {
        return cell[Math.floorMod(u, BINS) * BINS + Math.floorMod(v, BINS)];
    }

    /** Offset of a parabola's vertex through (-1, left), (0, centre), (1, right), within half a bin. */
    private static double vertex(double left, double centre, double right) {
        double curvature = left - 2 * centre + right;
        return curvature < 0 ? Math.max(-0.5, Math.min(0.5, 0.5 * (left - right) / curvature)) : 0;
    }

    private static int bin(double phase) {
        double frac = phase - Math.floor(phase);
        return Math.min((int) (frac * BINS), BINS - 1);
    }

    /** 3 x 3 periodic mean (empty bins skipped): one bin of noise must not make a maximum. */
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

    private static double[] normalise(double[] cell) {
        double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
        for (double v : cell) {
            if (v < min) {
                min = v;
            }
            if (v > max) {
                max = v;
            }
        }
        double[] out = new double[cell.length];
        for (int i = 0; i < cell.length; i++) {
            out[i] = max > min && !Double.isNaN(cell[i]) ? (cell[i] - min) / (max - min) : 0;
        }
        return out;
    }

    /** Strict maximum over its 8 periodic neighbours; of a tied plateau only the first bin counts. */
    private boolean isPeriodicMax(int u, int v, double value) {
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
