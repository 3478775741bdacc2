package org.stemloop.bench.optimize;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.stemloop.detect.Blob;
import org.stemloop.eval.OneToOneMatching;
import org.stemloop.eval.Point;
import org.stemloop.eval.Scores;
import org.stemloop.optimize.Candidate;
import org.stemloop.optimize.LogStarSearch;
import org.stemloop.optimize.ParameterSpace;
import org.stemloop.optimize.SearchListener;
import org.stemloop.optimize.SearchResult;
import org.stemloop.optimize.SearchSettings;
import org.stemloop.optimize.SlidingWindows;
import org.stemloop.optimize.WindowedResult;
import org.stemloop.reward.Lattice;
import org.stemloop.reward.Material;
import org.stemloop.reward.RewardContext;
import org.stemloop.reward.Rewards;
import org.stemloop.sim.SimulatedFrame;
import org.stemloop.sim.SimulationSpec;
import org.stemloop.sim.Simulator;

/**
 * Sliding windows against the whole frame (issue 3): on simulated frames, the cost and quality of
 * LoG* on the whole frame, of the windows' consensus (one parameter set for the frame) and of
 * per-window parameters (each window's choice in its own cell). Quality is F1 against the
 * simulator's truth, one-to-one matching at a third of the nearest-neighbour distance.
 */
public final class WindowBenchmark {

    /**
     * One measured case.
     *
     * @param method "whole" (the search on the whole frame), "consensus" or "per-window"
     * @param ms     wall time: the whole-frame search; for the windowed methods the window searches
     *               plus what the method adds (scoring the choices on the whole frame, or the cells'
     *               detection and merge)
     */
    public record Row(int size, String material, double noise, long seed, String method, int window, int windows,
            long ms, int atoms, double qc, double er, double precision, double recall, double f1) {

        public static final String CSV_HEADER =
                "size,material,noise,seed,method,window,windows,ms,atoms,qc,er,precision,recall,f1";

        public String csv() {
            return "%d,%s,%.2f,%d,%s,%d,%d,%d,%d,%.4f,%.4f,%.4f,%.4f,%.4f".formatted(size, material, noise, seed, method,
                    window, windows, ms, atoms, qc, er, precision, recall, f1);
        }
    }

    /**
     * One simulated frame: its three rows (whole, consensus, per-window) and the windows' map
     * (the paper's Figure 3: each window's parameters and its cell's TP, FP, FN).
     */
    public record Case(int size, String material, double noise, long seed, List<Row> rows, WindowMap map) {

        public Case {
            rows = List.copyOf(rows);
        }

        /** A file-name stem for this case, e.g. {@code graphene_512_n0.20_s2514}. */
        public String stem() {
            return "%s_%d_n%.2f_s%d".formatted(material, size, noise, seed);
        }
    }

    private WindowBenchmark() {
    }

    /** Runs every case (seeds 2000 + size + noise x 10 + k for k < frames) and reports each when done. */
    public static List<Case> run(int[] sizes, List<Material> materials, double[] noises, int frames, int window,
            SearchSettings settings, SearchListener listener, Consumer<Case> progress) {
        List<Case> cases = new ArrayList<>();
        for (int size : sizes) {
            for (Material m : materials) {
                for (double noise : noises) {
                    for (int k = 0; k < frames; k++) {
                        long seed = 2000 + size + Math.round(noise * 10) + k;
                        Case c = one(size, m, noise, seed, window, settings, listener);
                        cases.add(c);
                        progress.accept(c);
                    }
                }
            }
        }
        return List.copyOf(cases);
    }

    private static Case one(int size, Material m, double noise, long seed, int window, SearchSettings settings,
            SearchListener listener) {
        SimulatedFrame sf = Simulator.simulate(SimulationSpec.of(m, size).withNoiseLevel(noise).withSeed(seed));
        Lattice lattice = Lattice.of(m);
        double px = sf.spec().pixelSizeAngstrom();
        RewardContext ctx = RewardContext.of(lattice, size, size, px);
        long t0 = System.nanoTime();
        SearchResult whole = LogStarSearch.run(sf.frame(), ctx, ParameterSpace.forSpacing(ctx.nearestNeighbourPx()),
                Rewards.paper(), settings, listener);
        List<Blob> wholeAtoms = whole.recommendedAtoms();
        long wholeMs = (System.nanoTime() - t0) / 1_000_000;
        WindowedResult w = SlidingWindows.run(sf.frame(), window, (h, wd) -> RewardContext.of(lattice, h, wd, px),
                Rewards.paper(), settings, listener);
        int n = w.windows().size();
        Candidate knee = whole.front().recommended();
        Candidate cons = w.wholeFrame().front().recommended();
        double[] pw = w.perWindow().rewards();
        List<Point> truth = truth(sf);
        WindowMap map = WindowMap.of(w, size, size, truth, ctx.nearestNeighbourPx() / 3);
        return new Case(size, m.id(), noise, seed, List.of(
                row(sf, ctx, "whole", window, 1, wholeMs, wholeAtoms, knee.reward(0), knee.reward(1)),
                row(sf, ctx, "consensus", window, n, w.windowsMs() + w.wholeFrameMs(), w.atoms(), cons.reward(0),
                        cons.reward(1)),
                row(sf, ctx, "per-window", window, n, w.windowsMs() + w.perWindow().ms(), w.perWindow().atoms(), pw[0],
                        pw[1])), map);
    }

    private static List<Point> truth(SimulatedFrame sf) {
        return sf.atoms().stream().map(a -> new Point(a.row(), a.col())).toList();
    }

    private static Row row(SimulatedFrame sf, RewardContext ctx, String method, int window, int windows, long ms,
            List<Blob> atoms, double qc, double er) {
        Scores s = OneToOneMatching.match(Point.ofBlobs(atoms), truth(sf), ctx.nearestNeighbourPx() / 3).scores();
        return new Row(sf.spec().height(), sf.spec().material().id(), sf.spec().noise().level(), sf.spec().seed(), method,
                window, windows, ms, atoms.size(), qc, er, s.precision(), s.recall(), s.f1());
    }
}
