package org.stemloop.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.stemloop.detect.Refinement;
import org.stemloop.eval.OneToOneMatching;
import org.stemloop.eval.Point;
import org.stemloop.optimize.FramePreparation;
import org.stemloop.reward.MaskMode;
import org.stemloop.reward.Material;
import org.stemloop.sim.Preset;
import org.stemloop.sim.RealisticFrame;
import org.stemloop.sim.RealisticSpec;
import org.stemloop.sim.Simulator;

/**
 * Issue 15's reading of a frame in the agent (no broker: the analyzer and the run state), as {@code analyze}
 * reads a file: an ABF frame is inverted before LoG*, a pixel size told 4% wrong is measured on the lattice and
 * kept for the next frames of that told size. Each case is checked against the frame read as sent (the agent
 * before {@link FramePreparation}), which misses it.
 */
class FrameReadingAgentTest {

    private static final FramePreparation AS_SENT = FramePreparation.parse("bright", "told");

    private static LogStarAnalyzer analyzer(FramePreparation preparation) {
        return new LogStarAnalyzer(OptimiserSettings.DEFAULT, MaskMode.AUTO, Refinement.GAUSS, preparation);
    }

    private static RunState start(String material) {
        return RunState.start("run", RunMode.AUTONOMOUS, AgentConfig.DEFAULT_PARAMS, material);
    }

    static double f1(FrameAnalysis a, RealisticFrame truth, double radiusPx) {
        List<Point> found = Point.ofBlobs(a.atoms());
        List<Point> real = truth.atoms().stream().map(t -> new Point(t.row(), t.col())).toList();
        return OneToOneMatching.match(found, real, radiusPx).scores().f1();
    }

    @Test
    void anAbfFrameIsReadDarkAndItsColumnsFound() {
        RealisticFrame abf = Simulator.realistic(Preset.parse("abf-srtio3").spec(256), 2);
        double px = abf.spec().pixelSizeAngstrom();
        double radius = 3.905 / Math.sqrt(2) / px / 3;
        FrameAnalysis read = analyzer(FramePreparation.DEFAULT).analyze(abf.frame().withPixelSize(px), "srtio3",
                start("srtio3"));
        FrameAnalysis asSent = analyzer(AS_SENT).analyze(abf.frame().withPixelSize(px), "srtio3", start("srtio3"));
        System.out.printf("ABF: read %s F1 %.3f (%d atoms, truth %d); as sent F1 %.3f (%d)%n", read.reading(),
                f1(read, abf, radius), read.atoms().size(), abf.atoms().size(), f1(asSent, abf, radius),
                asSent.atoms().size());
        assertThat(read.reading().contrast()).isEqualTo("dark");
        assertThat(read.reading().contrastSource()).isEqualTo("auto");
        assertThat(f1(read, abf, radius)).as("F1 of the columns, frame inverted").isGreaterThanOrEqualTo(0.9);
        assertThat(f1(asSent, abf, radius)).as("F1 read as sent: the bright background between columns")
                .isLessThan(0.6);
    }

    @Test
    void aPixelSizeToldFourPercentWrongIsMeasuredAndKept() {
        RealisticSpec spec = Preset.haadf(Material.SRTIO3).spec(512).withCalibrationError(0.04).withDose(50);
        RealisticFrame f = Simulator.realistic(spec, 3);
        double told = spec.toldPixelSizeAngstrom();
        double radius = 3.905 / Math.sqrt(2) / spec.pixelSizeAngstrom() / 3;
        RunState s = start("srtio3");
        LogStarAnalyzer lattice = analyzer(FramePreparation.DEFAULT);
        FrameAnalysis first = lattice.analyze(f.frame().withPixelSize(told), null, s);
        FrameAnalysis asSent = analyzer(AS_SENT).analyze(f.frame().withPixelSize(told), null, start("srtio3"));
        System.out.printf("calibration: %s: %d atoms, F1 %.3f, QC %.3f; as told %d atoms, F1 %.3f, QC %.3f; truth %d%n",
                first.reading().pixelSize().note(), first.atoms().size(), f1(first, f, radius), first.qc(),
                asSent.atoms().size(), f1(asSent, f, radius), asSent.qc(), f.atoms().size());
        assertThat(first.reading().pixelSize().corrected()).isTrue();
        assertThat(first.reading().pixelSize().toldAngstrom()).isEqualTo(told);
        assertThat(first.reading().pixelSize().pixelSizeAngstrom() / spec.pixelSizeAngstrom() - 1).isBetween(-0.01, 0.01);
        assertThat(first.optimisation().kind().lattice().pixelSize())
                .isEqualTo(first.reading().pixelSize().pixelSizeAngstrom());
        assertThat(f1(first, f, radius)).isGreaterThan(f1(asSent, f, radius));

        // the next frame of that told size keeps the measurement: no new spectrum, no re-optimisation
        RunState after = s.afterFrame("f1", first);
        RealisticFrame next = Simulator.realistic(spec, 4);
        FrameAnalysis second = lattice.analyze(next.frame().withPixelSize(told), null, after);
        assertThat(second.optimisation() == null ? "none" : second.optimisation().trigger())
                .as("no re-optimisation (frame-changed)").isNotEqualTo("frame-changed");
        assertThat(second.reading().pixelSize()).isEqualTo(first.reading().pixelSize());
    }
}
