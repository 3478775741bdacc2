package org.stemloop.testsupport;

import org.stemloop.reward.Material;
import org.stemloop.sim.Defects;
import org.stemloop.sim.SimulationSpec;

/**
 * Simulated graphene frames whose LoG* front has several distinct readings, for the tests that choose an
 * option other than the recommended one: Si dopants (brighter than carbon), an amorphous patch of 30 % of
 * the frame (no lattice count to follow there) and noise 0.3. A clean frame's front is one reading, and
 * the agent then offers one option (issue 19).
 */
public final class AmbiguousFrames {

    private AmbiguousFrames() {
    }

    /** The spec of a {@code size x size} ambiguous graphene frame (at the material's default pixel size). */
    public static SimulationSpec graphene(int size, long seed) {
        return SimulationSpec.of(Material.GRAPHENE, size).withNoiseLevel(0.3)
                .withDefects(Defects.NONE.withDopants(0.03).withAmorphous(0.3)).withSeed(seed);
    }
}
