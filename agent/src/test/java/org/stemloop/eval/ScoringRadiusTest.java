package org.stemloop.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.stemloop.eval.TestPoints.pts;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ScoringRadiusTest {

    @Test
    void squareLatticeGivesAThirdOfTheSpacing() {
        assertThat(ScoringRadius.defaultFor(TestPoints.square(12, 6, 3))).isCloseTo(2, within(1e-12));
    }

    @Test
    void evenCountTakesTheMeanOfTheMiddleDistances() {
        // Nearest-neighbour distances: 1, 1, 4, 4 -> median 2.5.
        double r = ScoringRadius.defaultFor(pts(0, 0, 0, 1, 0, 10, 0, 14));
        assertThat(r).isCloseTo(2.5 / 3, within(1e-12));
    }

    @Test
    void verticalLineUsesTheWiderAxis() {
        assertThat(ScoringRadius.defaultFor(pts(0, 5, 3, 5, 6, 5, 9, 5, 12, 5))).isCloseTo(1, within(1e-12));
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void nearestNeighboursAgreeWithBruteForce(long seed) {
        List<Point> points = TestPoints.uniform(1500, 300, seed);
        double[] fast = ScoringRadius.nearestNeighbourDistances(points);
        double[] slow = new double[points.size()];
        for (int i = 0; i < slow.length; i++) {
            double best = Double.POSITIVE_INFINITY;
            for (int j = 0; j < slow.length; j++) {
                if (i != j) {
                    best = Math.min(best, Math.sqrt(points.get(i).distanceSquared(points.get(j))));
                }
            }
            slow[i] = best;
        }
        Arrays.sort(fast);
        Arrays.sort(slow);
        assertThat(fast).containsExactly(slow, within(1e-12));
    }

    @Test
    void hundredThousandAtomsMatchTheirJitteredCopy() {
        List<Point> truth = TestPoints.square(317, 5, 0);
        double r = ScoringRadius.defaultFor(truth);
        Evaluation e = Evaluation.of(TestPoints.jitter(truth, 0.9 * r, 5), truth, r);
        assertThat(e.reported()).isEqualTo(new Scores(317 * 317, 0, 0, 1, 1, 1));
    }

    @Nested
    class Rejects {

        @Test
        void fewerThanTwoAtoms() {
            assertThatThrownBy(() -> ScoringRadius.defaultFor(pts(1, 1)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("at least 2 true atoms, got 1");
        }

        @Test
        void mostlyDuplicates() {
            assertThatThrownBy(() -> ScoringRadius.defaultFor(pts(1, 1, 1, 1, 5, 5)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("is 0 (duplicates)");
        }
    }
}
