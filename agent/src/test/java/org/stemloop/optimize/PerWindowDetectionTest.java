package org.stemloop.optimize;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.stemloop.detect.Blob;
import org.stemloop.eval.OneToOneMatching;
import org.stemloop.eval.Point;
import org.stemloop.image.Frame;
import org.stemloop.reward.Material;
import org.stemloop.reward.RewardContext;
import org.stemloop.reward.Rewards;
import org.stemloop.sim.SimulatedFrame;

class PerWindowDetectionTest {

    private static final Comparator<Blob> BY_POSITION = Comparator.comparingDouble(Blob::row)
            .thenComparingDouble(Blob::col);

    static double minDistance(List<Blob> atoms) {
        double min = Double.POSITIVE_INFINITY;
        for (int a = 0; a < atoms.size(); a++) {
            for (int b = a + 1; b < atoms.size(); b++) {
                min = Math.min(min, Math.hypot(atoms.get(a).row() - atoms.get(b).row(),
                        atoms.get(a).col() - atoms.get(b).col()));
            }
        }
        return min;
    }

    static double recall(SimulatedFrame sf, List<Blob> atoms, double spacing) {
        List<Point> truth = sf.atoms().stream().map(a -> new Point(a.row(), a.col())).toList();
        return OneToOneMatching.match(Point.ofBlobs(atoms), truth, spacing / 3).scores().recall();
    }

    @Test
    void sameParametersInEveryWindowGiveTheWholeFrameDetection() {
        SimulatedFrame sf = LogStarSearchTest.simulate(Material.GRAPHENE, 200, 0.3, 31);
        RewardContext ctx = LogStarSearchTest.context(sf);
        FrameEvaluator whole = new FrameEvaluator(sf.frame(), ParameterSpace.forSpacing(ctx.nearestNeighbourPx()),
                Rewards.paper(), ctx);
        // 64-px windows over 200 px: 11 x 11 cells, 20 seams to double-count or lose atoms at
        WindowCells cells = WindowCells.of(200, 200, 64);
        assertThat(cells.rows()).isEqualTo(11);
        SearchResult found = LogStarSearch.run(sf.frame(), ctx, new SearchSettings(16, 4, 5), SearchListener.NONE);
        assertThat(found.front().size()).isGreaterThanOrEqualTo(3);
        for (Candidate option : found.front().options()) {
            int[] genes = option.genes();
            List<Blob> expected = new ArrayList<>(whole.detect(genes));
            expected.sort(BY_POSITION);
            List<int[]> same = new ArrayList<>();
            for (int k = 0; k < cells.rows() * cells.cols(); k++) {
                same.add(genes);
            }
            List<Blob> merged = PerWindowDetection.detect(FrameEvaluator.unitRange(sf.frame()), cells, same,
                    whole.space(), ctx.nearestNeighbourPx());
            assertThat(merged).as("genes %s", java.util.Arrays.toString(genes)).isEqualTo(expected);
        }
    }

    @Test
    void differentParametersPerWindowNeitherDuplicateNorLoseAtomsAtSeams() {
        SimulatedFrame sf = LogStarSearchTest.simulate(Material.SRTIO3, 200, 0.2, 32);
        RewardContext ctx = LogStarSearchTest.context(sf);
        double d = ctx.nearestNeighbourPx();
        ParameterSpace space = ParameterSpace.forSpacing(d);
        FrameEvaluator whole = new FrameEvaluator(sf.frame(), space, Rewards.paper(), ctx);
        WindowCells cells = WindowCells.of(200, 200, 64);
        // a checkerboard of two good but different parameter sets (the knee and the least crowded
        // other option): positions differ by a pixel here and there
        SearchResult found = LogStarSearch.run(sf.frame(), ctx, new SearchSettings(16, 4, 5), SearchListener.NONE);
        int[] a = found.front().recommended().genes();
        int[] b = found.front().options().stream().filter(o -> o != found.front().recommended())
                .min(Comparator.comparingDouble((Candidate o) -> o.reward(1)).thenComparing(Candidate::key)).orElseThrow()
                .genes();
        assertThat(a).isNotEqualTo(b);
        List<int[]> genes = new ArrayList<>();
        for (int k = 0; k < cells.rows() * cells.cols(); k++) {
            genes.add((k / cells.cols() + k % cells.cols()) % 2 == 0 ? a : b);
        }
        List<Blob> merged = PerWindowDetection.detect(FrameEvaluator.unitRange(sf.frame()), cells, genes, space, d);
        List<Blob> wholeA = whole.detect(a);
        List<Blob> wholeB = whole.detect(b);
        // a duplicate at a seam would be a pair a pixel or two apart; neither parameter set has one
        double closest = Math.min(minDistance(wholeA), minDistance(wholeB));
        assertThat(closest).isGreaterThan(d / 4);
        assertThat(minDistance(merged)).as("closest pair of merged atoms").isGreaterThanOrEqualTo(closest);
        double worst = Math.min(recall(sf, wholeA, d), recall(sf, wholeB, d));
        assertThat(worst).isGreaterThan(0.95);
        assertThat(recall(sf, merged, d)).isGreaterThanOrEqualTo(worst);
        assertThat(merged.size()).isBetween(Math.min(wholeA.size(), wholeB.size()), Math.max(wholeA.size(), wholeB.size()));
        // deterministic, whatever order the parallel cells finish in
        assertThat(PerWindowDetection.detect(FrameEvaluator.unitRange(sf.frame()), cells, genes, space, d))
                .isEqualTo(merged);
    }

    @Test
    void slidingWindowsReportPerWindowAtomsThatMatchTheTruth() {
        SimulatedFrame sf = LogStarSearchTest.simulate(Material.GRAPHENE, 192, 0.2, 33);
        RewardContext ctx = LogStarSearchTest.context(sf);
        double px = sf.spec().pixelSizeAngstrom();
        SearchSettings quick = new SearchSettings(16, 5, 3);
        SlidingWindows.Contexts contexts = (h, w) -> RewardContext.of(org.stemloop.reward.Lattice.graphene(), h, w, px);
        WindowedResult r = SlidingWindows.run(sf.frame(), 128, contexts, Rewards.paper(), quick, SearchListener.NONE);
        List<Blob> atoms = r.perWindow().atoms();
        assertThat(r.windows()).hasSize(9);
        assertThat(r.perWindow().owned()).hasSize(9).allSatisfy(n -> assertThat(n).isPositive());
        assertThat(r.perWindow().owned().stream().mapToInt(Integer::intValue).sum()).isEqualTo(atoms.size());
        assertThat(minDistance(atoms)).isGreaterThan(ctx.nearestNeighbourPx() / 2);
        List<Point> truth = sf.atoms().stream().map(a -> new Point(a.row(), a.col())).toList();
        assertThat(OneToOneMatching.match(Point.ofBlobs(atoms), truth, ctx.nearestNeighbourPx() / 3).scores().f1())
                .isGreaterThanOrEqualTo(0.95);
        assertThat(r.perWindow().rewards()).hasSize(2);
        WindowedResult again = SlidingWindows.run(sf.frame(), 128, contexts, Rewards.paper(), quick, SearchListener.NONE);
        assertThat(again.perWindow().atoms()).isEqualTo(atoms);
        assertThat(again.windows()).extracting(w -> w.choice().key())
                .isEqualTo(r.windows().stream().map(w -> w.choice().key()).toList());
    }

    @Nested
    class Cells {
        @Test
        void cellsTileTheFrameAndLieInsideTheirWindows() {
            WindowCells c = WindowCells.of(512, 512, 256);
            assertThat(c.rowOrigins()).containsExactly(0, 51, 102, 153, 204, 256);
            assertThat(c.rowBounds()[0]).isEqualTo(-0.5);
            assertThat(c.rowBounds()[c.rows()]).isEqualTo(511.5);
            for (int i = 0; i < c.rows(); i++) {
                assertThat(c.rowBounds()[i]).isGreaterThanOrEqualTo(c.rowOrigins()[i] - 0.5);
                assertThat(c.rowBounds()[i + 1]).isLessThanOrEqualTo(c.rowOrigins()[i] + 256 - 0.5);
                assertThat(c.rowBounds()[i + 1]).isGreaterThan(c.rowBounds()[i]);
            }
            assertThat(c.rowCell(0)).isZero();
            assertThat(c.rowCell(511)).isEqualTo(5);
            assertThat(c.rowCell(c.rowBounds()[3])).isEqualTo(3);
            assertThat(c.rowCell(Math.nextDown(c.rowBounds()[3]))).isEqualTo(2);
            assertThat(WindowCells.of(100, 100, 128).rows()).isEqualTo(1);
        }
    }

    @Nested
    class Merge {
        /** Two windows split at column 49.5. */
        private final java.util.function.ToIntBiFunction<Double, Double> owner = (r, c) -> c < 49.5 ? 0 : 1;

        @Test
        void eachAtomOnceAndTheOwnerDecides() {
            List<SeamMerge.Reported> r = List.of(
                    new SeamMerge.Reported(new Blob(10, 49, 2), 0),    // one atom, the two windows a pixel apart
                    new SeamMerge.Reported(new Blob(10, 50, 2), 1),
                    new SeamMerge.Reported(new Blob(30, 51, 2), 0),    // both on the wrong side of the seam
                    new SeamMerge.Reported(new Blob(30, 48, 3), 1),
                    new SeamMerge.Reported(new Blob(70, 52, 2), 0),    // only window 0's halo saw it: owner 1 did not
                    new SeamMerge.Reported(new Blob(90, 49, 2), 0),    // the same pixel from both
                    new SeamMerge.Reported(new Blob(90, 49, 2), 1),
                    new SeamMerge.Reported(new Blob(50, 40, 2), 0),    // one window's close pair: its detector's call
                    new SeamMerge.Reported(new Blob(50, 42, 2), 0));
            assertThat(SeamMerge.merge(r, owner, 5)).containsExactly(new Blob(10, 50, 2), new Blob(30, 48, 3),
                    new Blob(50, 40, 2), new Blob(50, 42, 2), new Blob(90, 49, 2));
            List<SeamMerge.Reported> reversed = new ArrayList<>(r);
            java.util.Collections.reverse(reversed);
            assertThat(SeamMerge.merge(reversed, owner, 5)).isEqualTo(SeamMerge.merge(r, owner, 5));
        }

        @Test
        void aCloseNeighbourIsNotTakenForTheSameAtomWhenBothWindowsSawBoth() {
            // the whole-frame detector keeps two blobs 2 px apart across the seam; both windows see both
            List<SeamMerge.Reported> r = List.of(new SeamMerge.Reported(new Blob(10, 48.5, 2), 0),
                    new SeamMerge.Reported(new Blob(10, 50.5, 2), 0), new SeamMerge.Reported(new Blob(10, 48.5, 2), 1),
                    new SeamMerge.Reported(new Blob(10, 50.5, 2), 1));
            assertThat(SeamMerge.merge(r, owner, 5)).containsExactly(new Blob(10, 48.5, 2), new Blob(10, 50.5, 2));
        }

        @Test
        void emptyInputGivesNoAtoms() {
            assertThat(SeamMerge.merge(List.of(), owner, 5)).isEmpty();
            WindowCells cells = WindowCells.of(64, 64, 32);
            assertThat(PerWindowDetection.detect(Frame.of(64, 64, new double[64 * 64]), cells,
                    java.util.Collections.nCopies(cells.rows() * cells.cols(), new int[] {0, 0, 0, 0}),
                    ParameterSpace.forSpacing(10), 10)).isEmpty();
        }
    }
}
