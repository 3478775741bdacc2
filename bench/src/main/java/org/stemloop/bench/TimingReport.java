package org.stemloop.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Writes {@code timing.csv}, {@code timing.md} and the timing section of the report. */
public final class TimingReport {

    private TimingReport() {
    }

    public static void addTo(HtmlReport html, List<TimingBench.Row> rows, Path dir, String machine) throws IOException {
        Files.createDirectories(dir);
        List<String> csv = new ArrayList<>();
        csv.add(TimingBench.Row.CSV_HEADER);
        rows.forEach(r -> csv.add(r.csv()));
        Files.write(dir.resolve("timing.csv"), csv);
        List<String> header = List.of("size", "step", "stemloop median ms", "paper ms", "faster than the paper", "paper's figure");
        List<List<String>> table = rows.stream().map(r -> List.of(r.size() + " x " + r.size(), r.step(),
                String.format(Locale.ROOT, "%.1f", r.timing().medianMs()),
                Double.isNaN(r.paperMs()) ? "" : String.format(Locale.ROOT, "%.1f", r.paperMs()),
                Double.isNaN(r.paperMs()) ? "" : String.format(Locale.ROOT, "%.0fx", r.speedUp()), r.paperNote())).toList();
        Files.writeString(dir.resolve("timing.md"), NoiseReport.markdown(header, table));
        html.section("Timing").paragraph(("Simulated graphene (noise 0.2), medians of in-process runs after a warm-up run."
                + " The paper's figures are its own hardware's (CPU for LoG*, a V100 GPU for the network). %s")
                .formatted(machine)).table(header, table);
    }
}
