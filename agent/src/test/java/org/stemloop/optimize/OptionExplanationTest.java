package org.stemloop.optimize;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.stemloop.detect.Blob;
import org.stemloop.reward.RewardContext;

class OptionExplanationTest {

    @Test
    void crowdedPairsAreTheAtomsERCountsWithTheirNearestNeighbour() {
        List<Blob> atoms = new ArrayList<>(OptionSelectionTest.grid(400, 0));
        atoms.add(new Blob(52, 52, 2));  // a duplicate 2.8 px from the atom at (50, 50)
        // square lattice 10 px: the 3-neighbour sum is 30 px; the limit 25 px catches only the duplicate pair
        RewardContext ctx = new RewardContext(400, 10, 25);
        OptionExplanation why = OptionExplanation.of(atoms, OptionSelectionTest.grid(400, 0), ctx, 210, 210);
        assertThat(why.crowded()).hasSize(2);
        assertThat(why.crowded()).anySatisfy(p -> {
            assertThat(p.atom()).isEqualTo(new Blob(52, 52, 2));
            assertThat(p.neighbour()).isEqualTo(new Blob(50, 50, 2));
        });
        assertThat(why.diff().added()).isEmpty();
        assertThat(why.diff().dropped()).isEmpty();
    }

    @Test
    void theQcGridShowsWhereTheCountDepartsFromTheLattice() {
        // 400 atoms expected on a 210 x 210 frame; the option finds only the top half
        List<Blob> top = OptionSelectionTest.grid(200, 0);
        RewardContext ctx = new RewardContext(400, 10, 20);
        OptionExplanation.QcGrid g = OptionExplanation.of(top, top, ctx, 210, 210).qc();
        assertThat(g.rows()).isEqualTo(4);
        assertThat(g.cols()).isEqualTo(4);
        assertThat(g.departure(3, 1)).isEqualTo(-1.0);
        assertThat(g.departure(0, 1)).isCloseTo(0, org.assertj.core.api.Assertions.within(0.3));
        int total = 0;
        for (int n : g.found()) {
            total += n;
        }
        assertThat(total).isEqualTo(200);
    }
}
