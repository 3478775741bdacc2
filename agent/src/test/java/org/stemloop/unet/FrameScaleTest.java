package org.stemloop.unet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.stemloop.image.Frame;
import org.stemloop.reward.Material;
import org.stemloop.sim.SimulationSpec;
import org.stemloop.sim.Simulator;

class FrameScaleTest {

    private static final ModelCard GRAPHENE = new ModelCard("graphene", 0.14, 1.42, UnetInput.Normalisation.MIN_MAX, "test", java.util.List.of());

    @Test
    void aStatedPixelSizeSetsTheModelsGrid() {
        Frame f = Frame.of(512, 256, new double[512 * 256]).withPixelSize(0.078);
        FrameScale s = FrameScale.choose(f, GRAPHENE);
        assertThat(s.source()).isEqualTo(FrameScale.Source.PIXEL_SIZE);
        assertThat(s.outHeight()).isEqualTo(285);
        assertThat(s.outWidth()).isEqualTo(143);
        assertThat(s.apply(f).height()).isEqualTo(285);
    }

    @Test
    void withinFivePercentOfTheTrainingPixelSizeTheFrameIsUsedAsItIs() {
        Frame f = Frame.of(100, 100, new double[100 * 100]).withPixelSize(0.145);
        FrameScale s = FrameScale.choose(f, GRAPHENE);
        assertThat(s.identity()).isTrue();
        assertThat(s.apply(f)).isSameAs(f);
    }

    @Test
    void withoutAPixelSizeTheFftLatticeGivesIt() {
        Frame sim = Simulator.simulate(SimulationSpec.of(Material.GRAPHENE, 256).withPixelSize(0.078).withNoiseLevel(0.1)
                .withSeed(5)).frame();
        Frame f = Frame.of(sim.height(), sim.width(), sim.pixels());
        FrameScale s = FrameScale.choose(f, GRAPHENE);
        assertThat(s.source()).isEqualTo(FrameScale.Source.FFT_ESTIMATE);
        assertThat(s.framePixelSize()).isCloseTo(0.078, within(0.078 * 0.03));
        assertThat(s.note()).contains("hexagonal");
    }

    @Test
    void refusesAFrameWithNeitherPixelSizeNorLattice() {
        SplittableRandom rng = new SplittableRandom(3);
        double[] noise = new double[128 * 128];
        for (int i = 0; i < noise.length; i++) {
            noise[i] = rng.nextGaussian();
        }
        assertThatThrownBy(() -> FrameScale.choose(Frame.of(128, 128, noise), GRAPHENE))
                .isInstanceOf(UnetScaleException.class).hasMessageContaining("--pixel-size");
    }

    @Test
    void refusesAPixelSizeThatWouldShrinkTheFrameToNothing() {
        Frame f = Frame.of(64, 64, new double[64 * 64]).withPixelSize(0.01);
        assertThatThrownBy(() -> FrameScale.choose(f, GRAPHENE)).isInstanceOf(UnetScaleException.class)
                .hasMessageContaining("would be 5 x 5");
    }

    @Test
    void atomsGoBackToTheFramesPixels() {
        FrameScale s = new FrameScale(FrameScale.Source.PIXEL_SIZE, 0.07, 0.14, 100, 100, 50, 50, "");
        UnetAtom back = s.back(new UnetAtom(10, 20, 0.9, 0.01, 12));
        assertThat(back.row()).isCloseTo(20.5, within(1e-12));
        assertThat(back.col()).isCloseTo(40.5, within(1e-12));
        assertThat(back.area()).isEqualTo(48);
        assertThat(back.variance()).isEqualTo(0.01);
    }
}
