package org.stemloop.reward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.stemloop.sim.Preset;
import org.stemloop.sim.RealisticFrame;
import org.stemloop.sim.RealisticSpec;
import org.stemloop.sim.Simulator;

class PixelCalibrationTest {

    private static LatticeEstimate estimate(Symmetry symmetry, double spacingPx) {
        return new LatticeEstimate(symmetry, spacingPx, spacingPx, spacingPx * spacingPx, 2, 0.5, "test");
    }

    @Test
    void grapheneTakesThePixelSizeItsLatticeShows() {
        // (10) planes at 2.13 Å, 20.5 px apart: 0.1039 Å/px, told 0.1 (4% off)
        double spacing = 2.46 * Math.sqrt(3) / 2 / 0.104;
        PixelCalibration.Result r = PixelCalibration.of(Optional.of(estimate(Symmetry.HEXAGONAL, spacing)),
                Material.GRAPHENE, 0.1);
        assertThat(r.corrected()).isTrue();
        assertThat(r.pixelSizeAngstrom()).isCloseTo(0.104, within(1e-9));
        assertThat(r.toldAngstrom()).isEqualTo(0.1);
    }

    @Test
    void srtio3MatchesWhicheverFirstOrderPlanesThePeaksAre() {
        double a = 3.905;
        PixelCalibration.Result by100 = PixelCalibration.of(Optional.of(estimate(Symmetry.SQUARE, a / 0.25)),
                Material.SRTIO3, 0.26);
        assertThat(by100.pixelSizeAngstrom()).isCloseTo(0.25, within(1e-9));
        PixelCalibration.Result by110 = PixelCalibration.of(
                Optional.of(estimate(Symmetry.SQUARE, a / Math.sqrt(2) / 0.25)), Material.SRTIO3, 0.24);
        assertThat(by110.pixelSizeAngstrom()).isCloseTo(0.25, within(1e-9));
    }

    @Test
    void aLargeDisagreementOrAnotherSymmetryKeepsTheToldPixelSize() {
        PixelCalibration.Result far = PixelCalibration.of(Optional.of(estimate(Symmetry.HEXAGONAL, 30)),
                Material.GRAPHENE, 0.1);
        assertThat(far.corrected()).isFalse();
        assertThat(far.pixelSizeAngstrom()).isEqualTo(0.1);
        assertThat(far.note()).contains("beyond a calibration error");
        PixelCalibration.Result square = PixelCalibration.of(Optional.of(estimate(Symmetry.SQUARE, 21.3)),
                Material.GRAPHENE, 0.1);
        assertThat(square.corrected()).isFalse();
        assertThat(PixelCalibration.of(Optional.empty(), Material.GRAPHENE, 0.1).pixelSizeAngstrom()).isEqualTo(0.1);
    }

    @Test
    void aRealisticFrameToldFourPercentWrongIsCorrectedToWithinOnePercent() {
        for (Material m : new Material[] {Material.GRAPHENE, Material.SRTIO3}) {
            RealisticSpec spec = Preset.haadf(m).spec(512).withCalibrationError(0.04).withDose(50);
            RealisticFrame f = Simulator.realistic(spec, 3);
            PixelCalibration.Result r = PixelCalibration.of(f.frame(), m, spec.toldPixelSizeAngstrom());
            assertThat(r.corrected()).as(r.note()).isTrue();
            assertThat(r.pixelSizeAngstrom() / spec.pixelSizeAngstrom() - 1).as(m + ": " + r.note()).isBetween(-0.01, 0.01);
        }
    }
}
