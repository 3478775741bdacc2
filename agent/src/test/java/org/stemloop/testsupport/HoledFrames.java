package org.stemloop.testsupport;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.stemloop.image.Frame;
import org.stemloop.reward.Material;
import org.stemloop.sim.SimulatedFrame;
import org.stemloop.sim.SimulationSpec;
import org.stemloop.sim.Simulator;
import org.stemloop.sim.TrueAtom;

/**
 * Graphene frames with a vacuum hole at the centre (issue 15's crystal mask): the simulator's frame with a
 * disc set to its darkest level (the 2nd percentile) plus a little noise, the disc's atoms taken out of the
 * truth. Placed by hand so the hole is where a test expects it (the simulator's holes fall anywhere).
 */
public final class HoledFrames {

    private HoledFrames() {
    }

    /** A frame, calibrated, and the atoms left outside the hole. */
    public record Holed(Frame frame, List<TrueAtom> atoms, double holeRadius) {
    }

    /** A {@code size}² graphene frame (noise 0.05) with a hole of {@code radius} px at its centre. */
    public static Holed graphene(int size, double radius, long seed) {
        SimulatedFrame sim = Simulator.simulate(SimulationSpec.of(Material.GRAPHENE, size).withNoiseLevel(0.05)
                .withSeed(seed));
        double[] px = sim.frame().pixels().clone();
        double[] sorted = px.clone();
        Arrays.sort(sorted);
        double vacuum = sorted[sorted.length / 50];
        double spread = 0.02 * (sorted[sorted.length - 1] - sorted[0]);
        Random rnd = new Random(seed);
        double centre = size / 2.0;
        for (int r = 0; r < size; r++) {
            for (int c = 0; c < size; c++) {
                if (Math.hypot(r - centre, c - centre) < radius) {
                    px[r * size + c] = vacuum + spread * rnd.nextGaussian();
                }
            }
        }
        List<TrueAtom> atoms = sim.atoms().stream()
                .filter(a -> Math.hypot(a.row() - centre, a.col() - centre) >= radius).toList();
        return new Holed(Frame.of(size, size, px).withPixelSize(sim.frame().pixelSizeAngstrom().orElseThrow()), atoms,
                radius);
    }
}
