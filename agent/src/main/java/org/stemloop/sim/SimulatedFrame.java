package org.stemloop.sim;

import java.util.List;
import java.util.Objects;
import org.stemloop.image.Frame;

/**
 * A simulated frame with its ground truth and the spec that made it.
 *
 * @param frame the noisy image, float64, calibrated with the spec's pixel size
 * @param atoms the true atoms (columns) whose centre lies inside the frame, an immutable list
 * @param spec  what was simulated; {@link Simulator#simulate(SimulationSpec)} of it gives this again
 */
public record SimulatedFrame(Frame frame, List<TrueAtom> atoms, SimulationSpec spec) {

    public SimulatedFrame {
        Objects.requireNonNull(frame, "frame");
        Objects.requireNonNull(spec, "spec");
        atoms = List.copyOf(atoms);
        if (frame.height() != spec.height() || frame.width() != spec.width()) {
            throw new IllegalArgumentException("Frame of %d x %d does not match the spec's %d x %d".formatted(
                    frame.height(), frame.width(), spec.height(), spec.width()));
        }
    }

    /** The number of true atoms with this label ("C", "Si", "Sr", "Ti-O", "amorphous"). */
    public long count(String label) {
        return atoms.stream().filter(a -> a.label().equals(label)).count();
    }
}
