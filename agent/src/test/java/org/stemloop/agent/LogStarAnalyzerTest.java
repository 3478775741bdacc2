package org.stemloop.agent;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.stemloop.image.Frame;
import org.stemloop.optimize.SearchSettings;
import org.stemloop.reward.Material;
import org.stemloop.sim.SimulationSpec;
import org.stemloop.sim.Simulator;

/** When the agent optimises, and whose parameters serve afterwards (no broker: the analyzer and the run state). */
class LogStarAnalyzerTest {

    private static final OptimiserSettings QUICK = new OptimiserSettings(true, 0.1, 0, new SearchSettings(16, 4, 1));

    private final LogStarAnalyzer analyzer = new LogStarAnalyzer(QUICK);

    @Test
    void theFirstFrameIsOptimisedAndTheNextOfTheSameKindTakesTheFastPath() {
        RunState s = RunState.start("run", RunMode.AUTONOMOUS, AgentConfig.DEFAULT_PARAMS, null);
        FrameAnalysis first = analyzer.analyze(graphene(1, 0.05, 128), "graphene", s);
        assertThat(first.optimisation().trigger()).isEqualTo("no-parameters");
        ParetoOption best = first.optimisation().options().get(first.optimisation().recommended());
        assertThat(first.params()).isEqualTo(best.params());
        assertThat(first.option()).isEqualTo(best.id());
        s = s.afterFrame("f-1", first);
        assertThat(s.tuning().source()).isEqualTo(Tuning.OPTIMISER);
        assertThat(s.tuning().hasReference()).isTrue();

        FrameAnalysis second = analyzer.analyze(graphene(2, 0.05, 128), "graphene", s);
        assertThat(second.optimisation()).isNull();
        assertThat(second.params()).isEqualTo(best.params());
        assertThat(second.qc()).isBetween(0.0, 0.1);

        FrameAnalysis otherSize = analyzer.analyze(graphene(3, 0.05, 96), "graphene", s.afterFrame("f-2", second));
        assertThat(otherSize.optimisation().trigger()).isEqualTo("frame-changed");
        FrameAnalysis otherMaterial = analyzer.analyze(graphene(3, 0.05, 128), "srtio3", s);
        assertThat(otherMaterial.optimisation().trigger()).isEqualTo("frame-changed");
    }

    @Test
    void driftReoptimisesButASupervisedOperatorsChoiceStays() {
        LogStarAnalyzer strict = new LogStarAnalyzer(OptimiserSettings.DEFAULT.withDriftTolerance(0.001));
        RunState s = RunState.start("run", RunMode.SUPERVISED, AgentConfig.DEFAULT_PARAMS, "graphene");
        // a frame with distinct readings to choose from (a clean frame's front is one option)
        Frame ambiguous = Simulator.simulate(org.stemloop.testsupport.AmbiguousFrames.graphene(128, 11)).frame();
        s = s.afterFrame("f-1", strict.analyze(ambiguous, null, s));
        assertThat(s.options().options()).as("options to choose from").hasSizeGreaterThan(1);
        ParetoOption other = s.options().options().get(s.options().recommended() == 0 ? 1 : 0);
        s = s.withChoice(other);
        s = s.afterFrame("f-2", strict.analyze(graphene(2, 0.05, 128), null, s));
        assertThat(s.tuning().hasReference()).isTrue();

        FrameAnalysis noisy = strict.analyze(graphene(3, 0.6, 128), null, s);
        assertThat(noisy.optimisation().trigger()).isEqualTo("drift");
        assertThat(other.id()).isNotEqualTo(s.options().recommended());
        assertThat(noisy.params()).as("the operator's choice serves in supervised mode").isEqualTo(other.params());
        assertThat(noisy.paramSource()).isEqualTo(Tuning.OPERATOR);
        assertThat(s.afterFrame("f-3", noisy).tuning().source()).isEqualTo(Tuning.OPERATOR);

        FrameAnalysis autonomous = strict.analyze(graphene(3, 0.6, 128), null, s.withMode(RunMode.AUTONOMOUS));
        assertThat(autonomous.paramSource()).isEqualTo(Tuning.OPTIMISER);
        assertThat(autonomous.option()).isEqualTo(autonomous.optimisation().recommended());
    }

    @Test
    void withoutMaterialOrPixelSizeTheLatticeComesFromTheSpectrum() {
        RunState s = RunState.start("run", RunMode.AUTONOMOUS, AgentConfig.DEFAULT_PARAMS, null);
        Frame uncalibrated = Frame.of(128, 128, graphene(4, 0.05, 128).pixels());
        FrameAnalysis a = analyzer.analyze(uncalibrated, null, s);
        assertThat(a.optimisation().kind().lattice().name()).isEqualTo("fft");
        assertThat(a.qc()).isBetween(0.0, 0.15);
    }

    @Test
    void switchedOffItNeverOptimises() {
        RunState s = RunState.start("run", RunMode.AUTONOMOUS, AgentConfig.DEFAULT_PARAMS, "graphene");
        FrameAnalysis a = new FixedParamsAnalyzer().analyze(graphene(5, 0.05, 128), null, s);
        assertThat(a.optimisation()).isNull();
        assertThat(a.params()).isEqualTo(AgentConfig.DEFAULT_PARAMS);
        assertThat(a.qc()).isBetween(0.0, 0.1);
    }

    private static Frame graphene(long seed, double noise, int size) {
        return Simulator.simulate(SimulationSpec.of(Material.GRAPHENE, size).withNoiseLevel(noise).withSeed(seed)).frame();
    }
}
