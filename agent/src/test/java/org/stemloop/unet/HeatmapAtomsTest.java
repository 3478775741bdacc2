package org.stemloop.unet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class HeatmapAtomsTest {

    /** A 40 x 40 map with disks of probability p at the given centres and radius 3. */
    private static Heatmap disks(float p, double[]... centres) {
        float[] v = new float[40 * 40];
        for (double[] c : centres) {
            for (int r = 0; r < 40; r++) {
                for (int col = 0; col < 40; col++) {
                    if (Math.hypot(r - c[0], col - c[1]) <= 3) {
                        v[r * 40 + col] = p;
                    }
                }
            }
        }
        return new Heatmap(40, 40, v);
    }

    @Test
    void findsEachDiskAtItsCentreOfMass() {
        List<UnetAtom> atoms = HeatmapAtoms.DEFAULT.find(disks(0.9f, new double[] {10, 12}, new double[] {25, 30}));
        assertThat(atoms).hasSize(2);
        assertThat(atoms.get(0).row()).isCloseTo(10, within(1e-9));
        assertThat(atoms.get(0).col()).isCloseTo(12, within(1e-9));
        assertThat(atoms.get(1).row()).isCloseTo(25, within(1e-9));
        assertThat(atoms.get(1).col()).isCloseTo(30, within(1e-9));
        assertThat(atoms.get(0).probability()).isCloseTo(0.9, within(1e-6));
        assertThat(atoms.get(0).area()).isEqualTo(29);
        assertThat(atoms.get(0).variance()).isZero();
    }

    @Test
    void nothingAboveTheThresholdGivesNoAtoms() {
        assertThat(HeatmapAtoms.DEFAULT.find(disks(0.4f, new double[] {10, 12}))).isEmpty();
        assertThat(HeatmapAtoms.DEFAULT.withThreshold(0.3).find(disks(0.4f, new double[] {10, 12}))).hasSize(1);
    }

    @Test
    void diagonalNeighboursAreSeparateComponentsAsInScipy() {
        float[] v = new float[16];
        v[0] = 1;
        v[5] = 1;
        Heatmap h = new Heatmap(4, 4, v);
        assertThat(new HeatmapAtoms(0.5, 0, 1).find(h)).hasSize(2);
        assertThat(HeatmapAtoms.DEFAULT.find(h)).as("single pixels are below the default minimum area").isEmpty();
    }

    @Test
    void edgeExclusionDropsAtomsNearTheBorderLikeAtomai() {
        Heatmap h = disks(0.9f, new double[] {4, 20}, new double[] {20, 20});
        assertThat(HeatmapAtoms.DEFAULT.find(h)).hasSize(2);
        List<UnetAtom> kept = HeatmapAtoms.DEFAULT.withEdge(HeatmapAtoms.ATOMAI_EDGE).find(h);
        assertThat(kept).singleElement().satisfies(a -> assertThat(a.row()).isCloseTo(20, within(1e-9)));
    }

    @Test
    void carriesTheMeanVarianceOfEachComponent() {
        Heatmap mean = disks(0.8f, new double[] {20, 20});
        Heatmap variance = disks(0.04f, new double[] {20, 20});
        assertThat(HeatmapAtoms.DEFAULT.find(mean, variance)).singleElement()
                .satisfies(a -> assertThat(a.variance()).isCloseTo(0.04, within(1e-6)));
    }

    @Nested
    class Rejects {
        @Test
        void thresholdsOutsideTheOpenUnitInterval() {
            assertThatThrownBy(() -> new HeatmapAtoms(1, 0, 2)).hasMessageContaining("Threshold");
        }

        @Test
        void negativeEdges() {
            assertThatThrownBy(() -> HeatmapAtoms.DEFAULT.withEdge(-1)).hasMessageContaining("Edge");
        }

        @Test
        void varianceMapsOfAnotherSize() {
            assertThatThrownBy(() -> HeatmapAtoms.DEFAULT.find(disks(0.9f), new Heatmap(2, 2, new float[4])))
                    .hasMessageContaining("does not match");
        }
    }
}
