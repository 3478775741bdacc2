package org.stemloop.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.stemloop.detect.LogBlobDetector;
import org.stemloop.detect.LogParams;
import org.stemloop.image.Frame;
import org.stemloop.optimize.LogStarSearch;
import org.stemloop.optimize.SearchListener;
import org.stemloop.optimize.SearchResult;
import org.stemloop.optimize.SearchSettings;
import org.stemloop.reward.Material;
import org.stemloop.reward.RewardContext;
import org.stemloop.sim.SimulatedFrame;

/**
 * The paper's timing table, measured here (issue 7): LoG* optimisation (the whole Pareto front),
 * one LoG detection with the recommended parameters, and each extra method's inference, for
 * simulated graphene frames of several sizes; each beside the paper's figure where it gives one.
 * Times are medians of in-process runs after a warm-up run.
 */
public final class TimingBench {

    /**
     * One measured step.
     *
     * @param paperMs the paper's figure in milliseconds, NaN where it gives none
     * @param paperNote where the paper's figure comes from
     */
    public record Row(int size, String step, Timing timing, double paperMs, String paperNote) {

        public static final String CSV_HEADER = "size,step,runs,median_ms,min_ms,paper_ms,paper_note";

        public String csv() {
            return String.format(Locale.ROOT, "%d,%s,%d,%.2f,%.2f,%s,%s", size, step, timing.runs(), timing.medianMs(),
                    timing.minMs(), Double.isNaN(paperMs) ? "" : String.format(Locale.ROOT, "%.1f", paperMs),
                    paperNote.replace(',', ';'));
        }

        /** How many times faster than the paper (NaN without a paper figure). */
        public double speedUp() {
            return paperMs / timing.medianMs();
        }
    }

    /** The paper's optimisation time per 256² frame (Platypus NSGA-II, CPU), milliseconds. */
    public static final double PAPER_OPTIMISATION_256_MS = 36_250;
    /** The paper's LoG inference time per frame, milliseconds. */
    public static final double PAPER_LOG_MS = 100;

    private TimingBench() {
    }

    /** Measures every step at every size; {@code extra} finders are timed as "NAME inference". */
    public static List<Row> run(int[] sizes, int runs, List<AtomFinder> extra, Consumer<Row> progress) {
        if (runs < 1) {
            throw new IllegalArgumentException("runs must be at least 1: " + runs);
        }
        List<Row> rows = new ArrayList<>();
        for (int size : sizes) {
            SimulatedFrame sf = NoiseSweep.frame(Material.GRAPHENE, size, 0.2, 11, 0);
            Frame frame = sf.frame();
            RewardContext ctx = NoiseSweep.context(sf);
            SearchResult[] last = new SearchResult[1];
            Timing search = time(runs, () -> last[0] = LogStarSearch.run(frame, ctx, SearchSettings.DEFAULT,
                    SearchListener.NONE));
            emit(rows, progress, new Row(size, "log* optimisation", search,
                    size == 256 ? PAPER_OPTIMISATION_256_MS : Double.NaN,
                    size == 256 ? "paper: 36.25 s mean per 256x256 frame" : "paper: 256x256 only"));
            LogParams chosen = last[0].front().recommended().params();
            emit(rows, progress, new Row(size, "log detection", time(runs, () -> LogBlobDetector.detect(frame, chosen)),
                    PAPER_LOG_MS, "paper: ~0.1 s per LoG inference"));
            for (AtomFinder f : extra) {
                emit(rows, progress, new Row(size, f.method() + " inference", time(runs, () -> f.find(frame, Material.GRAPHENE, ctx)),
                        paperNetworkMs(size), size == 128 ? "paper: 34.6 ms on a V100 GPU"
                        : size == 512 ? "paper: 37.2 ms on a V100 GPU" : "paper: 128 and 512 only"));
            }
        }
        return List.copyOf(rows);
    }

    private static double paperNetworkMs(int size) {
        return size == 128 ? 34.6 : size == 512 ? 37.2 : Double.NaN;
    }

    private static Timing time(int runs, Runnable step) {
        step.run(); // warm-up: the JIT, the thread pools, per-thread scratch space
        double[] ms = new double[runs];
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            step.run();
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        return Timing.of(ms);
    }

    private static void emit(List<Row> rows, Consumer<Row> progress, Row row) {
        rows.add(row);
        progress.accept(row);
    }
}
