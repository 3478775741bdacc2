package org.stemloop.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.stemloop.eval.TestPoints.pts;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class OneToOneMatchingTest {

    @Test
    void doubleDetectionKeepsTheNearerAndCountsTheOtherFalse() {
        MatchResult m = OneToOneMatching.match(pts(11, 10, 10.5, 10), pts(10, 10), 2);
        assertThat(m.scores()).isEqualTo(new Scores(1, 1, 0, 0.5, 1, 2 * 0.5 / 1.5));
        assertThat(m.pairs()).containsExactly(new MatchedPair(1, 0, 0.5));
        assertThat(m.meanError()).isEqualTo(0.5);
    }

    @Test
    void predictionBetweenTwoAtomsFindsOnlyOne() {
        MatchResult m = OneToOneMatching.match(pts(0, 2), pts(0, 0, 0, 4), 2.5);
        assertThat(m.scores()).isEqualTo(Scores.ofCounts(1, 0, 1));
        assertThat(m.scores().recall()).isEqualTo(0.5);
    }

    @Test
    void findsTheMaximumWhereGreedyNearestFirstFails() {
        // Greedy takes P0-T0 (0.1 px) first and strands P1, whose only atom is T0; the maximum
        // matching sends P0 to T1 (1.4 px) instead.
        List<Point> truth = pts(0, 0, 0, 1.5);
        List<Point> pred = pts(0, 0.1, 0, -0.9);
        MatchResult m = OneToOneMatching.match(pred, truth, 1.5);
        assertThat(m.scores()).isEqualTo(Scores.ofCounts(2, 0, 0));
        assertThat(m.pairs()).extracting(MatchedPair::prediction, MatchedPair::truth)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(0, 1), org.assertj.core.groups.Tuple.tuple(1, 0));
        assertThat(m.meanError()).isCloseTo((1.4 + 0.9) / 2, within(1e-12));
    }

    @Test
    void augmentsAlongAChainOfAHundredThousandAtoms() {
        // Atoms every 2 px on a line; prediction i sits 0.1 px after atom i (and 1.9 px before atom
        // i + 1); an extra prediction sits 0.9 px before atom 0. Greedy pairs each prediction with
        // its own atom and leaves the extra one out; the only augmenting path runs the whole chain.
        int k = 100_000;
        List<Point> truth = new ArrayList<>(k + 1);
        List<Point> pred = new ArrayList<>(k + 1);
        for (int i = 0; i <= k; i++) {
            truth.add(new Point(0, 2.0 * i));
        }
        for (int i = 0; i < k; i++) {
            pred.add(new Point(0, 2.0 * i + 0.1));
        }
        pred.add(new Point(0, -0.9));
        MatchResult m = OneToOneMatching.match(pred, truth, 1.95);
        assertThat(m.scores()).isEqualTo(Scores.ofCounts(k + 1, 0, 0));
        assertThat(m.pairs().get(0)).isEqualTo(new MatchedPair(0, 1, 1.9));
    }

    @Test
    void truthAgainstItselfIsPerfectWithZeroError() {
        List<Point> lattice = TestPoints.square(30, 5, 2);
        MatchResult m = OneToOneMatching.match(lattice, lattice, ScoringRadius.defaultFor(lattice));
        assertThat(m.scores().f1()).isEqualTo(1.0);
        assertThat(m.meanError()).isZero();
    }

    @Test
    void jitterBelowTheRadiusKeepsEveryAtom() {
        List<Point> truth = TestPoints.square(40, 9, 5);
        MatchResult m = OneToOneMatching.match(TestPoints.jitter(truth, 2.9, 11), truth, 3);
        assertThat(m.scores().f1()).isEqualTo(1.0);
        assertThat(m.meanError()).isCloseTo(2.9, within(1e-9));
        assertThat(m.pairs()).allSatisfy(p -> assertThat(p.prediction()).isEqualTo(p.truth()));
    }

    @Test
    void jitterAboveTheRadiusLosesEveryAtom() {
        List<Point> truth = TestPoints.square(40, 9, 5);
        MatchResult m = OneToOneMatching.match(TestPoints.jitter(truth, 3.1, 11), truth, 3);
        assertThat(m.scores()).isEqualTo(Scores.ofCounts(0, 1600, 1600));
        assertThat(m.meanError()).isNaN();
    }

    @Test
    void deletingAndAddingAtomsCountsExactly() {
        List<Point> truth = TestPoints.square(10, 8, 4);
        List<Point> pred = new ArrayList<>(TestPoints.jitter(truth, 1.5, 7));
        pred.subList(10, 17).clear();
        for (int k = 0; k < 3; k++) {
            pred.add(new Point(-100, 30 * k));
        }
        MatchResult m = OneToOneMatching.match(pred, truth, 2);
        assertThat(m.scores()).isEqualTo(Scores.ofCounts(93, 3, 7));
    }

    @Nested
    class EmptyInputs {

        @Test
        void bothEmptyIsPerfect() {
            MatchResult m = OneToOneMatching.match(List.of(), List.of(), 1);
            assertThat(m.scores()).isEqualTo(new Scores(0, 0, 0, 1, 1, 1));
            assertThat(m.pairs()).isEmpty();
            assertThat(m.meanError()).isNaN();
        }

        @Test
        void oneSideEmptyScoresZero() {
            assertThat(OneToOneMatching.match(List.of(), pts(1, 1), 1).scores()).isEqualTo(new Scores(0, 0, 1, 0, 0, 0));
            assertThat(OneToOneMatching.match(pts(1, 1), List.of(), 1).scores()).isEqualTo(new Scores(0, 1, 0, 0, 0, 0));
        }
    }

    @Nested
    class Rejects {

        @Test
        void zeroRadius() {
            assertThatThrownBy(() -> OneToOneMatching.match(pts(1, 1), pts(1, 1), 0))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("Match radius must be positive and finite (pixels): 0.0");
        }

        @Test
        void pairsThatDisagreeWithTheCounts() {
            Scores two = Scores.ofCounts(2, 0, 0);
            assertThatThrownBy(() -> new MatchResult(1, two, List.of(new MatchedPair(0, 0, 0)), 0))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("Pairs disagree with tp");
        }

        @Test
        void ratiosOutsideTheUnitInterval() {
            assertThatThrownBy(() -> new Scores(1, 0, 0, 1.5, 1, 1))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("Scores precision must be in [0, 1]: 1.5");
        }
    }
}
