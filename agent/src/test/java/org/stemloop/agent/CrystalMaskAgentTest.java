package org.stemloop.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.stemloop.detect.Blob;
import org.stemloop.detect.LogBlobDetector;
import org.stemloop.detect.Refinement;
import org.stemloop.image.Frame;
import org.stemloop.optimize.SearchSettings;
import org.stemloop.reward.CrystalMask;
import org.stemloop.reward.Lattice;
import org.stemloop.reward.MaskMode;
import org.stemloop.reward.RewardContext;
import org.stemloop.sim.SimulationSpec;
import org.stemloop.sim.Simulator;
import org.stemloop.sim.TrueAtom;
import org.stemloop.testsupport.HoledFrames;
import org.stemloop.testsupport.HoledFrames.Holed;
import org.stemloop.reward.Material;

/**
 * Issue 15 in the agent (no broker: the analyzer and the run state): a frame with a vacuum hole has its
 * crystal masked, no atoms reported in the hole, QC counted over the crystalline area, refined positions,
 * and the mask kept with the drift reference.
 */
class CrystalMaskAgentTest {

    private static final OptimiserSettings QUICK = new OptimiserSettings(true, 0.1, 0, new SearchSettings(16, 4, 1));
    private static final int SIZE = 256;
    /** Graphene's C-C distance at the simulator's 0.14 Å/px. */
    private static final double BOND_PX = 1.42 / 0.14;

    private final LogStarAnalyzer analyzer = new LogStarAnalyzer(QUICK, MaskMode.AUTO, Refinement.GAUSS);

    @Test
    void aFrameWithAHoleHasNoAtomsInItAndQcOverTheCrystal() {
        Holed holed = holed(7);
        RunState s = RunState.start("run", RunMode.AUTONOMOUS, AgentConfig.DEFAULT_PARAMS, "graphene");
        FrameAnalysis a = analyzer.analyze(holed.frame(), null, s);

        assertThat(a.mask()).isNotNull();
        assertThat(a.maskedFraction()).as("the hole is masked").isGreaterThan(0.1);
        assertThat(a.atoms()).as("atoms found").hasSizeGreaterThan(200);
        // the mask's boundary is found to about a grid cell (CrystalMaskEstimator): none deeper in the hole
        double centre = SIZE / 2.0;
        List<Blob> deep = a.atoms().stream()
                .filter(b -> Math.hypot(b.row() - centre, b.col() - centre) < HOLE_RADIUS - a.mask().cell()).toList();
        assertThat(deep).as("atoms reported more than a mask cell (%d px) inside the hole", a.mask().cell()).isEmpty();
        assertThat(a.atoms()).allMatch(b -> a.mask().contains(b.row(), b.col()));

        // QC over the crystalline area: N_expected is the lattice's count times the crystalline fraction
        RewardContext whole = RewardContext.of(Lattice.graphene(), SIZE, SIZE,
                holed.frame().pixelSizeAngstrom().orElseThrow());
        double expected = whole.over(a.mask()).expectedCount();
        assertThat(expected).isLessThan(0.9 * whole.expectedCount());
        assertThat(a.qc()).isCloseTo(Math.abs(a.atoms().size() - expected) / expected, within(1e-9));
        assertThat(a.qc()).as("the crystal's count matches its area").isLessThan(0.1);

        // sub-pixel positions: rows and columns off the pixel grid, the LoG maxima as they were
        assertThat(a.positions().method()).isEqualTo("gauss");
        assertThat(a.positions().fitted()).isGreaterThan(a.atoms().size() / 2);
        assertThat(a.atoms().stream().filter(b -> b.row() != Math.rint(b.row()) || b.col() != Math.rint(b.col())))
                .hasSizeGreaterThan(a.atoms().size() / 2);
    }

    @Test
    void withoutAMaskTheHoleCountsAsMissingAtoms() {
        Holed holed = holed(7);
        RunState s = RunState.start("run", RunMode.AUTONOMOUS, AgentConfig.DEFAULT_PARAMS, "graphene");
        FrameAnalysis masked = analyzer.analyze(holed.frame(), null, s);
        FrameAnalysis plain = new LogStarAnalyzer(QUICK, MaskMode.NONE, Refinement.NONE)
                .analyze(holed.frame(), null, s);
        assertThat(plain.maskedFraction()).isZero();
        assertThat(plain.mask().isAll()).isTrue();
        // without the mask the search reaches the whole frame's expected count by taking noise in the hole
        // for atoms (the pathology); with it, few are left, at the hole's edge
        long plainInHole = plain.atoms().stream().filter(b -> farFromEveryAtom(b, holed.atoms(), 1.5 * BOND_PX))
                .count();
        long maskedInHole = masked.atoms().stream().filter(b -> farFromEveryAtom(b, holed.atoms(), 1.5 * BOND_PX))
                .count();
        assertThat(plainInHole).as("noise taken for atoms in the hole without a mask").isGreaterThan(50);
        assertThat(maskedInHole).as("with the mask").isLessThan(plainInHole / 5);
        // none: the positions are blob_log's, exactly
        List<Blob> log = LogBlobDetector.detect(UnitRange.of(holed.frame()), plain.params());
        assertThat(plain.atoms()).isEqualTo(log);
    }

    @Test
    void theMaskIsKeptWithTheDriftReferenceAndFoundAgainWithIt() {
        RunState s = RunState.start("run", RunMode.AUTONOMOUS, AgentConfig.DEFAULT_PARAMS, "graphene");
        FrameAnalysis first = analyzer.analyze(holed(7).frame(), null, s);
        assertThat(first.optimisation().trigger()).isEqualTo("no-parameters");
        s = s.afterFrame("f-1", first);
        CrystalMask reference = s.tuning().referenceMask();
        assertThat(reference).as("the mask goes with the reference").isEqualTo(first.mask());

        // a frame without the hole on the fast path: counted on the reference's mask, not one of its own
        Frame clean = Simulator.simulate(SimulationSpec.of(Material.GRAPHENE, SIZE).withNoiseLevel(0.05).withSeed(8))
                .frame();
        FrameAnalysis second = analyzer.analyze(clean, null, s);
        assertThat(second.optimisation()).isNull();
        assertThat(second.mask()).isEqualTo(reference);
        RunState afterSecond = s.afterFrame("f-2", second);
        assertThat(afterSecond.tuning().referenceMask()).isEqualTo(reference);

        // the reference set again (an operator's reoptimize): the mask is found again, on this frame
        FrameAnalysis third = analyzer.analyze(clean, null, afterSecond.withReoptimize("reoptimize"));
        assertThat(third.optimisation().trigger()).isEqualTo("reoptimize");
        assertThat(third.maskedFraction()).isLessThan(0.05);
        assertThat(afterSecond.withReoptimize("reoptimize").afterFrame("f-3", third).tuning().referenceMask())
                .isEqualTo(third.mask());
    }

    @Test
    void theReferenceMaskSurvivesARestart() {
        RunState s = RunState.start("run", RunMode.AUTONOMOUS, AgentConfig.DEFAULT_PARAMS, "graphene");
        s = s.afterFrame("f-1", analyzer.analyze(holed(7).frame(), null, s));
        RunState read = RunStateJson.read(RunStateJson.write(s));
        assertThat(read.tuning().referenceMask()).isEqualTo(s.tuning().referenceMask());
        assertThat(read.tuning().referenceMask().isAll()).isFalse();
    }

    private static final double HOLE_RADIUS = 80;

    /** A 256² graphene frame with a vacuum hole of {@value #HOLE_RADIUS} px radius at its centre (a third of it). */
    private static Holed holed(long seed) {
        return HoledFrames.graphene(SIZE, HOLE_RADIUS, seed);
    }

    private static boolean farFromEveryAtom(Blob b, List<TrueAtom> atoms, double distance) {
        for (TrueAtom t : atoms) {
            if (Math.hypot(t.row() - b.row(), t.col() - b.col()) <= distance) {
                return false;
            }
        }
        return true;
    }
}
