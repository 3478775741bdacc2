package org.stemloop.bench.optimize;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.stemloop.eval.OneToOneMatching;
import org.stemloop.eval.Point;
import org.stemloop.image.Frame;
import org.stemloop.optimize.CrystalAtoms;
import org.stemloop.optimize.GridSearch;
import org.stemloop.optimize.LogStarSearch;
import org.stemloop.optimize.ParameterSpace;
import org.stemloop.optimize.SearchListener;
import org.stemloop.optimize.SearchResult;
import org.stemloop.optimize.SearchSettings;
import org.stemloop.optimize.SlidingWindows;
import org.stemloop.optimize.WindowedResult;
import org.stemloop.reward.CrystalMask;
import org.stemloop.reward.Lattice;
import org.stemloop.reward.MaskMode;
import org.stemloop.reward.Material;
import org.stemloop.reward.PixelCalibration;
import org.stemloop.reward.RewardContext;
import org.stemloop.reward.Rewards;
import org.stemloop.sim.Preset;
import org.stemloop.sim.SimulatedFrame;
import org.stemloop.sim.SimulationSpec;
import org.stemloop.sim.Simulator;

/**
 * The LoG* speed and quality benchmark (issue 3): on simulated frames, the genetic search's time
 * (best of a few runs after a warm-up, in process), its hypervolume against a dense grid search
 * over the same {@link ParameterSpace}, and the recommended option's F1 against the simulator's
 * truth (one-to-one matching, radius a third of the nearest-neighbour distance); optionally the
 * sliding-window variant beside the whole-frame search.
 *
 * <p>Frames come from the idealised simulator at a noise level, or ({@link Frames#REALISTIC}) from the
 * realistic one ({@link Preset#haadf}) at a dose in electrons per pixel with the pixel size told 4%
 * wrong, corrected from the lattice ({@code analyze --calibrate lattice}); there the crystal mask is
 * estimated as {@code analyze} does, the searches score the crystal only and the F1 counts the
 * recommended atoms on it (the truth has no atoms in holes and contamination).
 */
public final class FrontBenchmark {

    /**
     * One measured case.
     *
     * @param method      "log*" (whole frame), "grid" (the reference) or "window-W"
     * @param ms          search time in milliseconds, stack included (best of the runs)
     * @param hvRatio     hypervolume over the grid's (NaN for the grid itself)
     */
    public record Row(int size, String material, double noise, String method, long ms, int evaluations, int options,
            double hypervolume, double hvRatio, double f1) {

        public static final String CSV_HEADER = "size,material,noise,method,ms,evaluations,options,hypervolume,hv_ratio,f1";

        public String csv() {
            return "%d,%s,%.2f,%s,%d,%d,%d,%.5f,%.4f,%.4f".formatted(size, material, noise, method, ms, evaluations,
                    options, hypervolume, hvRatio, f1);
        }
    }

    /** Where the frames come from; the level is a noise level (idealised) or a dose in e/px (realistic). */
    public enum Frames {
        IDEALISED, REALISTIC;

        /** The told calibration error of realistic frames: the "pixel size told 4% wrong". */
        public static final double CALIBRATION_ERROR = 0.04;

        SimulatedFrame frame(Material m, int size, double level) {
            long seed = 1000 + size + Math.round(level * 10);
            if (this == IDEALISED) {
                return Simulator.simulate(SimulationSpec.of(m, size).withNoiseLevel(level).withSeed(seed));
            }
            return Simulator.realistic(Preset.haadf(m).spec(size).withDose(level)
                    .withCalibrationError(CALIBRATION_ERROR), seed).asSimulated();
        }

        /** The pixel size the analysis uses: the told one, corrected from the lattice as {@code analyze} does. */
        double pixelSize(SimulatedFrame sf, Material m) {
            double told = sf.spec().pixelSizeAngstrom();
            return this == IDEALISED ? told : PixelCalibration.of(sf.frame(), m, told).pixelSizeAngstrom();
        }

        CrystalMask mask(Frame frame, Lattice lattice, double px) {
            return this == IDEALISED ? CrystalMask.all(frame.height(), frame.width())
                    : CrystalAtoms.mask(MaskMode.AUTO, frame, CrystalAtoms.periodPx(lattice, px));
        }
    }

    private FrontBenchmark() {
    }

    /**
     * Runs every case and reports each row as it is done.
     *
     * @param gridSteps values per gene of the reference grid (min_sigma, max_sigma, threshold, overlap)
     * @param runs      timed runs of the genetic search (best kept), after one warm-up
     * @param window    window side for the sliding-window rows, or 0 for none
     */
    public static List<Row> run(int[] sizes, List<Material> materials, double[] noises, SearchSettings settings,
            int[] gridSteps, int runs, int window, Consumer<Row> progress) {
        return run(Frames.IDEALISED, sizes, materials, noises, settings, gridSteps, runs, window, progress);
    }

    /** As {@link #run(int[], List, double[], SearchSettings, int[], int, int, Consumer)} on frames of {@code frames}. */
    public static List<Row> run(Frames frames, int[] sizes, List<Material> materials, double[] noises,
            SearchSettings settings, int[] gridSteps, int runs, int window, Consumer<Row> progress) {
        List<Row> rows = new ArrayList<>();
        for (int size : sizes) {
            for (Material m : materials) {
                for (double noise : noises) {
                    SimulatedFrame sf = frames.frame(m, size, noise);
                    Lattice lattice = Lattice.of(m);
                    double px = frames.pixelSize(sf, m);
                    CrystalMask mask = frames.mask(sf.frame(), lattice, px);
                    RewardContext ctx = RewardContext.of(lattice, size, size, px).over(mask);
                    ParameterSpace space = ParameterSpace.forSpacing(ctx.nearestNeighbourPx());
                    Frame frame = sf.frame();
                    SearchResult grid = GridSearch.run(frame, ctx, space, Rewards.paper(), gridSteps);
                    double gridHv = grid.front().hypervolume();
                    emit(rows, progress, new Row(size, m.id(), noise, "grid", grid.stackMs() + grid.searchMs(),
                            grid.evaluations(), grid.front().size(), gridHv, 1.0, f1(sf, grid, ctx, mask)));
                    SearchResult best = LogStarSearch.run(frame, ctx, space, Rewards.paper(), settings, SearchListener.NONE);
                    long bestMs = Long.MAX_VALUE;
                    for (int i = 0; i < runs; i++) {
                        long t0 = System.nanoTime();
                        best = LogStarSearch.run(frame, ctx, space, Rewards.paper(), settings, SearchListener.NONE);
                        bestMs = Math.min(bestMs, (System.nanoTime() - t0) / 1_000_000);
                    }
                    double hv = best.front().hypervolume();
                    emit(rows, progress, new Row(size, m.id(), noise, "log*", bestMs, best.evaluations(),
                            best.front().size(), hv, hv / gridHv, f1(sf, best, ctx, mask)));
                    if (window > 0 && window < size) {
                        long t0 = System.nanoTime();
                        WindowedResult w = SlidingWindows.run(frame, window,
                                (h, wd) -> RewardContext.of(lattice, h, wd, px), Rewards.paper(), settings,
                                SearchListener.NONE);
                        long ms = (System.nanoTime() - t0) / 1_000_000;
                        double whv = w.wholeFrame().front().hypervolume();
                        emit(rows, progress, new Row(size, m.id(), noise, "window-" + window, ms,
                                w.wholeFrame().evaluations(), w.wholeFrame().front().size(), whv, whv / gridHv,
                                f1(sf, w.wholeFrame(), ctx, mask)));
                    }
                }
            }
        }
        return List.copyOf(rows);
    }

    private static void emit(List<Row> rows, Consumer<Row> progress, Row row) {
        rows.add(row);
        progress.accept(row);
    }

    static double f1(SimulatedFrame sf, SearchResult r, RewardContext ctx) {
        return f1(sf, r, ctx, CrystalMask.all(sf.frame().height(), sf.frame().width()));
    }

    static double f1(SimulatedFrame sf, SearchResult r, RewardContext ctx, CrystalMask mask) {
        List<Point> truth = sf.atoms().stream().map(a -> new Point(a.row(), a.col())).toList();
        return OneToOneMatching.match(Point.ofBlobs(CrystalAtoms.onCrystal(r.recommendedAtoms(), mask)), truth,
                        ctx.nearestNeighbourPx() / 3)
                .scores().f1();
    }

    /** Parses "8,8,16,5". */
    public static int[] parseSteps(String text) {
        int[] steps = Arrays.stream(text.split(",")).map(String::strip).mapToInt(Integer::parseInt).toArray();
        if (steps.length != 4) {
            throw new IllegalArgumentException("Grid steps need 4 numbers (min_sigma,max_sigma,threshold,overlap): " + text);
        }
        return steps;
    }
}
