package org.stemloop.bench.cli;

import static org.assertj.core.api.Assertions.assertThat;

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
}
