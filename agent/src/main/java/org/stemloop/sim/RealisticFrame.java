package org.stemloop.sim;

import java.util.List;
import java.util.Objects;
import org.stemloop.image.Frame;

/**
 * A realistic simulated frame with its ground truth.
 *
 * @param frame           the image: detected electrons per pixel (Poisson counts as float64), or
 *                        the noiseless expected image in reference-column units at dose 0;
 *                        calibrated with the <em>told</em> pixel size
 *                        ({@link RealisticSpec#toldPixelSizeAngstrom()})
 * @param atoms           the true atoms (columns) whose drawn centre lies inside the frame, at
 *                        the centroid of their drawn spot after rotation, drift and scan shifts;
 *                        none inside a hole or a contamination patch
 * @param spec            what was simulated
 * @param seed            the seed; {@code Simulator.realistic(spec, seed)} gives this again
 * @param rotationDegrees the lattice rotation used (drawn from the seed when the spec asks)
 * @param regions         the holes and contamination patches, in pixel coordinates
 */
public record RealisticFrame(Frame frame, List<TrueAtom> atoms, RealisticSpec spec, long seed,
        double rotationDegrees, List<Region> regions) {

    public RealisticFrame {
        Objects.requireNonNull(frame, "frame");
        Objects.requireNonNull(spec, "spec");
        atoms = List.copyOf(atoms);
        regions = List.copyOf(regions);
        if (frame.height() != spec.height() || frame.width() != spec.width()) {
            throw new IllegalArgumentException("Frame of %d x %d does not match the spec's %d x %d".formatted(
                    frame.height(), frame.width(), spec.height(), spec.width()));
        }
    }

    /** Whether (row, col) lies in a hole or a contamination patch, where the truth has no atoms. */
    public boolean outsideCrystal(double row, double col) {
        for (Region region : regions) {
            if (region.contains(row, col)) {
                return true;
            }
        }
        return false;
    }

    /** The fraction of pixels outside every hole and patch: the crystalline area. */
    public double crystalFraction() {
        long inside = 0;
        for (int r = 0; r < spec.height(); r++) {
            for (int c = 0; c < spec.width(); c++) {
                inside += outsideCrystal(r, c) ? 0 : 1;
            }
        }
        return (double) inside / ((long) spec.height() * spec.width());
    }

    /** The number of true atoms with this label. */
    public long count(String label) {
        return atoms.stream().filter(a -> a.label().equals(label)).count();
    }

    /**
     * This frame as a {@link SimulatedFrame} for code that takes one (scoring, benchmarks): its
     * spec carries the <em>told</em> pixel size, as the frame does, so an analysis given it sees
     * what a microscope would tell it; the realistic settings are not in it.
     */
    public SimulatedFrame asSimulated() {
        SimulationSpec s = new SimulationSpec(spec.material(), spec.height(), spec.width(),
                Math.max(0.01, Math.min(1, spec.toldPixelSizeAngstrom())), rotationDegrees,
                spec.probe().fwhmAngstrom(), Noise.NONE, Defects.NONE, seed);
        return new SimulatedFrame(frame, atoms, s);
    }
}
