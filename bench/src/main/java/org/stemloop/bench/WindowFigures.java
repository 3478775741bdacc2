package org.stemloop.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.stemloop.bench.optimize.WindowBenchmark;
import org.stemloop.bench.optimize.WindowConsistency;
import org.stemloop.bench.optimize.WindowMap;
import org.stemloop.detect.LogParams;
import org.stemloop.eval.Scores;
import org.stemloop.image.Canvas;
import org.stemloop.optimize.WindowChoice;

/**
 * The paper's Figure 3 for {@code bench window}: per case (material, noise), one heatmap per
 * searched parameter (each window's choice drawn over its cell), a TP map (each cell's TP, FP, FN
 * and F1 against the truth), and the consistency of the windows' choices; CSV files beside them
 * and a section of the HTML report.
 */
public final class WindowFigures {

    /** Columns of {@code window_maps.csv}: one row per window. */
    public static final String MAPS_HEADER = "size,material,noise,seed,grid_row,grid_col,row,col,height,width,"
            + "min_sigma,max_sigma,threshold,overlap,tp,fp,fn,precision,recall,f1";

    /** Columns of {@code window_consistency.csv}: one row per case and parameter. */
    public static final String CONSISTENCY_HEADER = "size,material,noise,seed," + WindowConsistency.CSV_HEADER;

    private WindowFigures() {
    }

    /** Writes the case's five PNGs into {@code dir}; returns their paths, the four parameters first, then TP. */
    public static List<Path> write(WindowBenchmark.Case c, Path dir) throws IOException {
        List<Path> files = new ArrayList<>();
        WindowMap map = c.map();
        WindowChoice first = map.windows().get(0).choice();
        Heatmap.Cell outline = new Heatmap.Cell(first.row(), first.col(), first.row() + first.height(),
                first.col() + first.width(), 0, List.of());
        String where = "%s %d², noise %.2f, seed %d: %d windows of %d px over their cells (dashed: one window)"
                .formatted(c.material(), c.size(), c.noise(), c.seed(), map.windows().size(), first.height());
        for (String p : WindowConsistency.PARAMETERS) {
            var value = WindowConsistency.value(p);
            List<Heatmap.Cell> cells = map.windows().stream().map(e -> cell(e, value.applyAsDouble(e.params()),
                    List.of(Heatmap.format(value.applyAsDouble(e.params()))))).toList();
            Path file = dir.resolve("window_%s_%s.png".formatted(c.stem(), p));
            Canvas.writePng(Heatmap.render("Sliding windows: " + p + " chosen per window", where,
                    c.size(), c.size(), cells, outline), file);
            files.add(file);
        }
        List<Heatmap.Cell> tp = map.windows().stream().map(e -> cell(e, e.scores().tp(),
                List.of("TP " + e.scores().tp(), "FP %d FN %d".formatted(e.scores().fp(), e.scores().fn()),
                        String.format(Locale.ROOT, "F1 %.3f", e.scores().f1())))).toList();
        Path file = dir.resolve("window_%s_tp.png".formatted(c.stem()));
        Canvas.writePng(Heatmap.render("Sliding windows: TP per window (per-window parameters)",
                where + "; colour: TP", c.size(), c.size(), tp, outline), file);
        files.add(file);
        return List.copyOf(files);
    }

    private static Heatmap.Cell cell(WindowMap.Entry e, double value, List<String> label) {
        return new Heatmap.Cell(e.cellTop(), e.cellLeft(), e.cellBottom(), e.cellRight(), value, label);
    }

    /** The case's rows of {@code window_maps.csv}. */
    public static List<String> mapRows(WindowBenchmark.Case c) {
        List<String> rows = new ArrayList<>();
        for (WindowMap.Entry e : c.map().windows()) {
            LogParams p = e.params();
            Scores s = e.scores();
            WindowChoice w = e.choice();
            rows.add(String.format(Locale.ROOT, "%d,%s,%.2f,%d,%d,%d,%d,%d,%d,%d,%.4f,%.4f,%.5f,%.4f,%d,%d,%d,%.4f,%.4f,%.4f",
                    c.size(), c.material(), c.noise(), c.seed(), e.row(), e.col(), w.row(), w.col(), w.height(),
                    w.width(), p.minSigma(), p.maxSigma(), p.threshold(), p.overlap(), s.tp(), s.fp(), s.fn(),
                    s.precision(), s.recall(), s.f1()));
        }
        return rows;
    }

    /** The case's rows of {@code window_consistency.csv}. */
    public static List<String> consistencyRows(WindowBenchmark.Case c) {
        String key = String.format(Locale.ROOT, "%d,%s,%.2f,%d,", c.size(), c.material(), c.noise(), c.seed());
        return WindowConsistency.of(c.map()).stream().map(w -> key + w.csv()).toList();
    }

    /** Adds the window section (tables and figures of every case) to {@code html}. */
    public static void addTo(HtmlReport html, List<WindowBenchmark.Case> cases, List<List<Path>> figures) {
        html.section("Sliding windows (Figure 3)");
        html.paragraph("LoG* searched on each sliding window (stride 20% of the window). Each window's chosen "
                + "parameters are drawn over its cell, the part of the frame nearest its centre, which its parameters "
                + "detect in per-window mode; the TP map counts each cell's per-window atoms against the simulator's "
                + "truth (one-to-one, radius d/3). Consistency: the coefficient of variation of each parameter over "
                + "the windows, and the mean absolute difference between neighbouring windows, which share 80% of "
                + "their pixels.");
        List<List<String>> methods = new ArrayList<>();
        List<List<String>> consistency = new ArrayList<>();
        for (WindowBenchmark.Case c : cases) {
            for (WindowBenchmark.Row r : c.rows()) {
                methods.add(List.of(r.material(), "%.2f".formatted(r.noise()), r.method(), String.valueOf(r.windows()),
                        String.valueOf(r.ms()), String.valueOf(r.atoms()), "%.3f".formatted(r.f1())));
            }
            for (WindowConsistency w : WindowConsistency.of(c.map())) {
                consistency.add(List.of(c.material(), "%.2f".formatted(c.noise()), w.parameter(), Heatmap.format(w.mean()),
                        "%.3f".formatted(w.cv()), Heatmap.format(w.neighbourMad()),
                        "%.3f".formatted(w.mean() == 0 ? 0 : w.neighbourMad() / Math.abs(w.mean()))));
            }
        }
        html.table(List.of("material", "noise", "method", "windows", "ms", "atoms", "F1"), methods);
        html.table(List.of("material", "noise", "parameter", "mean", "CV", "neighbour |diff|", "relative"), consistency);
        for (int i = 0; i < cases.size(); i++) {
            WindowBenchmark.Case c = cases.get(i);
            for (Path f : figures.get(i)) {
                html.figure(f, "%s noise %.2f: %s".formatted(c.material(), c.noise(),
                        f.getFileName().toString().replace("window_" + c.stem() + "_", "").replace(".png", "")));
            }
        }
    }

    /** Writes {@code window_maps.csv} and {@code window_consistency.csv} for every case into {@code dir}. */
    public static void writeCsv(List<WindowBenchmark.Case> cases, Path dir) throws IOException {
        List<String> maps = new ArrayList<>(List.of(MAPS_HEADER));
        List<String> cons = new ArrayList<>(List.of(CONSISTENCY_HEADER));
        for (WindowBenchmark.Case c : cases) {
            maps.addAll(mapRows(c));
            cons.addAll(consistencyRows(c));
        }
        Files.write(dir.resolve("window_maps.csv"), maps);
        Files.write(dir.resolve("window_consistency.csv"), cons);
    }
}
