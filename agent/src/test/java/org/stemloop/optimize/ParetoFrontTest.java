package org.stemloop.optimize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.stemloop.detect.LogParams;

class ParetoFrontTest {

    private static final List<String> NAMES = List.of("qc", "er");

    static Candidate c(int id, double qc, double er) {
        return new Candidate(new int[] {id, 0, 0, 0}, LogParams.of(1, 2, 10, 0.1, 0.5), new double[] {qc, er}, 100);
    }

    @Test
    void keepsOnlyNonDominatedSortedByFirstReward() {
        ParetoFront f = ParetoFront.of(NAMES, List.of(c(1, 0.5, 0.1), c(2, 0.1, 0.5), c(3, 0.6, 0.6), c(4, 0.2, 0.2)), 1);
        assertThat(f.options()).extracting(o -> o.genes()[0]).containsExactly(2, 4, 1);
        assertThat(f.recommended().genes()[0]).isEqualTo(4);
    }

    @Test
    void hypervolumeOfKnownPointsAgainstOneOne() {
        // (0.2, 0.4) and (0.5, 0.1): 0.8*0.6 + 0.5*0.3 = 0.63
        assertThat(Hypervolume.of(List.of(c(1, 0.2, 0.4), c(2, 0.5, 0.1)))).isCloseTo(0.63, within(1e-12));
        assertThat(Hypervolume.of(List.of(c(1, 0, 0)))).isEqualTo(1.0);
        assertThat(Hypervolume.of(List.of(c(1, 3, 0.5)))).isZero();
        assertThat(Hypervolume.of(List.of())).isZero();
    }

    @Test
    void tiedAlternativesFillASinglePointFrontAndStayNonDominated() {
        ParetoFront f = ParetoFront.of(NAMES,
                List.of(c(1, 0.01, 0), c(2, 0.01, 0), c(3, 0.01, 0), c(9, 0.01, 0), c(5, 0.01, 0), c(6, 0.01, 0),
                        c(7, 0.3, 0.3)), 5);
        assertThat(f.size()).isEqualTo(5);
        for (Candidate a : f.options()) {
            for (Candidate b : f.options()) {
                assertThat(a.dominates(b)).isFalse();
            }
        }
        // the recommendation is the plateau's middle, the alternatives spread out from it
        assertThat(f.recommended().genes()[0]).isEqualTo(5);
        assertThat(f.options()).extracting(o -> o.genes()[0]).contains(1, 9);
    }

    @Test
    void resultDoesNotDependOnInputOrder() {
        List<Candidate> in = List.of(c(1, 0.5, 0.1), c(2, 0.1, 0.5), c(3, 0.1, 0.5), c(4, 0.2, 0.2));
        ParetoFront a = ParetoFront.of(NAMES, in);
        ParetoFront b = ParetoFront.of(NAMES, List.of(in.get(3), in.get(2), in.get(1), in.get(0)));
        assertThat(a.options()).isEqualTo(b.options());
        assertThat(a.recommendedIndex()).isEqualTo(b.recommendedIndex());
    }

    @Nested
    class Failures {
        @Test
        void emptyCandidates() {
            assertThatThrownBy(() -> ParetoFront.of(NAMES, List.of())).hasMessageContaining("at least one candidate");
        }

        @Test
        void wrongRewardCount() {
            Candidate three = new Candidate(new int[4], LogParams.of(1, 2, 10, 0.1, 0.5), new double[] {1, 2, 3}, 1);
            assertThatThrownBy(() -> ParetoFront.of(NAMES, List.of(three))).hasMessageContaining("3 rewards, expected 2");
        }

        @Test
        void nonFiniteReward() {
            assertThatThrownBy(() -> c(1, Double.NaN, 0)).hasMessageContaining("finite");
        }
    }
}
