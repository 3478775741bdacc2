package org.stemloop.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.stemloop.detect.LogParams;
import org.stemloop.reward.Lattice;
import org.stemloop.reward.PixelCalibration;
import org.stemloop.reward.RectangularLattice;

/** The run state a killed agent resumes from: every field back as it was, bad snapshots named. */
class RunStateJsonTest {

    private static final FrameKind GRAPHENE = new FrameKind(new FrameLattice("graphene", Lattice.graphene(), 0.1), 96, 96);

    @Test
    void aStateWithAFrontAnOperatorsChoiceAndAReferenceComesBackEqual() {
        ParetoOptions front = new ParetoOptions("warm", "no-parameters", GRAPHENE, List.of(
                new ParetoOption(0, LogParams.of(1.5, 4, 10, 0.05, 0.3), 0.01, 0.2, 80),
                new ParetoOption(1, new LogParams(2, 6, 10, Double.NaN, 0.2, 0.5, true, 3), 0.1, 0.05, 70)), 1, 412);
        RunState s = new RunState("run-1", RunMode.AUTONOMOUS, true, "graphene", 0.1,
                Tuning.of(front, front.options().get(0), Tuning.OPERATOR).withReference(0.02, 0.19), front,
                "reoptimize", "c-00084");

        RunState back = RunStateJson.read(RunStateJson.write(s));

        assertThat(back).isEqualTo(s);
        assertThat(back.options().option(1).orElseThrow().params().thresholdRel()).isEqualTo(0.2);
    }

    @Test
    void aFreshRunWithoutFrontOrPixelSizeAndAnFftLatticeComeBack() {
        RunState fresh = RunState.start("run-2", RunMode.SUPERVISED, LogParams.of(2, 6, 10, 0.1, 0.5), null);
        assertThat(RunStateJson.read(RunStateJson.write(fresh))).isEqualTo(fresh);

        FrameKind fft = new FrameKind(new FrameLattice("fft", new RectangularLattice(9.5, 12.25, 2), 1.0), 64, 80);
        ParetoOptions front = new ParetoOptions("f-1", "frame-changed", fft,
                List.of(new ParetoOption(0, LogParams.of(2, 5, 10, 0.1, 0.5), 0.0, 0.0, 12)), 0, 5);
        RunState s = fresh.afterFrame("f-1", new FrameAnalysis("log*", LogParams.of(2, 5, 10, 0.1, 0.5),
                Tuning.OPTIMISER, 0, List.of(), Double.NaN, Double.NaN, new FrameAnalysis.Optimisation("frame-changed",
                fft, front.options(), 0, 5)));
        assertThat(s.options()).isNotNull();
        assertThat(RunStateJson.read(RunStateJson.write(s))).isEqualTo(s);
    }

    @Test
    void aLatticeCalibrationComesBackSoAResumedRunKeepsIt() {
        FrameKind calibrated = new FrameKind(new FrameLattice("srtio3", Lattice.srtio3(), 0.1193,
                new PixelCalibration.Result(0.1193, 0.1248, true, "0.1193 Å/px from the lattice")), 512, 512);
        ParetoOptions front = new ParetoOptions("f-1", "no-parameters", calibrated,
                List.of(new ParetoOption(0, LogParams.of(2, 5, 10, 0.1, 0.5), 0.0, 0.0, 12)), 0, 5);
        RunState s = RunState.start("run-3", RunMode.AUTONOMOUS, LogParams.of(2, 5, 10, 0.1, 0.5), "srtio3")
                .afterFrame("f-1", new FrameAnalysis("log*", LogParams.of(2, 5, 10, 0.1, 0.5), Tuning.OPTIMISER, 0,
                        List.of(), 0.0, 0.0, new FrameAnalysis.Optimisation("no-parameters", calibrated,
                        front.options(), 0, 5)));
        RunState back = RunStateJson.read(RunStateJson.write(s));
        assertThat(back).isEqualTo(s);
        assertThat(back.tuning().kind().lattice().calibration().toldAngstrom()).isEqualTo(0.1248);
    }

    @Test
    void anUnreadableSnapshotIsNamed() {
        assertThatThrownBy(() -> RunStateJson.read("{\"v\": 7}")).hasMessageContaining("version 7");
        assertThatThrownBy(() -> RunStateJson.read("not json")).hasMessageContaining("not JSON");
        assertThatThrownBy(() -> RunStateJson.read("{\"v\": 1, \"run_id\": \"r\"}"))
                .hasMessageContaining("incomplete or invalid");
    }
}
