package org.stemloop.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.stemloop.eval.MatchResult;
import org.stemloop.eval.OneToOneMatching;
import org.stemloop.eval.Point;
import org.stemloop.reward.Lattice;
import org.stemloop.reward.Material;
import org.stemloop.reward.RewardContext;
import org.stemloop.sim.Preset;
import org.stemloop.sim.RealisticFrame;
import org.stemloop.sim.RealisticSpec;
import org.stemloop.sim.Simulator;

/**
 * The noise sweep on the realistic simulator (issue 15): its HAADF preset of each material
 * ({@link Preset#haadf}: probe tails, background, scan jitter, a hole, contamination, the pixel size
 * told 3% wrong, a random rotation) at a range of doses in electrons per pixel, a few seeds each,
 * every method on the same frames, scored against the truth one-to-one within a third of the true
 * nearest-neighbour distance. Seed {@code s} draws the same specimen at every dose, so along a
 * curve only the counting noise changes.
 */
public final class DoseSweep {

    /** The goal: F1 at least this on every seed at doses from {@link #GOAL_DOSE} up. */
    public static final double GOAL_F1 = 0.95;
    public static final double GOAL_DOSE = 50;

    /**
     * What to sweep.
     *
     * @param doses electrons per pixel
     * @param size  frame side in pixels
     * @param seeds frames (seeds) per material and dose
     * @param seed  the first seed (seed k: seed + k)
     */
    public record Settings(List<Material> materials, double[] doses, int size, int seeds, long seed) {
        public Settings {
            materials = List.copyOf(materials);
            doses = doses.clone();
            if (materials.isEmpty() || doses.length == 0) {
                throw new IllegalArgumentException("at least one material and one dose are needed");
            }
            if (seeds < 1) {
                throw new IllegalArgumentException("seeds per dose must be at least 1: " + seeds);
            }
            if (size < 64) {
                throw new IllegalArgumentException("frames must be at least 64 px: " + size);
            }
            for (double d : doses) {
                if (!(d > 0 && d <= RealisticSpec.MAX_DOSE)) {
                    throw new IllegalArgumentException("doses must be positive electrons per pixel: " + d);
                }
            }
        }
    }

    /** The atoms one method found on one frame, for the overlays of frames that fall short. */
    public record Detections(String method, String material, double dose, long seed, List<Point> found) {
        public Detections {
            found = List.copyOf(found);
        }
    }

    /** The table (one row per method, material, dose and seed, in that order) and what was found. */
    public record Result(Settings settings, List<DoseRow> rows, List<Detections> detections) {
        public Result {
            rows = List.copyOf(rows);
            detections = List.copyOf(detections);
        }

        /** What {@code row}'s method found on its frame. */
        public List<Point> found(DoseRow row) {
            return detections.stream().filter(d -> d.method().equals(row.method())
                    && d.material().equals(row.material()) && d.dose() == row.dose() && d.seed() == row.seed())
                    .findFirst().map(Detections::found).orElse(List.of());
        }

        /** Mean and minimum over the seeds, per method, material and dose, in the rows' order. */
        public List<DoseSummary> summary() {
            return DoseSummary.of(rows);
        }
    }

    /** Progress: one call per frame and method, {@code done} of {@code total}. */
    public record Progress(int done, int total, DoseRow row) {
    }

    private DoseSweep() {
    }

    /** The realistic frame of {@code material} at {@code dose} from {@code seed}. */
    public static RealisticFrame frame(Material material, int size, double dose, long seed) {
        return Simulator.realistic(Preset.haadf(material).spec(size).withDose(dose), seed);
    }

    /** The scoring radius: a third of the nearest-neighbour distance at the <em>true</em> pixel size. */
    public static double radius(RealisticFrame rf) {
        return Lattice.of(rf.spec().material()).nearestNeighbourPx(rf.spec().pixelSizeAngstrom()) / 3;
    }

    /** The true atoms as points. */
    public static List<Point> truth(RealisticFrame rf) {
        return rf.atoms().stream().map(a -> new Point(a.row(), a.col())).toList();
    }

    /** Runs every finder on every frame; a frame is drawn once and given to each finder in turn. */
    public static Result run(List<AtomFinder> finders, Settings s, Consumer<Progress> progress) {
        Objects.requireNonNull(progress, "progress");
        int total = finders.size() * s.materials().size() * s.doses().length * s.seeds();
        int done = 0;
        List<DoseRow> rows = new ArrayList<>();
        List<Detections> detections = new ArrayList<>();
        for (Material m : s.materials()) {
            for (double dose : s.doses()) {
                for (int k = 0; k < s.seeds(); k++) {
                    long seed = s.seed() + k;
                    RealisticFrame rf = frame(m, s.size(), dose, seed);
                    // what a microscopist is told: the frame's own (3% wrong) pixel size
                    RewardContext told = RewardContext.of(Lattice.of(m), rf.frame());
                    List<Point> truth = truth(rf);
                    for (AtomFinder finder : finders) {
                        long t0 = System.nanoTime();
                        List<Point> found = finder.find(rf.frame(), m, told);
                        double ms = (System.nanoTime() - t0) / 1e6;
                        MatchResult match = OneToOneMatching.match(found, truth, radius(rf));
                        DoseRow row = new DoseRow(finder.method(), m.id(), dose, seed, match.tp(), match.fp(),
                                match.fn(), match.scores().precision(), match.scores().recall(), match.scores().f1(),
                                truth.size(), found.size(), ms);
                        rows.add(row);
                        detections.add(new Detections(row.method(), row.material(), dose, seed, found));
                        progress.accept(new Progress(++done, total, row));
                    }
                }
            }
        }
        rows.sort(DoseRow.ORDER.apply(finders.stream().map(AtomFinder::method).toList()));
        return new Result(s, rows, detections);
    }
}
