package org.stemloop.bench.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.stemloop.bench.ClassBench;
import org.stemloop.bench.HtmlReport;
import org.stemloop.cluster.ClassPictures;
import org.stemloop.cluster.ClassSettings;

/** The clustering section of {@code bench report}: atom classes on doped graphene with holes, scored. */
final class BenchClasses {

    private BenchClasses() {
    }

    /**
     * Runs the frames ({@code --quick}: one 256² frame at noise 0.3; otherwise 512² at noise 0.1,
     * 0.3 and 0.5, seed 701 as in docs/cluster.md) with progress on {@code err}, writes
     * {@code classes.csv} and each frame's pictures into {@code out} and the section into {@code html}.
     */
    static List<ClassBench.Case> run(boolean quick, HtmlReport html, Path out, PrintWriter err) throws IOException {
        int size = quick ? 256 : 512;
        double[] noises = quick ? new double[] {0.3} : new double[] {0.1, 0.3, 0.5};
        List<ClassBench.Case> cases = new ArrayList<>();
        List<String> csv = new ArrayList<>(List.of(ClassBench.Row.CSV_HEADER));
        html.section("Atom classes (Figure 5)");
        html.paragraph("Graphene with 3% Si dopants and 3 holes of 6 Å: LoG*'s recommended atoms, a patch around each, "
                + "PCA (2 components), a Gaussian mixture with k = 2-4 chosen by BIC; no label enters. Then each "
                + "detection is matched one-to-one to a true atom (radius d/3) and the classes of the matched atoms are "
                + "scored against the true species: purity (share of atoms whose class's majority species is their "
                + "own), and for Si the recall and precision of the Si-majority classes (purity alone flatters a rare "
                + "label). Unmatched detections (noise blobs in the holes) are classified but not scored.");
        List<List<String>> table = new ArrayList<>();
        for (int i = 0; i < noises.length; i++) {
            ClassBench.Case c = ClassBench.run(size, noises[i], 701, ClassSettings.AUTO);
            ClassBench.Row r = c.row();
            err.printf(Locale.ROOT, "[classes %d/%d] graphene %d² noise %.1f: k %d, purity %.3f, Si recall %.3f%n", i + 1,
                    noises.length, size, r.noise(), r.classes(), r.purity(), r.siRecall());
            err.flush();
            cases.add(c);
            csv.add(r.csv());
            table.add(List.of(String.format(Locale.ROOT, "%.1f", r.noise()), String.valueOf(r.classes()),
                    String.valueOf(r.detections()), String.valueOf(r.matched()),
                    String.format(Locale.ROOT, "%.3f", r.purity()), String.format(Locale.ROOT, "%.3f", r.siRecall()),
                    String.format(Locale.ROOT, "%.3f", r.siPrecision()), String.valueOf(r.ms())));
        }
        html.table(List.of("noise", "classes (BIC)", "detections", "matched", "species purity", "Si recall",
                "Si precision", "classify ms"), table);
        for (ClassBench.Case c : cases) {
            String prefix = String.format(Locale.ROOT, "classes_n%.1f", c.row().noise());
            ClassPictures.writeAll(c.classes(), out, prefix,
                    String.format(Locale.ROOT, "Atom classes: graphene %d², noise %.1f", size, c.row().noise()));
            html.figure(out.resolve(prefix + "_scatter.png"),
                    String.format(Locale.ROOT, "noise %.1f: PCA scores coloured by class", c.row().noise()));
            html.figure(out.resolve(prefix + "_centroids.png"),
                    String.format(Locale.ROOT, "noise %.1f: centroid (mean patch) per class", c.row().noise()));
        }
        Files.write(out.resolve("classes.csv"), csv);
        return cases;
    }
}
