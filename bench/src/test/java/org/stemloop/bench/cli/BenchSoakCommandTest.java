package org.stemloop.bench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stemloop.bench.SoakSample;
import org.stemloop.cli.CliRun;

/** {@code bench soak}: a seconds-long smoke run through the embedded broker (the real soak runs by hand). */
class BenchSoakCommandTest {

    @TempDir
    Path dir;

    @Test
    @Tag("integration")
    void samplesMemoryAndLatencyAndWritesTheReport() throws Exception {
        var run = CliRun.of("bench", "soak", "--minutes", "0.05", "--rate", "5", "--size", "64",
                "--interval", "1", "--out", dir.toString());

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.err()).contains("bench soak:", "RSS", "load");
        assertThat(run.out()).contains("0.05 min of 64 x 64 graphene at 5.0 frames/s", "| p50 ms |", "heap after GC");
        List<String> csv = Files.readAllLines(dir.resolve("soak.csv"));
        assertThat(csv.get(0)).isEqualTo(SoakSample.CSV_HEADER);
        // one sample a second for 3 s, and one after the backlog drained
        assertThat(csv).hasSizeBetween(4, 6);
        String[] last = csv.get(csv.size() - 1).split(",", -1);
        assertThat(Long.parseLong(last[1])).as("frames sent").isGreaterThanOrEqualTo(10);
        assertThat(last[2]).as("every frame answered").isEqualTo(last[1]);
        assertThat(Double.parseDouble(last[6])).as("RSS MiB").isGreaterThan(50);
        assertThat(Files.readString(dir.resolve("soak.md"))).contains("| resident set (RSS) |");
        assertThat(Files.size(dir.resolve("soak.png"))).isGreaterThan(1000);
    }

    @Test
    void aBadRateOrDurationIsNamed() {
        var rate = CliRun.of("bench", "soak", "--minutes", "1", "--rate", "0", "--out", dir.toString());
        assertThat(rate.code()).isEqualTo(2);
        assertThat(rate.err()).contains("--rate must be in [0.1, 100]");
        var minutes = CliRun.of("bench", "soak", "--minutes", "0", "--out", dir.toString());
        assertThat(minutes.code()).isEqualTo(2);
        assertThat(minutes.err()).contains("--minutes must be in [0.05, 1440]");
    }
}
