package org.stemloop.agent;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.stemloop.image.Frame;

class UnetFrameTest {

    private static final Frame BARE = Frame.of(2, 2, new double[4]);

    @Test
    void theFramesOwnPixelSizeWins() {
        Frame own = BARE.withPixelSize(0.078);
        assertThat(UnetFrame.calibrated(own, 0.14).pixelSizeAngstrom()).hasValue(0.078);
    }

    @Test
    void aFrameWithoutOneGetsTheRunsAssumedPixelSize() {
        assertThat(UnetFrame.calibrated(BARE, 0.14).pixelSizeAngstrom()).hasValue(0.14);
    }

    @Test
    void withNeitherTheFrameStaysUncalibratedForTheFftEstimate() {
        assertThat(UnetFrame.calibrated(BARE, Double.NaN).pixelSizeAngstrom()).isEmpty();
    }
}
