package org.stemloop.bench;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes the refinement benchmark's tables ({@code refine_accuracy.csv}, {@code refine_speed.csv},
 * {@code refine.md}), its figure ({@code refine_rms.png}: RMS against noise per material and
 * species, each method beside the Cramér-Rao bound and the goal) and its report section.
 */
public final class RefineReport {

    /** Issue 15's goals. */
    static final double GOAL_NOISELESS_PX = 0.05;
    static final double GOAL_NOISE02_PX = 0.25;
    static final double GOAL_MS = 30;
    private static final Color[] COLOURS = {new Color(0x2563eb), new Color(0xf97316), new Color(0x6b7280)};

    private RefineReport() {
    }

    public static void addTo(HtmlReport html, RefineBench.Result r, RefineBench.Settings s, Path dir, String machine)
            throws IOException {
        Files.createDirectories(dir);
        List<String> acc = new ArrayList<>();
        acc.add(RefineBench.Accuracy.CSV_HEADER);
        r.accuracy().forEach(a -> acc.add(a.csv()));
        Files.write(dir.resolve("refine_accuracy.csv"), acc);
        List<String> sp = new ArrayList<>();
        sp.add(RefineBench.Speed.CSV_HEADER);
        r.speed().forEach(x -> sp.add(x.csv()));
        Files.write(dir.resolve("refine_speed.csv"), sp);
        Files.writeString(dir.resolve("refine.md"), markdown(r, s, machine));
        Path figure = dir.resolve("refine_rms.png");
        LineChart.write("Sub-pixel refinement: RMS error of matched atoms vs noise", "noise level", panels(r), figure);
        html.section("Sub-pixel refinement").paragraph(("Simulated %d x %d frames (%d per material and noise level, rotated"
                + " 17 degrees), LoG at fixed sigmas around the probe's width, then each refinement; RMS distance of the atoms"
                + " matched one-to-one within a third of the bond to the truth, per species, beside the Cramer-Rao bound of one"
                + " spot (2 s / (A sqrt(pi)) for noise s and peak A). Goals (issue 15): <= %.2f px noiseless, <= %.2f px at"
                + " noise 0.2, <= %.0f ms per frame. %s").formatted(s.size(), s.size(), s.frames(), GOAL_NOISELESS_PX,
                        GOAL_NOISE02_PX, GOAL_MS, machine));
        html.table(List.of("material", "noise", "method", "species", "atoms", "RMS px", "RMS pm", "bound px", "recall"),
                r.accuracy().stream().map(a -> List.of(a.material(), fmt(a.noise(), 2), a.method(), a.species(),
                        Integer.toString(a.atoms()), fmt(a.rmsPx(), 3), fmt(a.rmsPm(), 1),
                        Double.isNaN(a.crbPx()) ? "" : fmt(a.crbPx(), 3), fmt(a.recall(), 3))).toList());
        html.table(List.of("material", "method", "atoms/frame", "runs", "median ms", "p90 ms", "best ms", "CPU ms (median)"),
                r.speed().stream().map(x -> List.of(x.material(), x.method(), fmt(x.atoms(), 0), Integer.toString(x.wall().runs()),
                        fmt(x.wall().medianMs(), 1), fmt(x.wall().p90Ms(), 1), fmt(x.wall().minMs(), 1), fmt(x.cpuMs(), 1))).toList());
        html.figure(figure, "RMS error against noise: gauss, com, none; dashed: the Cramer-Rao bound of one spot");
    }

    static String markdown(RefineBench.Result r, RefineBench.Settings s, String machine) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "Frames %d x %d, %d per material and noise level. %s%n%n", s.size(), s.size(), s.frames(),
                machine));
        b.append("| material | noise | species | gauss px (pm) | com px | none px | Cramér-Rao px | recall (gauss) |\n");
        b.append("|---|---|---|---|---|---|---|---|\n");
        for (RefineBench.Accuracy g : r.accuracy()) {
            if (!g.method().equals("gauss")) {
                continue;
            }
            b.append(String.format(Locale.ROOT, "| %s | %.1f | %s | %.3f (%.1f) | %s | %s | %s | %.3f |%n", g.material(), g.noise(),
                    g.species(), g.rmsPx(), g.rmsPm(), other(r, g, "com"), other(r, g, "none"),
                    Double.isNaN(g.crbPx()) ? "" : fmt(g.crbPx(), 3), g.recall()));
        }
        b.append("\n| material | method | atoms/frame | runs | median ms | p90 ms | best ms | CPU ms (median) |\n");
        b.append("|---|---|---|---|---|---|---|---|\n");
        for (RefineBench.Speed x : r.speed()) {
            b.append(String.format(Locale.ROOT, "| %s | %s | %.0f | %d | %.1f | %.1f | %.1f | %.1f |%n", x.material(), x.method(),
                    x.atoms(), x.wall().runs(), x.wall().medianMs(), x.wall().p90Ms(), x.wall().minMs(), x.cpuMs()));
        }
        return b.toString();
    }

    private static String other(RefineBench.Result r, RefineBench.Accuracy g, String method) {
        return r.accuracy().stream().filter(a -> a.material().equals(g.material()) && a.noise() == g.noise()
                && a.species().equals(g.species()) && a.method().equals(method)).findFirst().map(a -> fmt(a.rmsPx(), 3)).orElse("");
    }

    /** One panel per material and species (graphene C, SrTiO3 Sr and Ti-O...), one line per method. */
    private static List<LineChart.Panel> panels(RefineBench.Result r) {
        List<LineChart.Panel> panels = new ArrayList<>();
        List<String> keys = r.accuracy().stream().filter(a -> !a.species().equals("all") && a.atoms() >= 20)
                .map(a -> a.material() + "/" + a.species()).distinct().toList();
        for (String key : keys) {
            List<RefineBench.Accuracy> rows = r.accuracy().stream().filter(a -> (a.material() + "/" + a.species()).equals(key)).toList();
            List<LineChart.Series> series = new ArrayList<>();
            String[] methods = {"gauss", "com", "none"};
            for (int k = 0; k < methods.length; k++) {
                String m = methods[k];
                List<RefineBench.Accuracy> mine = rows.stream().filter(a -> a.method().equals(m)).toList();
                series.add(new LineChart.Series(m, COLOURS[k], false, mine.stream().mapToDouble(RefineBench.Accuracy::noise).toArray(),
                        mine.stream().mapToDouble(RefineBench.Accuracy::rmsPx).toArray()));
            }
            List<RefineBench.Accuracy> g = rows.stream().filter(a -> a.method().equals("gauss")).toList();
            series.add(new LineChart.Series("Cramer-Rao bound", Color.BLACK, true, g.stream().mapToDouble(RefineBench.Accuracy::noise)
                    .toArray(), g.stream().mapToDouble(RefineBench.Accuracy::crbPx).toArray()));
            series.add(new LineChart.Series("goal at 0.2", new Color(0x16a34a), true, new double[] {0.2}, new double[] {GOAL_NOISE02_PX}));
            panels.add(new LineChart.Panel(key.replace("/", ": "), "RMS error, px", series));
        }
        return panels;
    }

    private static String fmt(double v, int digits) {
        return String.format(Locale.ROOT, "%." + digits + "f", v);
    }
}
