package org.stemloop.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes {@code real_images.csv}, {@code real_images.md} (one table: every image, every method,
 * against its reference), the contact sheet {@code real_images_sheet.png} of the overlays, and the
 * report's "Real images" section.
 */
public final class RealImagesReport {

    static final String SHEET = "real_images_sheet.png";

    private RealImagesReport() {
    }

    public static void addTo(HtmlReport html, List<RealImagesBench.Analysed> images, List<String> skipped, Path dir, String how)
            throws IOException {
        Files.createDirectories(dir);
        List<RealImagesBench.Result> results = images.stream().flatMap(a -> a.results().stream()).toList();
        List<String> csv = new ArrayList<>();
        csv.add(RealImagesBench.Result.CSV_HEADER);
        results.forEach(r -> csv.add(r.csv()));
        Files.write(dir.resolve("real_images.csv"), csv);
        Files.writeString(dir.resolve("real_images.md"), markdown(results, skipped, how));
        Path sheet = dir.resolve(SHEET);
        ContactSheet.write("Real images: LoG* (red), U-Net (cyan), AtomNet (yellow), masked (blue)", images.stream()
                .map(a -> new ContactSheet.Tile(a.overlay(), a.image().name(), caption(a.results()))).toList(), 4, sheet);
        html.section("Real images").paragraph(("The shipped detectors on every real image that holds atoms, as `analyze`"
                + " runs them: contrast detected (annular bright field inverted), the crystal mask from local periodicity, LoG*"
                + " with the lattice of the material at the pixel size and with the lattice from the image's FFT, refined to"
                + " sub-pixel positions, and the shipped U-Net where one applies. The reference: the original authors' AtomNet"
                + " positions where given (F1 one-to-one within a third of the bond; AtomNet is not the truth), else the lattice's"
                + " atom count over the crystalline area (found / expected; edges, defects and a lattice that does not match the"
                + " projection move it). %s").formatted(how));
        html.table(List.of("image", "format", "size", "contrast", "method", "lattice", "masked", "expected", "found",
                "found/expected", "F1 vs AtomNet", "ms"), results.stream().map(RealImagesReport::row).toList());
        for (String s : skipped) {
            html.paragraph("Skipped: " + s);
        }
        html.figure(sheet, "All images: the headline LoG* (material lattice where known, else FFT) in red, the U-Net in cyan,"
                + " AtomNet in yellow, the masked cells tinted blue");
        for (RealImagesBench.Analysed a : images) {
            html.figure(a.overlay(), a.image().name() + ": " + a.image().entry().note());
        }
    }

    private static List<String> row(RealImagesBench.Result r) {
        return List.of(r.name(), r.format(), r.height() + " x " + r.width(), r.contrast(), r.method(),
                r.ran() ? r.lattice() : "not run: " + r.error(), r.ran() ? pct(r.maskedFraction()) : "",
                r.ran() ? fmt(r.expected(), 0) : "", r.ran() ? Integer.toString(r.found()) : "", r.ran() ? fmt(r.ratio(), 2) : "",
                Double.isNaN(r.referenceF1()) ? "" : fmt(r.referenceF1(), 3), r.ran() ? fmt(r.ms(), 0) : "");
    }

    static String markdown(List<RealImagesBench.Result> results, List<String> skipped, String how) {
        StringBuilder b = new StringBuilder(how).append("\n\n");
        b.append("| image | format | size | contrast | method | lattice | masked | expected | found | found/expected | F1 vs AtomNet | ms |\n");
        b.append("|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (RealImagesBench.Result r : results) {
            b.append("| ").append(String.join(" | ", row(r).stream().map(s -> s.replace("|", "/")).toList())).append(" |\n");
        }
        for (String s : skipped) {
            b.append("\nSkipped: ").append(s).append('\n');
        }
        return b.toString();
    }

    /** The tile's caption: the best agreement of each method that ran. */
    private static String caption(List<RealImagesBench.Result> results) {
        List<String> parts = new ArrayList<>();
        for (RealImagesBench.Result r : results) {
            if (r.ran()) {
                String m = r.method().replace("log* ", "");
                parts.add(Double.isNaN(r.referenceF1()) ? m + " " + fmt(r.ratio(), 2) : m + " F1 " + fmt(r.referenceF1(), 2));
            }
        }
        return String.join(", ", parts);
    }

    private static String pct(double f) {
        return String.format(Locale.ROOT, "%.0f%%", 100 * f);
    }

    private static String fmt(double v, int digits) {
        return String.format(Locale.ROOT, "%." + digits + "f", v);
    }
}
