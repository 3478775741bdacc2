package org.stemloop.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class NoiseVerdictTest {

    private static NoiseRow row(String method, double noise, double f1) {
        return new NoiseRow(method, "srtio3", noise, 0, 0, 0, f1, f1, f1, 1, 1, 1, 0, 0, 0, 1);
    }

    @Test
    void networkBetterLowAndLogStarSteadierIsReproduced() {
        List<NoiseRow> rows = List.of(row("log*", 0.1, 0.95), row("log*", 0.7, 0.85), row("unet", 0.1, 0.99),
                row("unet", 0.7, 0.60));
        assertThat(NoiseVerdict.say(rows, "srtio3", "unet")).startsWith("srtio3: REPRODUCED")
                .contains("0.990 for unet and 0.950 for log*", "falls by 0.100 for log* and 0.390 for unet");
    }

    @Test
    void logStarBetterEverywhereIsSaidPlainly() {
        List<NoiseRow> rows = List.of(row("log*", 0.1, 0.99), row("log*", 0.7, 0.95), row("unet", 0.1, 0.90),
                row("unet", 0.7, 0.20));
        assertThat(NoiseVerdict.say(rows, "srtio3", "unet"))
                .contains("PARTLY reproduced: log* is steadier at high noise, but the network is not better at low noise");
    }

    @Test
    void withoutTheNetworkThereIsNoComparison() {
        assertThat(NoiseVerdict.say(List.of(row("log*", 0.1, 0.9)), "srtio3", "unet")).contains("no comparison");
    }
}
