package org.stemloop.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.stemloop.eval.OneToOneMatching;
import org.stemloop.eval.Point;
import org.stemloop.eval.Scores;
import org.stemloop.eval.ScoringRadius;
import org.stemloop.reward.Material;
import org.stemloop.sim.SimulatedFrame;
import org.stemloop.sim.SimulationSpec;
import org.stemloop.sim.Simulator;
import org.stemloop.unet.UnetAtom;
import org.stemloop.unet.UnetDetector;

/**
 * The U-Net benchmark: ONNX Runtime inference time per frame size (DESIGN §3b: 512 x 512 in
 * &lt;= 150 ms on 2 cores; the paper: 37 ms on a V100) and detection scores against the
 * simulator's truth per noise level.
 *
 * <p>Frames are {@code simulate}'s defaults for the material, seeds from {@value #SEED} on, which
 * the shipped models never saw in training. Timing covers normalisation, padding, ONNX Runtime
 * and the copy back ({@link UnetDetector.Result#inferenceMs()}), after {@value #WARM_UP} warm-up
 * runs; coordinates are timed separately.
 */
public final class UnetBench {

    /** First seed of the benchmark frames. */
    public static final long SEED = 700_001;
    static final int WARM_UP = 2;

    private UnetBench() {
    }

    /** Inference time of one model at one frame size. */
    public record SpeedRow(String model, int size, Timing inference, Timing coordinates, int atoms) {
    }

    /** Pooled one-to-one scores of one model at one noise level. */
    public record ScoreRow(String model, double noise, int frames, int size, Scores scores) {
    }

    /** Times {@code detector} on a frame of {@code material} per size. */
    public static List<SpeedRow> speed(String model, UnetDetector detector, Material material, List<Integer> sizes,
            int repeat, Consumer<String> progress) {
        List<SpeedRow> rows = new ArrayList<>();
        for (int size : sizes) {
            SimulatedFrame sim = Simulator.simulate(SimulationSpec.of(material, size).withNoiseLevel(0.1).withSeed(SEED));
            for (int i = 0; i < WARM_UP; i++) {
                detector.detect(sim.frame());
            }
            double[] infer = new double[repeat];
            double[] coords = new double[repeat];
            int atoms = 0;
            for (int i = 0; i < repeat; i++) {
                UnetDetector.Result r = detector.detect(sim.frame());
                infer[i] = r.inferenceMs();
                coords[i] = r.coordsMs();
                atoms = r.atoms().size();
            }
            SpeedRow row = new SpeedRow(model, size, Timing.of(infer), Timing.of(coords), atoms);
            rows.add(row);
            progress.accept("%s %d x %d: median %.1f ms (min %.1f) over %d runs".formatted(model, size, size,
                    row.inference().medianMs(), row.inference().minMs(), repeat));
        }
        return List.copyOf(rows);
    }

    /** Scores {@code detector} on {@code frames} frames per noise level. */
    public static List<ScoreRow> scores(String model, UnetDetector detector, Material material, int size,
            List<Double> noises, int frames, Consumer<String> progress) {
        List<ScoreRow> rows = new ArrayList<>();
        for (double noise : noises) {
            int tp = 0;
            int fp = 0;
            int fn = 0;
            for (int i = 0; i < frames; i++) {
                SimulatedFrame sim = Simulator.simulate(
                        SimulationSpec.of(material, size).withNoiseLevel(noise).withSeed(SEED + i));
                List<Point> truth = sim.atoms().stream().map(a -> new Point(a.row(), a.col())).toList();
                List<Point> found = detector.detect(sim.frame()).atoms().stream().map(UnetBench::point).toList();
                Scores s = OneToOneMatching.match(found, truth, ScoringRadius.defaultFor(truth)).scores();
                tp += s.tp();
                fp += s.fp();
                fn += s.fn();
            }
            ScoreRow row = new ScoreRow(model, noise, frames, size, Scores.ofCounts(tp, fp, fn));
            rows.add(row);
            progress.accept("%s noise %.2f: F1 %.4f (precision %.4f, recall %.4f)".formatted(model, noise,
                    row.scores().f1(), row.scores().precision(), row.scores().recall()));
        }
        return List.copyOf(rows);
    }

    private static Point point(UnetAtom a) {
        return new Point(a.row(), a.col());
    }
}
