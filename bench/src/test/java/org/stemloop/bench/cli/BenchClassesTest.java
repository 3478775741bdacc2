package org.stemloop.bench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stemloop.bench.HtmlReport;

/** The clustering section of {@code bench report} (its --quick form: one 256² frame). */
class BenchClassesTest {

    @TempDir
    Path dir;

    @Test
    void classesOfDopedGrapheneAreScoredAgainstTheSimulatorsSpecies() throws IOException {
        StringWriter err = new StringWriter();
        HtmlReport html = new HtmlReport("test");

        BenchClasses.run(true, html, dir, new PrintWriter(err, true));
        html.write(dir, "report.html");

        List<String> csv = Files.readAllLines(dir.resolve("classes.csv"));
        assertThat(csv.get(0)).isEqualTo("size,noise,seed,classes,detections,matched,purity,si_recall,si_precision,ms");
        assertThat(csv).hasSize(2);
        String[] f = csv.get(1).split(",");
        assertThat(Integer.parseInt(f[3])).as("k by BIC").isBetween(2, 4);
        assertThat(Integer.parseInt(f[5])).as("matched").isLessThanOrEqualTo(Integer.parseInt(f[4])).isGreaterThan(200);
        // every Si dopant is bright enough to get a class of its own at noise 0.3 (docs/cluster.md)
        assertThat(Double.parseDouble(f[6])).as("species purity").isGreaterThan(0.98);
        assertThat(Double.parseDouble(f[7])).as("Si recall").isGreaterThan(0.9);
        assertThat(Double.parseDouble(f[8])).as("Si precision").isGreaterThan(0.8);
        assertThat(ImageIO.read(dir.resolve("classes_n0.3_scatter.png").toFile())).isNotNull();
        assertThat(ImageIO.read(dir.resolve("classes_n0.3_centroids.png").toFile())).isNotNull();
        assertThat(err.toString()).contains("[classes 1/1] graphene 256² noise 0.3: k ");
        assertThat(Files.readString(dir.resolve("report.html"))).contains("<h2>Atom classes (Figure 5)</h2>",
                "classes_n0.3_scatter.png", "Si recall");
    }
}
