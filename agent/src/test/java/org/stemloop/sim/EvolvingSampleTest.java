package org.stemloop.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.stemloop.reward.Material;

/** The twin's sample changes as graphene under a beam does, reproducibly; SrTiO3 stays put. */
class EvolvingSampleTest {

    private static final SimulationSpec GRAPHENE = SimulationSpec.of(Material.GRAPHENE, 96)
            .withDefects(Defects.NONE.withDopants(0.03)).withNoiseLevel(0.05).withSeed(4);

    @Test
    void dopantsHopAndVacanciesGrowIntoHoles() {
        EvolvingSample sample = EvolvingSample.of(GRAPHENE, new EvolvingSample.Rates(1.0, 1.0, 0.5));
        SimulatedFrame first = sample.next();
        SimulatedFrame later = null;
        for (int i = 0; i < 20; i++) {
            later = sample.next();
        }
        assertThat(later.atoms().size()).as("atoms knocked out").isLessThan(first.atoms().size() - 15);
        assertThat(siPositions(later)).as("Si dopants moved").isNotEqualTo(siPositions(first));
        assertThat(later.count("Si")).as("hops keep the dopants (unless knocked out)").isLessThanOrEqualTo(first.count("Si"));
        assertThat(later.frame().height()).isEqualTo(96);
    }

    @Test
    void theSameSpecGivesTheSameFilm() {
        EvolvingSample a = EvolvingSample.of(GRAPHENE, EvolvingSample.Rates.DEFAULT);
        EvolvingSample b = EvolvingSample.of(GRAPHENE, EvolvingSample.Rates.DEFAULT);
        for (int i = 0; i < 5; i++) {
            SimulatedFrame fa = a.next();
            SimulatedFrame fb = b.next();
            assertThat(fa.atoms()).isEqualTo(fb.atoms());
            assertThat(fa.frame().pixels()).isEqualTo(fb.frame().pixels());
        }
    }

    @Test
    void srtio3StaysPutButGetsFreshNoise() {
        EvolvingSample s = EvolvingSample.of(SimulationSpec.of(Material.SRTIO3, 64).withNoiseLevel(0.1),
                EvolvingSample.Rates.DEFAULT);
        SimulatedFrame one = s.next();
        SimulatedFrame two = s.next();
        assertThat(two.atoms()).isEqualTo(one.atoms());
        assertThat(two.frame().pixels()).isNotEqualTo(one.frame().pixels());
    }

    private static List<String> siPositions(SimulatedFrame f) {
        return f.atoms().stream().filter(a -> a.label().equals("Si")).map(a -> a.row() + "," + a.col()).sorted().toList();
    }
}
