package org.stemloop.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The grid and Hopcroft-Karp against plain O(n * m) references written here: every pair tested,
 * and Kuhn's simple augmenting-path algorithm for the maximum matching size.
 */
class BruteForceAgreementTest {

    @ParameterizedTest(name = "seed {0}: {1} predictions, {2} atoms in {3} px, radius {4}")
    @CsvSource({
            "1, 400, 400, 100, 3",
            "2, 600, 300, 100, 4",
            "3, 300, 700, 100, 2.5",
            "4, 1500, 1500, 200, 5",
            "5, 800, 800, 50, 1.5",
            "6, 50, 2000, 400, 10",
            "7, 1000, 1000, 1000, 0.7"})
    void agreeOnRandomSets(long seed, int nPred, int nTruth, double size, double radius) {
        List<Point> pred = TestPoints.uniform(nPred, size, seed);
        List<Point> truth = TestPoints.uniform(nTruth, size, seed + 1000);
        boolean[][] near = near(pred, truth, radius);

        PaperCounts c = PaperCounts.count(pred, truth, radius);
        assertThat(c).isEqualTo(paperReference(near, nPred, nTruth));

        MatchResult m = OneToOneMatching.match(pred, truth, radius);
        assertThat(m.tp()).isEqualTo(maximumMatchingSize(near, nPred, nTruth));
        assertThat(m.fp()).isEqualTo(nPred - m.tp());
        assertThat(m.fn()).isEqualTo(nTruth - m.tp());
        assertValidMatching(m, pred, truth, radius);
        assertThat(m.tp()).isGreaterThan(0);
    }

    private static boolean[][] near(List<Point> pred, List<Point> truth, double radius) {
        boolean[][] near = new boolean[pred.size()][truth.size()];
        for (int i = 0; i < pred.size(); i++) {
            for (int j = 0; j < truth.size(); j++) {
                double dr = pred.get(i).row() - truth.get(j).row();
                double dc = pred.get(i).col() - truth.get(j).col();
                near[i][j] = dr * dr + dc * dc <= radius * radius;
            }
        }
        return near;
    }

    private static PaperCounts paperReference(boolean[][] near, int nPred, int nTruth) {
        int tp = 0;
        int found = 0;
        for (int i = 0; i < nPred; i++) {
            boolean any = false;
            for (int j = 0; j < nTruth; j++) {
                any |= near[i][j];
            }
            tp += any ? 1 : 0;
        }
        for (int j = 0; j < nTruth; j++) {
            boolean any = false;
            for (int i = 0; i < nPred; i++) {
                any |= near[i][j];
            }
            found += any ? 1 : 0;
        }
        return new PaperCounts(tp, nPred - tp, nTruth - found, found);
    }

    /** Kuhn's algorithm: one augmenting-path search per prediction, O(n * n * m). */
    private static int maximumMatchingSize(boolean[][] near, int nPred, int nTruth) {
        int[] owner = new int[nTruth];
        Arrays.fill(owner, -1);
        int size = 0;
        for (int i = 0; i < nPred; i++) {
            if (kuhn(i, near, owner, new boolean[nTruth])) {
                size++;
            }
        }
        return size;
    }

    private static boolean kuhn(int i, boolean[][] near, int[] owner, boolean[] seen) {
        for (int j = 0; j < owner.length; j++) {
            if (near[i][j] && !seen[j]) {
                seen[j] = true;
                if (owner[j] < 0 || kuhn(owner[j], near, owner, seen)) {
                    owner[j] = i;
                    return true;
                }
            }
        }
        return false;
    }

    private static void assertValidMatching(MatchResult m, List<Point> pred, List<Point> truth, double radius) {
        Set<Integer> predictions = new HashSet<>();
        Set<Integer> truths = new HashSet<>();
        List<Integer> order = new ArrayList<>();
        double sum = 0;
        for (MatchedPair p : m.pairs()) {
            assertThat(predictions.add(p.prediction())).as("prediction %d used twice", p.prediction()).isTrue();
            assertThat(truths.add(p.truth())).as("atom %d used twice", p.truth()).isTrue();
            double d = Math.hypot(pred.get(p.prediction()).row() - truth.get(p.truth()).row(),
                    pred.get(p.prediction()).col() - truth.get(p.truth()).col());
            assertThat(p.distance()).isCloseTo(d, within(1e-9)).isLessThanOrEqualTo(radius);
            order.add(p.prediction());
            sum += d;
        }
        assertThat(order).isSorted();
        assertThat(m.meanError()).isCloseTo(sum / m.pairs().size(), within(1e-9));
    }
}
