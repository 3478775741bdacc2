package org.stemloop.sim;

import org.stemloop.reward.Lattice;

/**
 * What the twin's spectrometer records with the beam parked at one position of a simulated frame: the site is
 * the true atom nearest the position within half a nearest-neighbour distance (a Si dopant, carbon, or nothing
 * near: vacuum), its spectrum {@link EelsSimulator#spectrum}.
 */
public final class BeamSpectra {

    private BeamSpectra() {
    }

    /** What sits under the beam at {@code (row, col)} pixels of {@code frame}. */
    public static EelsSimulator.Site siteAt(SimulatedFrame frame, double row, double col) {
        SimulationSpec spec = frame.spec();
        double radius = Lattice.of(spec.material()).nearestNeighbour() / spec.pixelSizeAngstrom() / 2;
        TrueAtom best = null;
        double bestD = radius;
        for (TrueAtom a : frame.atoms()) {
            double d = Math.hypot(a.row() - row, a.col() - col);
            if (d <= bestD) {
                best = a;
                bestD = d;
            }
        }
        if (best == null) {
            return EelsSimulator.Site.VACUUM;
        }
        return "Si".equals(best.label()) ? EelsSimulator.Site.SILICON : EelsSimulator.Site.CARBON;
    }

    /**
     * @throws IllegalArgumentException when the position is outside the frame (the field of view)
     */
    public static EelsSpectrum at(SimulatedFrame frame, double row, double col, double dwellMs, long seed) {
        if (!inField(frame, row, col)) {
            throw new IllegalArgumentException("Beam position (%.1f, %.1f) px is outside the %d x %d px field of view"
                    .formatted(row, col, frame.spec().height(), frame.spec().width()));
        }
        return EelsSimulator.spectrum(siteAt(frame, row, col), dwellMs, seed);
    }

    /** Whether {@code (row, col)} lies in the frame. */
    public static boolean inField(SimulatedFrame frame, double row, double col) {
        return row >= 0 && col >= 0 && row <= frame.spec().height() - 1 && col <= frame.spec().width() - 1;
    }
}
