package org.stemloop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchNoiseCommandTest {

    @TempDir
    Path dir;

    @Test
    void writesTheSweepTableFiguresAndReport() throws IOException {
        EvaluateCommandTest.Run run = EvaluateCommandTest.run("bench", "noise", "--size", "96", "--frames", "1",
                "--noise", "0.0,0.5", "--materials", "srtio3", "--out", dir.toString());

        assertThat(run.code()).as(run.err()).isEqualTo(0);
        assertThat(run.err()).contains("[noise 1/2] log* srtio3 noise 0.0: F1", "[noise 2/2] log* srtio3 noise 0.5");
        List<String> csv = Files.readAllLines(dir.resolve("noise_sweep.csv"));
        assertThat(csv.get(0)).startsWith("method,material,noise,tp,fp,fn,precision,recall,f1");
        assertThat(csv).hasSize(3);
        assertThat(csv.get(1)).startsWith("log*,srtio3,0.0,");
        assertThat(csv.get(2)).startsWith("log*,srtio3,0.5,");
        for (String figure : List.of("noise_curves_srtio3.png", "noise_examples_srtio3.png")) {
            assertThat(ImageIO.read(dir.resolve(figure).toFile())).as(figure).isNotNull();
        }
        String html = Files.readString(dir.resolve("report.html"));
        assertThat(html).contains("<img src=\"noise_curves_srtio3.png\"", "<img src=\"noise_examples_srtio3.png\"",
                "srtio3: no comparison", "<td>log*</td><td>srtio3</td><td>0.5</td>");
        assertThat(run.out()).contains("log*      srtio3    0.5", "wrote ");
    }

    @Test
    void anUnknownMethodIsNamed() {
        EvaluateCommandTest.Run run = EvaluateCommandTest.run("bench", "noise", "--methods", "magic", "--out",
                dir.toString());
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("unknown method 'magic'");
    }

    @Test
    void aNoiseLevelOutsideZeroToOneIsRefused() {
        EvaluateCommandTest.Run run = EvaluateCommandTest.run("bench", "noise", "--noise", "1.5", "--out", dir.toString());
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("noise levels must lie in [0, 1]: 1.5");
    }
}
