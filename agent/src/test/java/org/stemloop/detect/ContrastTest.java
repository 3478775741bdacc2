package org.stemloop.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.stemloop.image.Frame;
import org.stemloop.image.ImageReaders;
import org.stemloop.reward.Material;
import org.stemloop.sim.Preset;
import org.stemloop.sim.SimulationSpec;
import org.stemloop.sim.Simulator;
import org.stemloop.testsupport.RealData;

class ContrastTest {

    @Test
    void simulatedHaadfIsBrightAndItsNegativeDark() {
        Frame f = Simulator.simulate(SimulationSpec.of(Material.SRTIO3, 256).withNoiseLevel(0.1)).frame();
        assertThat(Contrast.detect(f)).isEqualTo(Contrast.BRIGHT);
        Frame dark = Contrast.DARK.brightAtoms(f);
        assertThat(Contrast.detect(dark)).isEqualTo(Contrast.DARK);
        assertThat(Contrast.detect(Contrast.DARK.brightAtoms(dark))).isEqualTo(Contrast.BRIGHT);
    }

    /** A bright honeycomb whose skewness is about zero (wide probe): the sign alone called it dark, and LoG* found the hexagons. */
    @Test
    void aBrightGrapheneFrameWithASkewnessNearZeroStaysBright() {
        for (double dose : new double[] {100, 1000}) {
            Frame f = Simulator.realistic(Preset.parse("haadf-nion-graphene").spec(512).withDose(dose), 2024).frame();
            assertThat(Contrast.skewness(f)).as("dose %s", dose).isBetween(Contrast.DARK_BELOW, 0.0);
            assertThat(Contrast.detect(f)).as("dose %s", dose).isEqualTo(Contrast.BRIGHT);
        }
        Frame abf = Simulator.realistic(Preset.parse("abf-srtio3").spec(256).withDose(5), 1).frame();
        assertThat(Contrast.detect(abf)).as("ABF SrTiO3 at 5 e/px").isEqualTo(Contrast.DARK);
    }

    /** Data we did not generate: every ABF frame of ../shared/data/real (Atomap's, vec-map's experimental and multislice) and the HAADF/ADF ones. */
    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({"srtio3_abf_atomap.npy, DARK", "srtio3_adf_atomap.npy, BRIGHT", "srtio3_haadf_1024.npy, BRIGHT",
            "graphene_gb_4nm.npy, BRIGHT", "perovskite_abf.dm3, DARK", "pto100_abf_drprobe.dm4, DARK",
            "pto100_haadf_drprobe.dm4, BRIGHT", "pzo110_haadf_drprobe.dm4, BRIGHT", "pzo_haadf.dm3, BRIGHT",
            "srtio3_berkeley_acq18.emd, BRIGHT", "srtio3_haadf_1.ser, BRIGHT"})
    void realImages(String file, Contrast expected) throws Exception {
        assertThat(Contrast.detect(ImageReaders.read(RealData.file(file)))).isEqualTo(expected);
    }

    @Test
    void anUnknownWordIsNamed() {
        assertThatThrownBy(() -> Contrast.parse("grey")).hasMessageContaining("bright, dark or auto: grey");
    }
}
