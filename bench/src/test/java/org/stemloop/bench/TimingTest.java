package org.stemloop.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class TimingTest {

    @Test
    void oddCountTakesTheMiddleRun() {
        Timing t = Timing.of(new double[] {5, 1, 3});
        assertThat(t).isEqualTo(new Timing(3, 1, 3, 5));
    }

    @Test
    void evenCountAveragesTheTwoMiddleRuns() {
        assertThat(Timing.of(new double[] {4, 1, 2, 3}).medianMs()).isEqualTo(2.5);
    }

    @Test
    void p90IsTheNearestRank() {
        double[] ten = {10, 9, 8, 7, 6, 5, 4, 3, 2, 1};
        assertThat(Timing.of(ten).p90Ms()).isEqualTo(9);
        double[] twenty = new double[20];
        for (int i = 0; i < 20; i++) {
            twenty[i] = i + 1;
        }
        assertThat(Timing.of(twenty).p90Ms()).isEqualTo(18);
        assertThat(Timing.of(new double[] {7}).p90Ms()).isEqualTo(7);
    }

    @Test
    void leavesTheInputAlone() {
        double[] ms = {3, 1, 2};
        Timing.of(ms);
        assertThat(ms).containsExactly(3, 1, 2);
    }

    @Nested
    class Rejects {
        @Test
        void noRuns() {
            assertThatThrownBy(() -> Timing.of(new double[0])).hasMessageContaining("at least one run");
        }

        @Test
        void disorderedSummary() {
            assertThatThrownBy(() -> new Timing(3, 5, 2, 6)).hasMessageContaining("min <= median <= p90");
        }
    }
}
