package org.stemloop.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.stemloop.eval.TestPoints.pts;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PaperCountsTest {

    @Test
    void doubleDetectionOnOneAtomCountsTwoTruePositives() {
        PaperCounts c = PaperCounts.count(pts(10, 10, 10.5, 10), pts(10, 10), 2);
        assertThat(c).isEqualTo(new PaperCounts(2, 0, 0, 1));
        assertThat(c.scores().precision()).isEqualTo(1.0);
        assertThat(c.scores().recall()).isEqualTo(1.0);
    }

    @Test
    void predictionBetweenTwoAtomsFindsBoth() {
        PaperCounts c = PaperCounts.count(pts(0, 2), pts(0, 0, 0, 4), 2.5);
        assertThat(c).isEqualTo(new PaperCounts(1, 0, 0, 2));
        assertThat(c.scores().f1()).isEqualTo(1.0);
    }

    @Test
    void mixedCaseByHand() {
        // Atoms A(0,0), B(0,10), C(20,20). Predictions: two on A, one 1.5 px from B, one far away.
        PaperCounts c = PaperCounts.count(pts(0.5, 0, -0.5, 0.5, 0, 11.5, 50, 50), pts(0, 0, 0, 10, 20, 20), 2);
        assertThat(c).isEqualTo(new PaperCounts(3, 1, 1, 2));
        Scores s = c.scores();
        assertThat(s.precision()).isEqualTo(0.75);
        assertThat(s.recall()).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(s.f1()).isCloseTo(2 * 0.75 * (2.0 / 3) / (0.75 + 2.0 / 3), within(1e-12));
    }

    @Test
    void distanceExactlyAtRadiusCounts() {
        assertThat(PaperCounts.count(pts(3, 4), pts(0, 0), 5).tp()).isEqualTo(1);
        assertThat(PaperCounts.count(pts(3, 4.001), pts(0, 0), 5).tp()).isZero();
    }

    @Test
    void truthAgainstItselfIsPerfect() {
        List<Point> lattice = TestPoints.square(20, 7, 3);
        assertThat(PaperCounts.count(lattice, lattice, 2).scores().f1()).isEqualTo(1.0);
    }

    @Test
    void deletingAndAddingAtomsCountsExactly() {
        List<Point> truth = TestPoints.square(10, 8, 4);
        List<Point> pred = new ArrayList<>(TestPoints.jitter(truth, 1.5, 7).subList(5, 100));
        for (int k = 0; k < 4; k++) {
            pred.add(new Point(500 + 10 * k, 500));
        }
        PaperCounts c = PaperCounts.count(pred, truth, 2);
        assertThat(c).isEqualTo(new PaperCounts(95, 4, 5, 95));
    }

    @Nested
    class EmptyInputs {

        @Test
        void bothEmptyIsPerfect() {
            Scores s = PaperCounts.count(List.of(), List.of(), 1).scores();
            assertThat(s).isEqualTo(new Scores(0, 0, 0, 1, 1, 1));
        }

        @Test
        void noPredictionsMissesEveryAtom() {
            Scores s = PaperCounts.count(List.of(), pts(1, 1, 5, 5), 1).scores();
            assertThat(s).isEqualTo(new Scores(0, 0, 2, 0, 0, 0));
        }

        @Test
        void noTruthMakesEveryPredictionFalse() {
            Scores s = PaperCounts.count(pts(1, 1, 5, 5), List.of(), 1).scores();
            assertThat(s).isEqualTo(new Scores(0, 2, 0, 0, 0, 0));
        }
    }

    @Nested
    class Rejects {

        @ParameterizedTest
        @ValueSource(doubles = {0, -1, Double.NaN, Double.POSITIVE_INFINITY})
        void radiusNotPositive(double radius) {
            assertThatThrownBy(() -> PaperCounts.count(pts(1, 1), pts(1, 1), radius))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("Match radius must be positive");
        }

        @Test
        void nanCoordinates() {
            assertThatThrownBy(() -> new Point(Double.NaN, 1))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("must be finite");
        }

        @Test
        void nullPoint() {
            List<Point> withNull = new ArrayList<>(pts(1, 1));
            withNull.add(null);
            assertThatThrownBy(() -> PaperCounts.count(withNull, pts(1, 1), 1))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("predictions point 1 is null");
        }

        @Test
        void radiusTooSmallForTheSpan() {
            assertThatThrownBy(() -> PaperCounts.count(pts(0, 0), pts(0, 0, 1e6, 1e6), 1e-5))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("too small");
        }
    }
}
