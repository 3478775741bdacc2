package org.stemloop.optimize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.stemloop.detect.Contrast;
import org.stemloop.image.Frame;
import org.stemloop.reward.Material;
import org.stemloop.reward.PixelCalibration;
import org.stemloop.sim.Preset;
import org.stemloop.sim.RealisticFrame;
import org.stemloop.sim.RealisticSpec;
import org.stemloop.sim.Simulator;

/** The preparation {@code analyze} and the agent share: contrast and pixel calibration from their words. */
class FramePreparationTest {

    private static RealisticFrame abf() {
        return Simulator.realistic(Preset.parse("abf-srtio3").spec(256), 2);
    }

    @Test
    void theWordsOfTheOptionsAndKeys() {
        FramePreparation d = FramePreparation.parse("auto", "lattice");
        assertThat(d.contrastWord()).isEqualTo("auto");
        assertThat(d.calibrateWord()).isEqualTo("lattice");
        assertThat(FramePreparation.parse(null, null).toString()).isEqualTo(FramePreparation.DEFAULT.toString());
        FramePreparation t = FramePreparation.parse(" Dark", "TOLD");
        assertThat(t.contrastWord()).isEqualTo("dark");
        assertThat(t.calibrateWord()).isEqualTo("told");
    }

    @Test
    void aBadWordIsNamedWithItsKey() {
        assertThatThrownBy(() -> FramePreparation.parse("grey", "lattice"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("contrast must be bright, dark or auto: grey");
        assertThatThrownBy(() -> FramePreparation.parse("auto", "fft"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("calibrate must be lattice or told: fft");
    }

    @Test
    void anAbfFrameIsDetectedDarkAndInvertedKeepingItsPixelSize() {
        Frame recorded = abf().frame().withPixelSize(0.12);
        FramePreparation.Contrasted auto = FramePreparation.DEFAULT.brightAtoms(recorded);
        assertThat(auto.contrast()).isEqualTo(Contrast.DARK);
        assertThat(auto.detected()).isTrue();
        assertThat(auto.source()).isEqualTo("auto");
        assertThat(Contrast.detect(auto.frame())).isEqualTo(Contrast.BRIGHT);
        assertThat(auto.frame().pixelSizeAngstrom()).hasValue(0.12);
        // told bright: read as sent, whatever the image shows (what the agent did before issue 15's step)
        FramePreparation.Contrasted told = FramePreparation.parse("bright", "lattice").brightAtoms(recorded);
        assertThat(told.contrast()).isEqualTo(Contrast.BRIGHT);
        assertThat(told.source()).isEqualTo("option");
        assertThat(told.frame().pixels()).containsExactly(recorded.pixels());
    }

    @Test
    void aPixelSizeToldFourPercentWrongIsMeasuredOnTheLatticeOrKeptWhenTold() {
        RealisticSpec spec = Preset.haadf(Material.SRTIO3).spec(512).withCalibrationError(0.04).withDose(50);
        RealisticFrame f = Simulator.realistic(spec, 3);
        double told = spec.toldPixelSizeAngstrom();
        assertThat(told / spec.pixelSizeAngstrom() - 1).isGreaterThan(0.03);
        PixelCalibration.Result lattice = FramePreparation.DEFAULT.pixelSize(f.frame(), Material.SRTIO3, told);
        assertThat(lattice.corrected()).as(lattice.note()).isTrue();
        assertThat(lattice.toldAngstrom()).isEqualTo(told);
        assertThat(lattice.pixelSizeAngstrom() / spec.pixelSizeAngstrom() - 1).as(lattice.note()).isBetween(-0.01, 0.01);
        PixelCalibration.Result asTold = FramePreparation.parse("auto", "told").pixelSize(f.frame(), Material.SRTIO3,
                told);
        assertThat(asTold.corrected()).isFalse();
        assertThat(asTold.pixelSizeAngstrom()).isEqualTo(told);
        assertThat(asTold.note()).contains("as told");
    }
}
