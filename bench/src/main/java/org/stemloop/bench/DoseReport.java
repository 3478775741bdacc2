package org.stemloop.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.stemloop.reward.Material;
import org.stemloop.sim.RealisticFrame;

/**
 * Writes a {@link DoseSweep}'s files: {@code dose_sweep.csv} (one row per method, material, dose
 * and seed), {@code dose_sweep.json} (those rows and the summary), {@code dose_sweep.md} (mean and
 * minimum F1 per dose), {@code dose_f1.png} (F1 against dose, log x, the goal line), an overlay of
 * each frame that falls short of the goal ({@code dose_short_*.png}) and its section of the report.
 */
public final class DoseReport {

    public static final String CSV = "dose_sweep.csv";
    public static final String JSON = "dose_sweep.json";
    public static final String FIGURE = "dose_f1.png";
    /** Overlays written for frames short of the goal, at most. */
    static final int MAX_OVERLAYS = 12;

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private DoseReport() {
    }

    /** Writes the sweep's files into {@code dir} (created if missing) and its section into {@code html}. */
    public static void addTo(HtmlReport html, DoseSweep.Result result, Path dir, String machine) throws IOException {
        Files.createDirectories(dir);
        List<String> csv = new ArrayList<>();
        csv.add(DoseRow.CSV_HEADER);
        result.rows().forEach(r -> csv.add(r.csv()));
        Files.write(dir.resolve(CSV), csv);
        MAPPER.writeValue(dir.resolve(JSON).toFile(), json(result));
        List<String> header = List.of("method", "material", "dose (e/px)", "seeds", "mean F1", "min F1", "worst seed",
                "goal");
        List<List<String>> table = result.summary().stream().map(s -> List.of(s.method(), s.material(),
                DoseRow.doseText(s.dose()), Integer.toString(s.seeds()), fmt("%.3f", s.meanF1()), fmt("%.3f", s.minF1()),
                Long.toString(s.minSeed()), s.dose() < DoseSweep.GOAL_DOSE ? "" : s.meetsGoal() ? "met" : "SHORT"))
                .toList();
        Files.writeString(dir.resolve("dose_sweep.md"), NoiseReport.markdown(header, table));
        DoseSweep.Settings s = result.settings();
        html.section("Dose sweep on the realistic simulator");
        html.paragraph(("The realistic simulator's HAADF presets (probe tails, background, scan jitter, a hole and "
                + "contamination, the pixel size told 3%% wrong), %d x %d px, seeds %d-%d at each dose; LoG* as "
                + "analyze runs it (contrast auto, calibrate lattice, mask auto, refine gauss), the U-Net as unet "
                + "runs it (the shipped model of the material, resampled by the told pixel size). One-to-one F1 "
                + "against the truth within a third of the true nearest-neighbour distance. %s")
                .formatted(s.size(), s.size(), s.seed(), s.seed() + s.seeds() - 1, machine));
        for (String line : verdict(result)) {
            html.paragraph(line);
        }
        html.figure(writeFigure(result, dir), "F1 against dose: mean over the seeds (solid) and the worst seed (dashed)");
        for (Path overlay : writeShortfalls(result, dir)) {
            html.figure(overlay, overlay.getFileName() + ": green matched, red false, yellow + missed");
        }
        html.table(header, table);
    }

    /** Per method and material: whether every seed reaches F1 0.95 at every dose from 50 up, and which do not. */
    public static List<String> verdict(DoseSweep.Result result) {
        List<String> lines = new ArrayList<>();
        for (String method : result.rows().stream().map(DoseRow::method).distinct().toList()) {
            for (String material : result.rows().stream().map(DoseRow::material).distinct().toList()) {
                List<DoseRow> held = result.rows().stream().filter(r -> r.method().equals(method)
                        && r.material().equals(material) && r.dose() >= DoseSweep.GOAL_DOSE).toList();
                if (held.isEmpty()) {
                    lines.add("%s on %s: no dose >= %s to judge.".formatted(method, material,
                            DoseRow.doseText(DoseSweep.GOAL_DOSE)));
                    continue;
                }
                List<String> shortOnes = held.stream().filter(r -> r.f1() < DoseSweep.GOAL_F1)
                        .map(r -> fmt("dose %s seed %d (%.3f)", DoseRow.doseText(r.dose()), r.seed(), r.f1()))
                        .toList();
                double min = held.stream().mapToDouble(DoseRow::f1).min().orElseThrow();
                lines.add(shortOnes.isEmpty()
                        ? fmt("%s on %s: F1 >= 0.95 on every seed at dose >= 50: HOLDS (lowest %.3f).", method, material, min)
                        : fmt("%s on %s: F1 >= 0.95 on every seed at dose >= 50: FALLS SHORT on %s.", method, material,
                                String.join(", ", shortOnes)));
            }
        }
        return lines;
    }

    /** {@value #FIGURE}: one panel per material, mean (solid) and worst seed (dashed) per method, log dose. */
    static Path writeFigure(DoseSweep.Result result, Path dir) throws IOException {
        List<String> methods = result.rows().stream().map(DoseRow::method).distinct().toList();
        List<DoseSummary> summary = result.summary();
        double lowest = summary.stream().mapToDouble(DoseSummary::minF1).min().orElse(0);
        double floor = Math.min(0.8, Math.floor(lowest * 10) / 10);
        List<LineChart.Panel> panels = new ArrayList<>();
        for (Material m : result.settings().materials()) {
            List<LineChart.Series> series = new ArrayList<>();
            for (int k = 0; k < methods.size(); k++) {
                String method = methods.get(k);
                List<DoseSummary> rows = summary.stream()
                        .filter(r -> r.method().equals(method) && r.material().equals(m.id())).toList();
                double[] x = rows.stream().mapToDouble(DoseSummary::dose).toArray();
                Color c = NoiseFigures.METHOD_COLOURS[k % NoiseFigures.METHOD_COLOURS.length];
                series.add(new LineChart.Series(method + " mean", c, false, x,
                        rows.stream().mapToDouble(DoseSummary::meanF1).toArray()));
                series.add(new LineChart.Series(method + " worst seed", c, true, x,
                        rows.stream().mapToDouble(DoseSummary::minF1).toArray()));
            }
            panels.add(new LineChart.Panel(m.id(), "F1 (one-to-one)", series, floor,
                    List.of(new LineChart.Goal(DoseSweep.GOAL_F1, DoseSweep.GOAL_DOSE, "goal 0.95 from 50 e/px"))));
        }
        Path file = dir.resolve(FIGURE);
        DoseSweep.Settings s = result.settings();
        LineChart.write("Realistic HAADF, %d x %d px, %d seed%s: F1 against dose".formatted(s.size(), s.size(), s.seeds(),
                s.seeds() == 1 ? "" : "s"), "dose (electrons per pixel, log)", panels, true, file);
        return file;
    }

    /** An overlay of every frame (method, material, dose >= 50, seed) below the goal, the worst first. */
    static List<Path> writeShortfalls(DoseSweep.Result result, Path dir) throws IOException {
        List<DoseRow> shortOnes = result.rows().stream()
                .filter(r -> r.dose() >= DoseSweep.GOAL_DOSE && r.f1() < DoseSweep.GOAL_F1)
                .sorted(java.util.Comparator.comparingDouble(DoseRow::f1)).limit(MAX_OVERLAYS).toList();
        List<Path> files = new ArrayList<>();
        for (DoseRow r : shortOnes) {
            RealisticFrame rf = DoseSweep.frame(Material.parse(r.material()), result.settings().size(), r.dose(), r.seed());
            Path file = dir.resolve("dose_short_%s_%s_%s_%d.png".formatted(r.method().replace("*", "star"), r.material(),
                    DoseRow.doseText(r.dose()), r.seed()));
            NoiseFigures.marked(rf.frame(), DoseSweep.truth(rf), result.found(r), DoseSweep.radius(rf))
                    .zoom(result.settings().size() <= 160 ? 2 : 1).write(file);
            files.add(file);
        }
        return files;
    }

    static ObjectNode json(DoseSweep.Result result) {
        ObjectNode root = MAPPER.createObjectNode();
        DoseSweep.Settings s = result.settings();
        ObjectNode settings = root.putObject("settings");
        settings.put("size", s.size());
        settings.put("seeds", s.seeds());
        settings.put("first_seed", s.seed());
        ArrayNode doses = settings.putArray("doses");
        for (double d : s.doses()) {
            doses.add(d);
        }
        ArrayNode materials = settings.putArray("materials");
        s.materials().forEach(m -> materials.add(m.id()));
        root.put("goal", "F1 >= %.2f on every seed at dose >= %s".formatted(DoseSweep.GOAL_F1,
                DoseRow.doseText(DoseSweep.GOAL_DOSE)));
        ArrayNode verdict = root.putArray("verdict");
        verdict(result).forEach(verdict::add);
        ArrayNode summary = root.putArray("summary");
        for (DoseSummary d : result.summary()) {
            ObjectNode o = summary.addObject();
            o.put("method", d.method());
            o.put("material", d.material());
            o.put("dose", d.dose());
            o.put("seeds", d.seeds());
            o.put("mean_f1", round(d.meanF1()));
            o.put("min_f1", round(d.minF1()));
            o.put("min_seed", d.minSeed());
        }
        ArrayNode rows = root.putArray("rows");
        for (DoseRow r : result.rows()) {
            ObjectNode o = rows.addObject();
            o.put("method", r.method());
            o.put("material", r.material());
            o.put("dose", r.dose());
            o.put("seed", r.seed());
            o.put("tp", r.tp());
            o.put("fp", r.fp());
            o.put("fn", r.fn());
            o.put("precision", round(r.precision()));
            o.put("recall", round(r.recall()));
            o.put("f1", round(r.f1()));
            o.put("truth_atoms", r.truthAtoms());
            o.put("found_atoms", r.foundAtoms());
            o.put("ms", Math.round(r.ms()));
        }
        return root;
    }

    private static double round(double v) {
        return Math.round(v * 1e4) / 1e4;
    }

    private static String fmt(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }
}
