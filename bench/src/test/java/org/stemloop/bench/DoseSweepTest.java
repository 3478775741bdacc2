package org.stemloop.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.stemloop.reward.Material;

class DoseSweepTest {

    @Test
    void theSameSpecimenAtEveryDoseOnlyTheCountsChange() {
        var low = DoseSweep.frame(Material.GRAPHENE, 96, 10, 5);
        var high = DoseSweep.frame(Material.GRAPHENE, 96, 1000, 5);
        assertThat(high.atoms()).isEqualTo(low.atoms());
        assertThat(high.frame().pixels()).isNotEqualTo(low.frame().pixels());
        assertThat(low.frame().pixelSizeAngstrom().getAsDouble()).as("the told pixel size, not the true one")
                .isNotEqualTo(low.spec().pixelSizeAngstrom());
    }

    @Test
    void theSummaryKeepsTheWorstSeedAndTheVerdictNamesIt() {
        List<DoseRow> rows = List.of(row(10, 1, 0.60), row(10, 2, 0.70), row(50, 1, 0.97), row(50, 2, 0.93),
                row(200, 1, 0.98), row(200, 2, 0.99));
        DoseSweep.Result r = new DoseSweep.Result(new DoseSweep.Settings(List.of(Material.SRTIO3),
                new double[] {10, 50, 200}, 96, 2, 1), rows, List.of());

        assertThat(r.summary()).extracting(DoseSummary::dose).containsExactly(10.0, 50.0, 200.0);
        DoseSummary at50 = r.summary().get(1);
        assertThat(at50.meanF1()).isCloseTo(0.95, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(at50.minF1()).isEqualTo(0.93);
        assertThat(at50.minSeed()).isEqualTo(2);
        assertThat(at50.meetsGoal()).as("the mean reaches 0.95, one seed does not").isFalse();
        assertThat(r.summary().get(0).meetsGoal()).as("dose 10 is not held to the goal").isTrue();
        assertThat(DoseReport.verdict(r)).containsExactly(
                "log* on srtio3: F1 >= 0.95 on every seed at dose >= 50: FALLS SHORT on dose 50 seed 2 (0.930).");
    }

    @Test
    void rejectsSettingsThatCannotRun() {
        assertThatThrownBy(() -> new DoseSweep.Settings(List.of(Material.SRTIO3), new double[] {-1}, 96, 1, 1))
                .hasMessageContaining("doses must be positive electrons per pixel: -1.0");
        assertThatThrownBy(() -> new DoseSweep.Settings(List.of(Material.SRTIO3), new double[] {10}, 96, 0, 1))
                .hasMessageContaining("seeds per dose must be at least 1");
    }

    @Test
    void aLogarithmicAxisTicksOneTwoFiveOrOverManyDecadesThePowersOfTen() {
        assertThat(LineChart.logTicks(Math.log10(5), Math.log10(200))).containsExactly(5.0, 10.0, 20.0, 50.0, 100.0, 200.0);
        assertThat(LineChart.logTicks(Math.log10(5), Math.log10(1000))).containsExactly(10.0, 100.0, 1000.0);
    }

    private static DoseRow row(double dose, long seed, double f1) {
        return new DoseRow("log*", "srtio3", dose, seed, 0, 0, 0, f1, f1, f1, 100, 100, 1);
    }
}
