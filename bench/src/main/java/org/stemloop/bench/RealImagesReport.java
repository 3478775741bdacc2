package org.stemloop.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Writes {@code real_images.csv} and the real-image section of the report. */
public final class RealImagesReport {

    private RealImagesReport() {
    }

    public static void addTo(HtmlReport html, List<RealImagesBench.Result> results, List<String> skipped, Path dir,
            String how) throws IOException {
        Files.createDirectories(dir);
        List<String> csv = new ArrayList<>();
        csv.add(RealImagesBench.Result.CSV_HEADER);
        results.forEach(r -> csv.add(r.csv()));
        Files.write(dir.resolve("real_images.csv"), csv);
        html.section("Real images").paragraph(("LoG* without labels on the real images: the lattice estimated from each"
                + " image's power spectrum, the recommended option of the Pareto front. The count is compared with what"
                + " the estimated lattice expects over the image's area (edges, holes and amorphous regions hold fewer"
                + " atoms). Where the original authors' AtomNet predictions are given, F1 is the one-to-one agreement with"
                + " them (not with a truth: there is none), within a third of the nearest-neighbour distance. %s")
                .formatted(how));
        List<String> header = List.of("image", "size", "lattice (FFT)", "expected", "found", "found/expected", "options",
                "LoG* ms", "AtomNet atoms", "F1 vs AtomNet");
        html.table(header, results.stream().map(r -> List.of(r.name() + (r.inverted() ? " (inverted)" : ""),
                r.height() + " x " + r.width(), r.lattice(), String.format(Locale.ROOT, "%.0f", r.expected()),
                Integer.toString(r.found()), String.format(Locale.ROOT, "%.2f", r.found() / r.expected()),
                Integer.toString(r.options()), String.format(Locale.ROOT, "%.0f", r.ms()),
                r.referenceAtoms() == 0 ? "" : Integer.toString(r.referenceAtoms()),
                Double.isNaN(r.referenceF1()) ? "" : String.format(Locale.ROOT, "%.3f", r.referenceF1()))).toList());
        for (String s : skipped) {
            html.paragraph("Skipped: " + s);
        }
        for (RealImagesBench.Result r : results) {
            html.figure(r.overlay(), r.name() + ": LoG* atoms (green)" + (r.referenceAtoms() > 0 ? ", AtomNet (yellow +)" : ""));
            html.figure(r.pareto(), r.name() + ": the Pareto front");
        }
    }
}
