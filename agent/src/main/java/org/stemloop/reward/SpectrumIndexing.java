package org.stemloop.reward;

import java.util.List;

/**
 * Whether one lattice explains a spectrum's strong peaks: a peak of similar strength to the
 * strongest whose length is no combination {@code |h g1 + k g2|} of the cell's reciprocal vectors
 * comes from something else of a different period (a second phase, a grain of another material, a
 * moiré, a strong superstructure), and the count the rewards expect would be wrong for part of the
 * frame. Only lengths are compared, not directions, so that grains of one lattice in different
 * orientations (a grain boundary, a twin) stay explained.
 *
 * @apiNote O(P) for P peaks (a few dozen): negligible beside the transform.
 */
final class SpectrumIndexing {

    /** Peaks at least this fraction of the strongest (and above the noise) are checked: weaker ones may be superstructure. */
    static final double SIMILAR_STRENGTH = 0.25;
    /** Relative length tolerance of a match (scan distortion stretches higher orders as much as the first). */
    static final double LENGTH_TOLERANCE = 0.04;
    /** ...but never below this many bins (the parabola refinement of a weak peak). */
    static final double MIN_TOLERANCE_BINS = 1.0;
    /** Orders h, k tried: enough for every peak below 2.5 times the longer first-order vector. */
    static final int MAX_ORDER = 4;
    static final double MAX_LENGTH = 2.5;

    private SpectrumIndexing() {
    }

    /**
     * Throws {@link NoLatticeException} naming the first strong peak ({@code peaks} come strongest
     * first) that the cell of {@code g1}, {@code g2} does not explain.
     */
    static void requireIndexed(List<SpectrumPeak> peaks, SpectrumPeak g1, SpectrumPeak g2, int n) {
        double floor = Math.max(LatticeEstimator.MIN_EXCESS, SIMILAR_STRENGTH * peaks.get(0).excess());
        double longest = MAX_LENGTH * Math.max(g1.length(), g2.length());
        for (SpectrumPeak p : peaks) {
            if (p.excess() < floor) {
                return;
            }
            if (p.length() <= longest && !explained(p, g1, g2)) {
                throw new NoLatticeException(("ambiguous power spectrum: peaks of similar strength at incompatible spacings: "
                        + "%.2f px (%.0f° in the spectrum, %.0fx background, %.0f%% of the strongest) is no combination of "
                        + "the lattice's %.2f and %.2f px planes at %.0f° (two phases, a moiré or a strong "
                        + "superstructure); give --material and --pixel-size")
                        .formatted(n / p.length(), p.degrees(), p.excess(), 100 * p.excess() / peaks.get(0).excess(),
                                n / g1.length(), n / g2.length(), g1.angleTo(g2)));
            }
        }
    }

    /** How many of {@code peaks} sit on the reciprocal lattice of g1, g2 (by position, within the tolerance). */
    static int indexed(List<SpectrumPeak> peaks, SpectrumPeak g1, SpectrumPeak g2) {
        double det = g1.kx() * g2.ky() - g1.ky() * g2.kx();
        if (Math.abs(det) < 1e-9) {
            return 0;
        }
        int count = 0;
        for (SpectrumPeak p : peaks) {
            double h = Math.rint((p.kx() * g2.ky() - p.ky() * g2.kx()) / det);
            double k = Math.rint((g1.kx() * p.ky() - g1.ky() * p.kx()) / det);
            double dx = p.kx() - h * g1.kx() - k * g2.kx(), dy = p.ky() - h * g1.ky() - k * g2.ky();
            if (Math.hypot(dx, dy) <= Math.max(MIN_TOLERANCE_BINS, LENGTH_TOLERANCE * p.length())) {
                count++;
            }
        }
        return count;
    }

    private static boolean explained(SpectrumPeak p, SpectrumPeak g1, SpectrumPeak g2) {
        double tolerance = Math.max(MIN_TOLERANCE_BINS, LENGTH_TOLERANCE * p.length());
        for (int h = -MAX_ORDER; h <= MAX_ORDER; h++) {
            for (int k = 0; k <= MAX_ORDER; k++) {
                if (h == 0 && k == 0) {
                    continue;
                }
                double len = Math.hypot(h * g1.kx() + k * g2.kx(), h * g1.ky() + k * g2.ky());
                if (Math.abs(len - p.length()) <= tolerance) {
                    return true;
                }
            }
        }
        return false;
    }
}
