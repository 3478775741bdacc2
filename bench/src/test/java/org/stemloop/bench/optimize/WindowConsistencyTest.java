package org.stemloop.bench.optimize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.stemloop.detect.LogParams;
import org.stemloop.eval.Scores;
import org.stemloop.optimize.Candidate;
import org.stemloop.optimize.WindowChoice;

class WindowConsistencyTest {

    /** A 2 x 2 map whose top windows chose threshold {@code top} and bottom ones {@code bottom}. */
    private static WindowMap map(double top, double bottom) {
        List<WindowMap.Entry> e = new ArrayList<>();
        for (int r = 0; r < 2; r++) {
            for (int c = 0; c < 2; c++) {
                LogParams p = LogParams.of(1.0, 3.0, 10, r == 0 ? top : bottom, 0.5);
                e.add(new WindowMap.Entry(r, c, new WindowChoice(r * 40, c * 40, 100, 100,
                        new Candidate(new int[] {0, 0, 0, 0}, p, new double[] {0.1, 0.1}, 10)), r * 70, c * 70,
                        r * 70 + 70, c * 70 + 70, Scores.ofCounts(10, 0, 0)));
            }
        }
        return new WindowMap(140, 140, 2, 2, e);
    }

    @Test
    void spreadAndNeighbourDifferencesOfTheWindowsChoices() {
        List<WindowConsistency> all = WindowConsistency.of(map(0.1, 0.2));

        assertThat(all).extracting(WindowConsistency::parameter).containsExactlyElementsOf(WindowConsistency.PARAMETERS);
        WindowConsistency t = all.get(2);
        assertThat(t.mean()).isCloseTo(0.15, within(1e-12));
        assertThat(t.sd()).isCloseTo(0.05, within(1e-12));
        assertThat(t.cv()).isCloseTo(1 / 3.0, within(1e-12));
        // 4 neighbouring pairs: the two across agree, the two down differ by 0.1
        assertThat(t.neighbourPairs()).isEqualTo(4);
        assertThat(t.neighbourMad()).isCloseTo(0.05, within(1e-12));
        WindowConsistency overlap = all.get(3);
        assertThat(overlap.cv()).isZero();
        assertThat(overlap.neighbourMad()).isZero();
    }

    @Test
    void aMapMustHaveOneWindowPerGridPlace() {
        WindowMap m = map(0.1, 0.1);
        assertThatThrownBy(() -> new WindowMap(140, 140, 3, 2, m.windows())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("3 x 2 map needs 6 windows, not 4");
        assertThatThrownBy(() -> WindowConsistency.value("num_sigma")).hasMessageContaining("Unknown parameter: num_sigma");
    }
}
