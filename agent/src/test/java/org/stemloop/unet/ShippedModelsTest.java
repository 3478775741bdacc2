package org.stemloop.unet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.stemloop.eval.OneToOneMatching;
import org.stemloop.eval.Point;
import org.stemloop.eval.Scores;
import org.stemloop.eval.ScoringRadius;
import org.stemloop.reward.Material;
import org.stemloop.sim.SimulatedFrame;
import org.stemloop.sim.SimulationSpec;
import org.stemloop.sim.Simulator;

/** The models in the jar: present, small, and good on frames they never saw. */
class ShippedModelsTest {

    @Test
    void bothModelsAreShippedAndSmall() {
        for (String name : ShippedModels.NAMES) {
            assertThat(ShippedModels.memberBytes(name).stream().mapToInt(b -> b.length).sum()).as(name).isBetween(100_000, 12_000_000);
        }
    }

    @Test
    void unknownNamesAreRefused() {
        assertThatThrownBy(() -> ShippedModels.memberBytes("gold")).isInstanceOf(UnetModelException.class)
                .hasMessageContaining("graphene or srtio3");
    }

    /** Seeds 31337+ are used neither by the trainer (its own generator) nor by its held-out set (900001+). */
    @ParameterizedTest
    @CsvSource({"graphene, 0.0", "graphene, 0.2", "srtio3, 0.0", "srtio3, 0.2"})
    void findsTheAtomsOfUnseenFrames(String material, double noise) {
        Material m = Material.parse(material);
        SimulatedFrame sim = Simulator.simulate(SimulationSpec.of(m, 256).withNoiseLevel(noise).withSeed(31_337));
        try (UnetDetector unet = UnetDetector.load(material)) {
            List<Point> found = unet.detect(sim.frame()).atoms().stream().map(a -> new Point(a.row(), a.col())).toList();
            List<Point> truth = sim.atoms().stream().map(a -> new Point(a.row(), a.col())).toList();
            Scores s = OneToOneMatching.match(found, truth, ScoringRadius.defaultFor(truth)).scores();
            assertThat(s.f1()).as("%s at noise %.1f: %s", material, noise, s).isGreaterThanOrEqualTo(MIN_F1);
        }
    }

    static final double MIN_F1 = 0.95;
}
