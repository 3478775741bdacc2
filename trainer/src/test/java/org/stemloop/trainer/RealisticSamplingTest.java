package org.stemloop.trainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.stemloop.reward.Material;
import org.stemloop.sim.RealisticFrame;
import org.stemloop.sim.RealisticSpec;
import org.stemloop.sim.Simulator;
import org.stemloop.sim.TrueAtom;

class RealisticSamplingTest {

    private static final int SIZE = 64;

    @Test
    void drawsValidSpecsAcrossTheStatedRanges() {
        SplittableRandom rng = new SplittableRandom(5);
        double minDose = Double.MAX_VALUE;
        double maxDose = 0;
        double minPixel = 1;
        double maxPixel = 0;
        int withContamination = 0;
        int withHoles = 0;
        for (int i = 0; i < 300; i++) {
            RealisticSpec s = RealisticSampling.spec(Material.GRAPHENE, SIZE, rng); // the record validates every range
            minDose = Math.min(minDose, s.doseElectronsPerPixel());
            maxDose = Math.max(maxDose, s.doseElectronsPerPixel());
            minPixel = Math.min(minPixel, s.pixelSizeAngstrom());
            maxPixel = Math.max(maxPixel, s.pixelSizeAngstrom());
            withContamination += s.specimen().contaminations();
            withHoles += s.specimen().holes();
            assertThat(s.calibrationError()).as("training frames are told their true pixel size").isZero();
        }
        assertThat(minDose).isBetween(3.0, 5.0);
        assertThat(maxDose).isBetween(200.0, 300.0);
        assertThat(minPixel).isBetween(0.112, 0.12);
        assertThat(maxPixel).isBetween(0.165, 0.175);
        assertThat(withContamination).isBetween(70, 140);
        assertThat(withHoles).isBetween(60, 120);
    }

    @Test
    void theMaskMarksExactlyTheSimulatorsTruthAndNothingInContamination() {
        SampleGenerator g = new SampleGenerator(Material.GRAPHENE, SIZE, Augmentation.DEFAULT, DomainRandomisation.NONE,
                new RealisticSampling(1), 3);
        float[] img = new float[SIZE * SIZE];
        float[] mask = new float[SIZE * SIZE];
        int framesWithEmptyRegions = 0;
        for (int index = 0; index < 40; index++) {
            g.sample(index, img, mask, 0);
            // the same draw as SampleGenerator's: its stream, the share test, then the spec and the seed
            SplittableRandom rng = new SplittableRandom(3 * 0x9E3779B97F4A7C15L + index);
            rng.nextDouble();
            RealisticSpec spec = RealisticSampling.spec(Material.GRAPHENE, SIZE, rng);
            RealisticFrame f = Simulator.realistic(spec, rng.nextLong());
            for (float v : img) {
                assertThat(v).isBetween(0f, 1f);
            }
            for (TrueAtom a : f.atoms()) {
                int r = (int) Math.round(a.row());
                int c = (int) Math.round(a.col());
                if (r >= 0 && r < SIZE && c >= 0 && c < SIZE) {
                    assertThat(mask[r * SIZE + c]).as("mask at true atom %s", a).isEqualTo(1f);
                }
            }
            boolean emptyRegion = false;
            for (int row = 0; row < SIZE; row++) {
                for (int col = 0; col < SIZE; col++) {
                    int r = row;
                    int c = col;
                    if (f.outsideCrystal(r, c) && mask[r * SIZE + c] > 0) {
                        // a mask disk may reach over a region's edge from an atom outside it, never sit inside
                        boolean nearAtom = f.atoms().stream().anyMatch(a -> Math.hypot(a.row() - r, a.col() - c) < 4);
                        assertThat(nearAtom).as("mask pixel (%d, %d) in a hole or contamination", r, c).isTrue();
                    }
                    emptyRegion |= f.outsideCrystal(r, c);
                }
            }
            framesWithEmptyRegions += emptyRegion ? 1 : 0;
        }
        assertThat(framesWithEmptyRegions).as("frames with a hole or contamination").isBetween(8, 35);
    }

    @Test
    void rejectsAShareOutsideZeroToOne() {
        assertThatThrownBy(() -> new RealisticSampling(1.5)).hasMessageContaining("[0, 1]");
    }
}
