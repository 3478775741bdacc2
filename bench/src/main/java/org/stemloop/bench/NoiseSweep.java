package org.stemloop.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.stemloop.eval.MatchResult;
import org.stemloop.eval.OneToOneMatching;
import org.stemloop.eval.PaperCounts;
import org.stemloop.eval.Point;
import org.stemloop.eval.Scores;
import org.stemloop.reward.Lattice;
import org.stemloop.reward.Material;
import org.stemloop.reward.RewardContext;
import org.stemloop.sim.Defects;
import org.stemloop.sim.SimulatedFrame;
import org.stemloop.sim.SimulationSpec;
import org.stemloop.sim.Simulator;

/**
 * The paper's noise sweep (its Figures 1-2): simulated SrTiO3 and defective graphene at noise
 * levels 0.0-0.9, each method on the same frames, scored against the simulator's truth with the
 * paper's TP/FP/FN and a one-to-one matching, both at a third of the nearest-neighbour distance.
 *
 * <p>Frame {@code i} has the same seed at every noise level, so along a curve only the noise
 * changes, not the atoms.
 */
public final class NoiseSweep {

    /** Graphene as the paper shows it: Si dopants, vacancies, a hole and an amorphous patch. */
    public static final Defects GRAPHENE_DEFECTS = Defects.NONE.withDopants(0.02).withVacancies(0.01)
            .withHoles(1, Defects.DEFAULT_HOLE_RADIUS).withAmorphous(0.05);

    /**
     * What to sweep.
     *
     * @param size   frame side in pixels
     * @param frames frames per material and noise level
     * @param seed   seed of frame 0 (frame i: seed + i)
     */
    public record Settings(List<Material> materials, double[] noises, int size, int frames, long seed) {
        public Settings {
            materials = List.copyOf(materials);
            noises = noises.clone();
            if (materials.isEmpty() || noises.length == 0) {
                throw new IllegalArgumentException("at least one material and one noise level are needed");
            }
            if (frames < 1) {
                throw new IllegalArgumentException("frames per level must be at least 1: " + frames);
            }
            for (double n : noises) {
                if (!(n >= 0 && n <= 1)) {
                    throw new IllegalArgumentException("noise levels must lie in [0, 1]: " + n);
                }
            }
        }
    }

    /** The atoms a method found on frame 0 of a material and noise level, for the figures. */
    public record Example(String method, String material, double noise, List<Point> found) {
        public Example {
            found = List.copyOf(found);
        }
    }

    /** The table and the examples. */
    public record Result(Settings settings, List<NoiseRow> rows, List<Example> examples) {
        public Result {
            rows = List.copyOf(rows);
            examples = List.copyOf(examples);
        }
    }

    /** Progress: one call per frame and method, {@code done} of {@code total}. */
    public record Progress(int done, int total, String method, String material, double noise, Scores scores) {
    }

    private NoiseSweep() {
    }

    /** The simulated frame {@code index} of a material at a noise level. */
    public static SimulatedFrame frame(Material material, int size, double noise, long seed, int index) {
        SimulationSpec spec = SimulationSpec.of(material, size).withNoiseLevel(noise).withSeed(seed + index);
        if (material == Material.GRAPHENE) {
            spec = spec.withDefects(GRAPHENE_DEFECTS);
        }
        return Simulator.simulate(spec);
    }

    /** The scoring context of a simulated frame: its lattice at its pixel size. */
    public static RewardContext context(SimulatedFrame sf) {
        Lattice lattice = Lattice.of(sf.spec().material());
        return RewardContext.of(lattice, sf.frame().height(), sf.frame().width(), sf.spec().pixelSizeAngstrom());
    }

    /** Runs every finder on every frame; rows come per (method, material, noise), in that order. */
    public static Result run(List<AtomFinder> finders, Settings s, Consumer<Progress> progress) {
        Objects.requireNonNull(progress, "progress");
        int total = finders.size() * s.materials().size() * s.noises().length * s.frames();
        int done = 0;
        List<NoiseRow> rows = new ArrayList<>();
        List<Example> examples = new ArrayList<>();
        for (AtomFinder finder : finders) {
            for (Material m : s.materials()) {
                for (double noise : s.noises()) {
                    Tally t = new Tally();
                    for (int i = 0; i < s.frames(); i++) {
                        SimulatedFrame sf = frame(m, s.size(), noise, s.seed(), i);
                        RewardContext ctx = context(sf);
                        long t0 = System.nanoTime();
                        List<Point> found = finder.find(sf.frame(), m, ctx);
                        t.nanos += System.nanoTime() - t0;
                        List<Point> truth = sf.atoms().stream().map(a -> new Point(a.row(), a.col())).toList();
                        double radius = ctx.nearestNeighbourPx() / 3;
                        PaperCounts paper = PaperCounts.count(found, truth, radius);
                        MatchResult oneToOne = OneToOneMatching.match(found, truth, radius);
                        t.add(paper, oneToOne, truth.size(), found.size());
                        if (i == 0) {
                            examples.add(new Example(finder.method(), m.id(), noise, found));
                        }
                        progress.accept(new Progress(++done, total, finder.method(), m.id(), noise, oneToOne.scores()));
                    }
                    rows.add(t.row(finder.method(), m.id(), noise, s.frames()));
                }
            }
        }
        return new Result(s, rows, examples);
    }

    private static final class Tally {
        int tp;
        int fp;
        int fn;
        int o2oTp;
        int o2oFp;
        int o2oFn;
        int truth;
        int found;
        long nanos;

        void add(PaperCounts paper, MatchResult oneToOne, int truthAtoms, int foundAtoms) {
            tp += paper.tp();
            fp += paper.fp();
            fn += paper.fn();
            o2oTp += oneToOne.tp();
            o2oFp += oneToOne.fp();
            o2oFn += oneToOne.fn();
            truth += truthAtoms;
            found += foundAtoms;
        }

        NoiseRow row(String method, String material, double noise, int frames) {
            Scores s = Scores.ofCounts(o2oTp, o2oFp, o2oFn);
            return new NoiseRow(method, material, noise, tp, fp, fn, s.precision(), s.recall(), s.f1(), frames, truth,
                    found, o2oTp, o2oFp, o2oFn, nanos / 1e6 / frames);
        }
    }
}
