package org.stemloop.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.stemloop.reward.LatticeCell;

class LatticeReferenceTest {

    private static final int H = 300, W = 280;

    /** PbTiO3-like: a = 24.4 px along columns, c = 25.9 px along rows, Pb at corners, Ti-O at the centre. */
    private static final LatticeCell TRUE_CELL = new LatticeCell(25.9, 0.3, -0.2, 24.4,
            List.of(new LatticeCell.Site(4, 5, 1), new LatticeCell.Site(4 + 12.8, 5 + 12.2, 0.4)), "test");

    /** A start 2% off in both sides and 1.5 px off in the origin, as a spectrum's estimate may be. */
    private static final LatticeCell START = new LatticeCell(25.4, 0, 0, 24.9,
            List.of(new LatticeCell.Site(5.5, 4, 1), new LatticeCell.Site(5.5 + 12.7, 4 + 12.45, 0.4)), "start");

    private static List<Point> jittered(List<LatticeCell.Column> columns, double sd, long seed) {
        Random random = new Random(seed);
        List<Point> out = new ArrayList<>();
        for (LatticeCell.Column c : columns) {
            out.add(new Point(c.row() + sd * random.nextGaussian(), c.col() + sd * random.nextGaussian()));
        }
        return out;
    }

    @Test
    void fitRecoversTheLatticeFromAnOffStart() {
        List<Point> atoms = jittered(TRUE_CELL.columns(H, W, 0), 0.3, 1);

        LatticeFit fit = LatticeFit.fit(START, atoms);

        assertThat(fit.cell().a1Row()).isCloseTo(25.9, within(0.05));
        assertThat(fit.cell().a2Col()).isCloseTo(24.4, within(0.05));
        assertThat(fit.cell().a1Col()).isCloseTo(0.3, within(0.05));
        assertThat(fit.inliers()).isEqualTo(atoms.size());
        assertThat(fit.rmsPx()).isCloseTo(0.3 * Math.sqrt(2), within(0.1));
        assertThat(fit.fitted()).containsExactly(true, true);
    }

    @Test
    void perfectDetectionsScoreOne() {
        List<Point> atoms = jittered(TRUE_CELL.columns(H, W, 0), 0.5, 2);

        LatticeReference ref = LatticeReference.evaluate(START, atoms, H, W, 12, Double.NaN);

        assertThat(ref.scores().f1()).isEqualTo(1.0);
        assertThat(ref.expected()).hasSize(TRUE_CELL.columns(H, W, 12).size());
        assertThat(ref.radius()).isCloseTo(TRUE_CELL.nearestNeighbourPx() / 3, within(0.1));
    }

    @Test
    void missedColumnsAndExtrasAreCounted() {
        List<Point> atoms = new ArrayList<>(jittered(TRUE_CELL.columns(H, W, 0), 0.3, 3));
        // drop three columns well inside, add two detections between columns and one double detection
        List<Point> inside = atoms.stream().filter(p -> p.row() > 60 && p.row() < 240 && p.col() > 60 && p.col() < 220).toList();
        atoms.removeAll(inside.subList(0, 3));
        Point a = inside.get(10);
        atoms.add(new Point(a.row() + 8, a.col()));
        atoms.add(new Point(a.row(), a.col() - 8));
        atoms.add(new Point(inside.get(20).row() + 0.5, inside.get(20).col()));

        LatticeReference ref = LatticeReference.evaluate(START, atoms, H, W, 12, Double.NaN);

        assertThat(ref.scores().fn()).isEqualTo(3);
        assertThat(ref.scores().fp()).isEqualTo(3);
        assertThat(ref.scores().tp()).isEqualTo(ref.expected().size() - 3);
    }

    /** A detector that misses the whole Ti-O sublattice is told so: those columns are still expected. */
    @Test
    void aMissingSublatticeIsMissed() {
        List<Point> corners = jittered(TRUE_CELL.columns(H, W, 0).stream().filter(c -> c.site() == 0).toList(), 0.3, 4);

        LatticeReference ref = LatticeReference.evaluate(START, corners, H, W, 12, Double.NaN);

        assertThat(ref.fit().fitted()).containsExactly(true, false);
        long centres = TRUE_CELL.columns(H, W, 12).stream().filter(c -> c.site() == 1).count();
        assertThat(ref.scores().fn()).isEqualTo((int) centres);
        assertThat(ref.scores().recall()).isLessThan(0.6);
    }

    @Test
    void tooFewAtomsAreNamed() {
        assertThatThrownBy(() -> LatticeFit.fit(START, List.of(new Point(4, 5), new Point(30, 5))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("too few");
    }

    @Test
    void aMarginEatingTheFrameIsRefused() {
        assertThatThrownBy(() -> LatticeReference.evaluate(START, List.of(), H, W, 200, Double.NaN))
                .hasMessageContaining("margin");
    }
}
