package org.stemloop.bench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stemloop.cli.CliRun;

class BenchNoiseCommandTest {

    @TempDir
    Path dir;

    @Test
    void writesTheSweepTableFiguresAndReport() throws IOException {
        CliRun run = CliRun.of("bench", "noise", "--size", "96", "--frames", "1",
                "--noise", "0.0,0.5", "--materials", "srtio3", "--out", dir.toString());

        assertThat(run.code()).as(run.err()).isEqualTo(0);
        assertThat(run.err()).contains("[noise 1/4] log* srtio3 noise 0.0: F1", "[noise 4/4] unet srtio3 noise 0.5");
        List<String> csv = Files.readAllLines(dir.resolve("noise_sweep.csv"));
        assertThat(csv.get(0)).startsWith("method,material,noise,tp,fp,fn,precision,recall,f1");
        assertThat(csv).hasSize(5);
        assertThat(csv.subList(1, 5)).extracting(l -> l.substring(0, l.indexOf(",", l.indexOf(",", l.indexOf(",") + 1) + 1)))
                .containsExactly("log*,srtio3,0.0", "log*,srtio3,0.5", "unet,srtio3,0.0", "unet,srtio3,0.5");
        assertThat(Double.parseDouble(csv.get(3).split(",")[8])).as("the shipped U-Net on clean SrTiO3").isGreaterThan(0.9);
        for (String figure : List.of("noise_curves_srtio3.png", "noise_examples_srtio3.png")) {
            assertThat(ImageIO.read(dir.resolve(figure).toFile())).as(figure).isNotNull();
        }
        String html = Files.readString(dir.resolve("report.html"));
        assertThat(html).contains("<img src=\"noise_curves_srtio3.png\"", "<img src=\"noise_examples_srtio3.png\"",
                "srtio3: at noise &lt;= 0.2 the mean F1 is", "<td>unet</td><td>srtio3</td><td>0.5</td>");
        assertThat(run.out()).contains("log*      srtio3    0.5", "wrote ");
    }

    @Test
    void anUnknownMethodIsNamed() {
        CliRun run = CliRun.of("bench", "noise", "--methods", "magic", "--out",
                dir.toString());
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("unknown method 'magic'");
    }

    @Test
    void aNoiseLevelOutsideZeroToOneIsRefused() {
        CliRun run = CliRun.of("bench", "noise", "--noise", "1.5", "--out", dir.toString());
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("noise levels must lie in [0, 1]: 1.5");
    }

    @Test
    void realisticSweepsTheDoseWithATableAFigureAndF1RisingWithDose() throws IOException {
        CliRun run = CliRun.of("bench", "noise", "--realistic", "--doses", "0.3,500", "--seeds", "1", "--size", "128",
                "--materials", "graphene", "--out", dir.toString());

        assertThat(run.code()).as(run.err()).isEqualTo(0);
        assertThat(run.err()).contains("[dose 1/4] log* graphene dose 0.3 seed 2024: F1", "[dose 4/4] unet graphene dose 500 seed 2024");
        List<String> csv = Files.readAllLines(dir.resolve("dose_sweep.csv"));
        assertThat(csv.get(0)).startsWith("method,material,dose,seed,tp,fp,fn,precision,recall,f1");
        assertThat(csv.subList(1, csv.size())).extracting(l -> String.join(",", List.of(l.split(",")).subList(0, 4)))
                .containsExactly("log*,graphene,0.3,2024", "log*,graphene,500,2024", "unet,graphene,0.3,2024",
                        "unet,graphene,500,2024");
        for (int method = 0; method < 2; method++) {
            double low = Double.parseDouble(csv.get(1 + 2 * method).split(",")[9]);
            double high = Double.parseDouble(csv.get(2 + 2 * method).split(",")[9]);
            assertThat(high).as("F1 at 500 e/px against 0.3 e/px (graphene drowns in counting noise): " + csv.get(2 + 2 * method)).isGreaterThan(low + 0.05);
        }
        BufferedImage figure = ImageIO.read(dir.resolve("dose_f1.png").toFile());
        assertThat(figure).isNotNull();
        assertThat(figure.getWidth()).as("one panel per material").isLessThan(400);
        JsonNode json = new ObjectMapper().readTree(dir.resolve("dose_sweep.json").toFile());
        assertThat(json.get("summary")).hasSize(4);
        assertThat(json.get("verdict").get(0).asText()).startsWith("log* on graphene: F1 >= 0.95 on every seed at dose >= 50:");
        assertThat(Files.readString(dir.resolve("dose_sweep.md"))).contains("| unet | graphene | 500 | 1 |");
        assertThat(Files.readString(dir.resolve("report.html"))).contains("<img src=\"dose_f1.png\"",
                "Dose sweep on the realistic simulator");
        assertThat(run.out()).contains("log*      graphene  500", "wrote ");
    }

    @Test
    void realisticSweepsDosesNotNoiseLevels() {
        CliRun run = CliRun.of("bench", "noise", "--realistic", "--noise", "0.3", "--out", dir.toString());
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("--realistic sweeps --doses");
        CliRun zero = CliRun.of("bench", "noise", "--realistic", "--doses", "0", "--out", dir.toString());
        assertThat(zero.code()).isEqualTo(2);
        assertThat(zero.err()).contains("doses must be positive electrons per pixel: 0.0");
    }
}
