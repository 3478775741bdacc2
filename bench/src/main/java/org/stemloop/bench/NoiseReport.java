package org.stemloop.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.stemloop.reward.Material;

/**
 * Writes a noise sweep's files: {@code noise_sweep.csv}, {@code noise_sweep.md}, the figures and
 * {@code report.html}.
 */
public final class NoiseReport {

    /** The network's method name in the sweep. */
    public static final String NETWORK = "unet";

    private NoiseReport() {
    }

    /** Writes everything into {@code dir} (created if missing), {@code report.html} with only this sweep. */
    public static Path write(NoiseSweep.Result result, Path dir, String machine) throws IOException {
        HtmlReport html = new HtmlReport("stemloop: the paper's benchmarks");
        addTo(html, result, dir, machine);
        return html.write(dir, "report.html");
    }

    /** Writes the sweep's files into {@code dir} (created if missing) and its section into {@code html}. */
    public static void addTo(HtmlReport html, NoiseSweep.Result result, Path dir, String machine) throws IOException {
        Files.createDirectories(dir);
        List<String> csv = new ArrayList<>();
        csv.add(NoiseRow.CSV_HEADER);
        result.rows().forEach(r -> csv.add(r.csv()));
        Files.write(dir.resolve("noise_sweep.csv"), csv);
        List<String> header = List.of("method", "material", "noise", "TP", "FP", "FN", "precision", "recall", "F1",
                "ms/frame");
        List<List<String>> table = result.rows().stream().map(r -> List.of(r.method(), r.material(),
                fmt("%.1f", r.noise()), Integer.toString(r.tp()), Integer.toString(r.fp()), Integer.toString(r.fn()),
                fmt("%.3f", r.precision()), fmt("%.3f", r.recall()), fmt("%.3f", r.f1()), fmt("%.0f", r.msPerFrame())))
                .toList();
        Files.writeString(dir.resolve("noise_sweep.md"), markdown(header, table));
        NoiseSweep.Settings s = result.settings();
        html.section("Noise sweep").paragraph(("%d frame(s) per material and noise level, %d x %d px, seeds %d..%d (the same"
                + " atoms at every level); graphene with Si dopants, vacancies, a hole and an amorphous patch. TP/FP/FN as"
                + " the paper counts them, precision/recall/F1 from a one-to-one matching, both within a third of the"
                + " nearest-neighbour distance. log* is the unsupervised recommendation (the knee of the Pareto front). %s")
                .formatted(s.frames(), s.size(), s.size(), s.seed(), s.seed() + s.frames() - 1, machine));
        for (Material m : s.materials()) {
            html.paragraph(NoiseVerdict.say(result.rows(), m.id(), NETWORK));
        }
        for (Material m : s.materials()) {
            html.figure(NoiseFigures.writeCurves(result, m.id(), dir), m.id() + ": TP, FP, FN per frame and F1 against noise");
            html.figure(NoiseFigures.writeExamples(result, m, dir), m.id() + ": detections at increasing noise");
        }
        html.table(header, table);
    }

    static String markdown(List<String> header, List<List<String>> rows) {
        StringBuilder b = new StringBuilder("| ").append(String.join(" | ", header)).append(" |\n|");
        header.forEach(h -> b.append("---|"));
        b.append('\n');
        rows.forEach(r -> b.append("| ").append(String.join(" | ", r)).append(" |\n"));
        return b.toString();
    }

    private static String fmt(String pattern, double v) {
        return String.format(Locale.ROOT, pattern, v);
    }
}
