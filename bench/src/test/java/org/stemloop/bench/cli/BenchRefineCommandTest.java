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

/** {@code bench refine}: every method scored against the truth and timed, with its figure. */
class BenchRefineCommandTest {

    @TempDir
    Path dir;

    @Test
    void scoresEachMethodAgainstTheTruthAndTheBound() throws IOException {
        CliRun run = CliRun.of("bench", "refine", "--materials", "srtio3", "--noise", "0,0.2", "--size", "192", "--frames", "1",
                "--runs", "1", "--out", dir.toString());

        assertThat(run.code()).as(run.err()).isEqualTo(0);
        assertThat(run.err()).contains("[refine 1/2] srtio3 noise 0.00", "[refine 2/2] srtio3 noise 0.20", "gauss");
        List<String> rows = Files.readAllLines(dir.resolve("refine_accuracy.csv"));
        assertThat(rows.get(0)).isEqualTo("material,noise,method,species,atoms,rms_px,rms_pm,crb_px,crb_pm,recall");
        assertThat(rows).anySatisfy(r -> assertThat(r).startsWith("srtio3,0.20,gauss,Ti-O,"));
        for (String r : rows.subList(1, rows.size())) {
            String[] f = r.split(",", -1);
            double rms = Double.parseDouble(f[5]);
            if (f[1].equals("0.00") && !f[2].equals("none")) {
                assertThat(rms).as("noiseless %s: %s", f[2], r).isLessThan(0.05);
            }
            if (f[1].equals("0.20") && f[2].equals("gauss") && !f[3].equals("all")) {
                assertThat(rms).as("within 25%% of the bound: %s", r).isLessThan(1.25 * Double.parseDouble(f[7]));
            }
        }
        List<String> speed = Files.readAllLines(dir.resolve("refine_speed.csv"));
        assertThat(speed).hasSize(3);
        assertThat(Double.parseDouble(speed.get(1).split(",")[4])).as("median ms of " + speed.get(1)).isPositive();
        assertThat(ImageIO.read(dir.resolve("refine_rms.png").toFile())).isNotNull();
        assertThat(Files.readString(dir.resolve("refine.md"))).contains("| srtio3 | 0.2 | Ti-O |");
    }
}
