package org.stemloop.optimize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.stemloop.detect.Blob;
import org.stemloop.detect.LogParams;

class OptionSelectionTest {

    private static final List<String> NAMES = List.of("qc", "er");
    private static final double RADIUS = 3;

    /** A square grid of atoms 10 px apart, {@code n} of them, shifted by {@code shift} px. */
    static List<Blob> grid(int n, double shift) {
        List<Blob> atoms = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            atoms.add(new Blob(10 + 10 * (i / 20) + shift, 10 + 10 * (i % 20) + shift, 2));
        }
        return atoms;
    }

    private final Map<Integer, List<Blob>> atomsById = new HashMap<>();

    private Candidate c(int id, double qc, double er, List<Blob> atoms) {
        atomsById.put(id, atoms);
        return new Candidate(new int[] {id, id * 7 % 13, 0, 0}, LogParams.of(1, 2 + id * 0.01, 10, 0.1, 0.5),
                new double[] {qc, er}, atoms.size());
    }

    private OptionSelection select(List<Candidate> candidates, int minOptions) {
        ParetoFront front = ParetoFront.of(NAMES, candidates, minOptions);
        return OptionSelection.of(front, cand -> atomsById.get(cand.genes()[0]), RADIUS,
                OptionSelection.DEFAULT_MAX_OPTIONS);
    }

    @Test
    void tiedCopiesWithTheSameAtomsBecomeOneOptionAndTheFrameIsUnambiguous() {
        List<Candidate> cs = new ArrayList<>();
        for (int id = 1; id <= 6; id++) {
            // the same 100 atoms, found up to a pixel apart by parameter sets far apart
            cs.add(c(id, 0.01, 0, grid(100, (id % 3) * 0.5)));
        }
        OptionSelection s = select(cs, 5);
        assertThat(ParetoFront.of(NAMES, cs, 5).size()).as("the front pads with tied alternatives").isEqualTo(5);
        assertThat(s.options()).hasSize(1);
        assertThat(s.unambiguous()).isTrue();
        assertThat(s.recommended().merged()).isEqualTo(5);
        assertThat(s.recommended().tags()).contains("knee", "the only distinct reading");
    }

    @Test
    void distinctReadingsStayEachLabelledByWhatItMeans() {
        // three readings of one frame: 90 atoms, 100 (the knee), 110
        List<Blob> more = new ArrayList<>(grid(100, 0));
        for (int i = 0; i < 10; i++) {
            more.add(new Blob(15, 15 + 10 * i, 2));
        }
        OptionSelection s = select(List.of(c(1, 0.1, 0.0, grid(90, 0)), c(2, 0.02, 0.05, grid(100, 0)),
                c(3, 0.0, 0.2, more)), 1);
        assertThat(s.unambiguous()).isFalse();
        assertThat(s.options()).hasSize(3);
        ChosenOption knee = s.recommended();
        assertThat(knee.atoms()).hasSize(100);
        assertThat(knee.tags()).containsExactly("knee");
        assertThat(s.options()).filteredOn(o -> o.atoms().size() == 90).singleElement()
                .satisfies(o -> assertThat(o.tags()).contains("fewest crowded atoms", "fewest atoms"));
        assertThat(s.options()).filteredOn(o -> o.atoms().size() == 110).singleElement()
                .satisfies(o -> assertThat(o.tags()).contains("most atoms", "closest to the expected count"));
        for (ChosenOption a : s.options()) {
            for (ChosenOption b : s.options()) {
                if (a != b) {
                    assertThat(AtomSetDiff.of(a.atoms(), b.atoms(), RADIUS).same()).isFalse();
                }
            }
        }
    }

    @Test
    void aLongFrontIsCutToEightSpanningItWithTheKneeAndBothEnds() {
        List<Candidate> cs = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            // 20 readings of 300-319 atoms along a convex front
            double qc = i * 0.01;
            cs.add(c(i + 1, qc, (0.19 - qc) * (0.19 - qc) * 5, grid(300 + 19 - i, 0)));
        }
        OptionSelection s = select(cs, 1);
        assertThat(s.options()).hasSize(OptionSelection.DEFAULT_MAX_OPTIONS);
        List<Integer> counts = s.options().stream().map(o -> o.atoms().size()).toList();
        assertThat(counts).contains(300, 319);
        assertThat(s.recommended().candidate()).isEqualTo(ParetoFront.of(NAMES, cs, 1).recommended());
        assertThat(s.options()).extracting(o -> o.candidate().reward(0)).isSorted();
        // spread in the rewards (the front is curved, so counts are not evenly spaced): no gap over 5 of 19 steps
        List<Integer> sorted = counts.stream().sorted().toList();
        for (int i = 1; i < sorted.size(); i++) {
            assertThat(sorted.get(i) - sorted.get(i - 1)).isLessThanOrEqualTo(5);
        }
    }

    @Nested
    class Diff {
        @Test
        void addsAndDropsAreTheAtomsWithoutAPartnerWithinTheRadius() {
            List<Blob> ref = grid(40, 0);
            List<Blob> opt = new ArrayList<>(grid(38, 0.7));
            opt.add(new Blob(15, 15, 2));
            AtomSetDiff d = AtomSetDiff.of(opt, ref, RADIUS);
            assertThat(d.added()).containsExactly(new Blob(15, 15, 2));
            assertThat(d.dropped()).hasSize(2).allSatisfy(b -> assertThat(b.row()).isEqualTo(20));
            assertThat(AtomSetDiff.of(ref, ref, RADIUS).same()).isTrue();
            assertThat(AtomSetDiff.of(List.of(), List.of(), RADIUS).same()).isTrue();
        }

        @Test
        void refusesANonPositiveRadius() {
            assertThatThrownBy(() -> AtomSetDiff.of(List.of(), List.of(), 0)).hasMessageContaining("radius");
        }
    }

    @Test
    void refusesFewerThanFiveOptions() {
        ParetoFront f = ParetoFront.of(NAMES, List.of(c(1, 0, 0, grid(4, 0))), 1);
        assertThatThrownBy(() -> OptionSelection.of(f, x -> List.of(), RADIUS, 4)).hasMessageContaining("5 options");
    }
}
