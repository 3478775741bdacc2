package org.stemloop.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.stemloop.reward.Material;

class SimulationSpecTest {

    @Test
    void defaultsPutNearestNeighboursTenToTwelvePixelsApart() {
        for (Material m : Material.values()) {
            SimulationSpec spec = SimulationSpec.of(m, 64);
            double neighbourPixels = m.nearestNeighbourAngstrom() / spec.pixelSizeAngstrom();
            assertThat(neighbourPixels).as(m.id()).isBetween(8.0, 12.0);
            assertThat(spec.probeSigmaPixels()).as(m.id()).isBetween(1.0, 6.0);
            assertThat(spec.noise()).isEqualTo(Noise.NONE);
            assertThat(spec.defects()).isEqualTo(Defects.NONE);
            assertThat(spec.rotationDegrees()).isZero();
        }
    }

    @Test
    void withersChangeOneThing() {
        SimulationSpec spec = SimulationSpec.of(Material.SRTIO3, 64).withSize(32, 80).withSeed(5).withNoiseLevel(0.2);
        assertThat(spec.height()).isEqualTo(32);
        assertThat(spec.width()).isEqualTo(80);
        assertThat(spec.seed()).isEqualTo(5);
        assertThat(spec.noise().level()).isEqualTo(0.2);
        assertThat(spec.material()).isEqualTo(Material.SRTIO3);
    }

    @Test
    void materialsKnowTheirLattices() {
        assertThat(Material.GRAPHENE.atomsPerSquareAngstrom()).isCloseTo(0.3819, within(0.001));
        assertThat(Material.GRAPHENE.nearestNeighbourAngstrom()).isCloseTo(1.42, within(0.005));
        assertThat(Material.SRTIO3.atomsPerSquareAngstrom()).isCloseTo(2 / (3.905 * 3.905), within(1e-12));
        assertThat(Material.SRTIO3.nearestNeighbourAngstrom()).isCloseTo(2.761, within(0.001));
        assertThat(Material.parse(" SrTiO3 ")).isEqualTo(Material.SRTIO3);
    }

    @Nested
    class Rejects {

        private final SimulationSpec base = SimulationSpec.of(Material.GRAPHENE, 64);

        @Test
        void framesTooSmallOrTooLarge() {
            assertThatThrownBy(() -> base.withSize(15, 64)).hasMessage("Height must be in [16, 8192] pixels: 15");
            assertThatThrownBy(() -> base.withSize(64, 8193)).hasMessage("Width must be in [16, 8192] pixels: 8193");
        }

        @Test
        void badPhysicalUnits() {
            assertThatThrownBy(() -> base.withPixelSize(0)).hasMessageStartingWith("Pixel size must be in");
            assertThatThrownBy(() -> base.withPixelSize(Double.NaN)).hasMessageStartingWith("Pixel size must be in");
            assertThatThrownBy(() -> base.withRotation(Double.POSITIVE_INFINITY))
                    .hasMessageStartingWith("Rotation must be");
            assertThatThrownBy(() -> base.withProbeFwhm(0.01)).hasMessageStartingWith("Probe FWHM must be in");
        }

        @Test
        void badNoise() {
            assertThatThrownBy(() -> Noise.level(-0.1)).hasMessage("Noise level must be in [0, 10]: -0.1");
            assertThatThrownBy(() -> Noise.level(Double.NaN)).hasMessageStartingWith("Noise level must be in");
            assertThatThrownBy(() -> Noise.NONE.withShotDose(-1)).hasMessageStartingWith("Shot-noise dose");
            assertThatThrownBy(() -> Noise.NONE.withScanJitter(-1)).hasMessageStartingWith("Scan jitter");
        }

        @Test
        void badDefects() {
            assertThatThrownBy(() -> Defects.NONE.withDopants(1.5)).hasMessage("Dopant fraction must be in [0, 1]: 1.5");
            assertThatThrownBy(() -> Defects.NONE.withVacancies(-0.1)).hasMessageStartingWith("Vacancy fraction");
            assertThatThrownBy(() -> Defects.NONE.withAmorphous(0.95)).hasMessageStartingWith("Amorphous fraction");
            assertThatThrownBy(() -> Defects.NONE.withHoles(-1, 5)).hasMessageStartingWith("Number of holes");
            assertThatThrownBy(() -> Defects.NONE.withHoles(1, 0)).hasMessageStartingWith("Hole radius");
        }

        @Test
        void grapheneOnlyDefectsOnSrtio3() {
            SimulationSpec srtio3 = SimulationSpec.of(Material.SRTIO3, 64);
            assertThatThrownBy(() -> srtio3.withDefects(Defects.NONE.withDopants(0.1)))
                    .hasMessage("Dopants are implemented for graphene only, not srtio3");
            assertThatThrownBy(() -> srtio3.withDefects(Defects.NONE.withAmorphous(0.1)))
                    .hasMessage("Amorphous patch is implemented for graphene only, not srtio3");
        }

        @Test
        void unknownMaterial() {
            assertThatThrownBy(() -> Material.parse("gold"))
                    .hasMessage("Unknown material: gold (expected graphene or srtio3)");
            assertThatThrownBy(() -> Material.parse(null)).hasMessageStartingWith("Unknown material: null");
        }

        @Test
        void badTruthAtoms() {
            assertThatThrownBy(() -> new TrueAtom(Double.NaN, 1, "C")).hasMessageStartingWith("Atom position must be finite");
            assertThatThrownBy(() -> new TrueAtom(1, 1, " ")).hasMessage("Atom label must not be blank");
        }
    }
}
