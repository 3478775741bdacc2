package org.stemloop.trainer;

import java.util.ArrayList;
import java.util.List;
import org.stemloop.eval.Evaluation;
import org.stemloop.eval.Point;
import org.stemloop.eval.Scores;
import org.stemloop.eval.ScoringRadius;
import org.stemloop.reward.Material;
import org.stemloop.sim.SimulatedFrame;
import org.stemloop.sim.SimulationSpec;
import org.stemloop.sim.Simulator;
import org.stemloop.sim.TrueAtom;
import org.stemloop.unet.UnetAtom;
import org.stemloop.unet.UnetDetector;

/**
 * Scores a model on simulated frames it never saw: {@code simulate}'s default frames (the
 * benchmark's setting) at several noise levels, seeds from {@value #SEED_BASE} on (training frames
 * draw their seeds from a different generator), matched one-to-one at a third of the
 * nearest-neighbour distance ({@code org.stemloop.eval}).
 */
final class HeldOut {

    /** First seed of the held-out frames. */
    static final long SEED_BASE = 900_001;

    private HeldOut() {
    }

    /** One noise level's pooled scores. */
    record Row(double noise, int frames, int atoms, Scores scores, double meanMs) {
    }

    static List<Row> score(UnetDetector detector, Material material, int size, double[] noises, int frames) {
        List<Row> rows = new ArrayList<>();
        for (double noise : noises) {
            int tp = 0;
            int fp = 0;
            int fn = 0;
            int atoms = 0;
            double ms = 0;
            for (int i = 0; i < frames; i++) {
                SimulationSpec spec = SimulationSpec.of(material, size).withNoiseLevel(noise).withSeed(SEED_BASE + i);
                SimulatedFrame sim = Simulator.simulate(spec);
                UnetDetector.Result r = detector.detect(sim.frame());
                List<Point> truth = sim.atoms().stream().map(HeldOut::point).toList();
                List<Point> found = r.atoms().stream().map(HeldOut::point).toList();
                Scores s = Evaluation.of(found, truth, ScoringRadius.defaultFor(truth)).oneToOne().scores();
                tp += s.tp();
                fp += s.fp();
                fn += s.fn();
                atoms += truth.size();
                ms += r.inferenceMs();
            }
            rows.add(new Row(noise, frames, atoms, Scores.ofCounts(tp, fp, fn), ms / frames));
        }
        return List.copyOf(rows);
    }

    private static Point point(TrueAtom a) {
        return new Point(a.row(), a.col());
    }

    private static Point point(UnetAtom a) {
        return new Point(a.row(), a.col());
    }
}
