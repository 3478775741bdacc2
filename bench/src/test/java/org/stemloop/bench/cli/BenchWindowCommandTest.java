package org.stemloop.bench.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stemloop.cli.CliRun;

class BenchWindowCommandTest {

    @TempDir
    Path dir;

    @Test
    void comparesWholeFrameConsensusAndPerWindowAndDrawsFigureThree() throws IOException {
        CliRun r = CliRun.of("bench", "window", "--sizes", "160", "--window", "128",
                "--noise", "0.2", "--out", dir.toString());
        assertThat(r.code()).as(r.err()).isEqualTo(0);
        List<String> lines = Files.readAllLines(dir.resolve("window_bench.csv"));
        assertThat(lines.get(0)).isEqualTo("size,material,noise,seed,method,window,windows,ms,atoms,qc,er,precision,recall,f1");
        assertThat(lines).hasSize(7);
        assertThat(lines.subList(1, 7)).extracting(l -> l.split(",")[4])
                .containsExactly("whole", "consensus", "per-window", "whole", "consensus", "per-window");
        for (String l : lines.subList(1, 7)) {
            String[] f = l.split(",");
            assertThat(f[6]).isEqualTo(f[4].equals("whole") ? "1" : "4");
            assertThat(Double.parseDouble(f[13])).as(l).isGreaterThan(0.85);
        }
        assertThat(r.out()).contains("per-window");
        assertThat(r.err()).contains("[window 1/2] graphene 160² noise 0.20: 4 windows", "[window 2/2] srtio3");
        drawsThePapersFigureThreeWithConsistencyAndTpPerWindow(lines);
    }

    /** One run serves both checks: the searches are the slow part. */
    private void drawsThePapersFigureThreeWithConsistencyAndTpPerWindow(List<String> bench) throws IOException {
                List<String> maps = Files.readAllLines(dir.resolve("window_maps.csv"));
        assertThat(maps.get(0)).startsWith("size,material,noise,seed,grid_row,grid_col").endsWith("tp,fp,fn,precision,recall,f1");
        assertThat(maps).hasSize(1 + 2 * 4);
        for (int k = 0; k < 2; k++) {
            // the windows' counts add up to the per-window method's scores on the whole frame
            int tp = 0;
            int fp = 0;
            int fn = 0;
            for (String l : maps.subList(1 + 4 * k, 5 + 4 * k)) {
                String[] f = l.split(",");
                assertThat(Double.parseDouble(f[12])).as("threshold").isBetween(0.005, 0.5);
                tp += Integer.parseInt(f[14]);
                fp += Integer.parseInt(f[15]);
                fn += Integer.parseInt(f[16]);
            }
            String[] perWindow = bench.get(3 + 3 * k).split(",");
            assertThat(perWindow[4]).isEqualTo("per-window");
            assertThat(tp + fp).as("per-window atoms").isEqualTo(Integer.parseInt(perWindow[8]));
            assertThat(2.0 * tp / (2.0 * tp + fp + fn)).isCloseTo(Double.parseDouble(perWindow[13]), within(1e-4));
        }
        List<String> cons = Files.readAllLines(dir.resolve("window_consistency.csv"));
        assertThat(cons).hasSize(1 + 2 * 4);
        assertThat(cons.subList(1, 5)).extracting(l -> l.split(",")[4])
                .containsExactly("min_sigma", "max_sigma", "threshold", "overlap");
        assertThat(cons.subList(1, cons.size())).allSatisfy(l -> assertThat(Double.parseDouble(l.split(",")[7])).isNotNegative());
        for (String p : List.of("min_sigma", "max_sigma", "threshold", "overlap", "tp")) {
            Path png = dir.resolve("window_graphene_160_n0.20_s2162_" + p + ".png");
            BufferedImage image = ImageIO.read(png.toFile());
            assertThat(image).as(png.toString()).isNotNull();
            assertThat(image.getWidth()).isGreaterThan(500);
        }
        assertThat(Files.readString(dir.resolve("report.html"))).contains("<h2>Sliding windows (Figure 3)</h2>",
                "window_srtio3_160_n0.20_s2162_tp.png", "neighbour |diff|");
    }
}
