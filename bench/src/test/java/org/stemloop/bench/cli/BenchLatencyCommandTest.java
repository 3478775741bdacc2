package org.stemloop.bench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stemloop.bench.LatencyStats;
import org.stemloop.cli.CliRun;

/** {@code bench latency}: a small real run through the embedded broker, and its statistics. */
class BenchLatencyCommandTest {

    @TempDir
    Path dir;

    @Test
    @Tag("integration")
    void timesEveryFrameFromPublishToDetectionsAndWritesTheReport() throws Exception {
        var run = CliRun.of("bench", "latency", "--frames", "6", "--warmup", "2", "--size", "64",
                "--rate", "10", "--out", dir.toString());

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).contains("6 of 6 frames of 64 x 64 graphene", "p50", "p99", "load average");
        assertThat(run.err()).contains("2 warm-up frames answered");
        List<String> csv = Files.readAllLines(dir.resolve("latency.csv"));
        assertThat(csv).hasSize(7).first().isEqualTo("frame_id,latency_ms,agent_ms");
        assertThat(csv.get(1)).startsWith("lat-000002,");
        JsonNode json = new ObjectMapper().readTree(dir.resolve("latency.json").toFile());
        assertThat(json.get("frames").asInt()).isEqualTo(6);
        assertThat(json.get("p50_ms").asDouble()).isPositive().isLessThanOrEqualTo(json.get("p99_ms").asDouble());
        assertThat(Files.readString(dir.resolve("latency.md"))).contains("| frames | lost | p50 ms");
        assertThat(Files.size(dir.resolve("latency.png"))).isGreaterThan(1000);
    }

    @Test
    void percentilesAreNearestRank() {
        double[] ms = new double[100];
        for (int i = 0; i < 100; i++) {
            ms[i] = 100 - i;
        }
        LatencyStats s = LatencyStats.of(ms, 3, 50_000);
        assertThat(s.p50Ms()).isEqualTo(50);
        assertThat(s.p99Ms()).isEqualTo(99);
        assertThat(s.maxMs()).isEqualTo(100);
        assertThat(s.framesPerSecond()).isEqualTo(2.0);
        assertThat(s.lost()).isEqualTo(3);
    }

    @Test
    void aBadRateIsNamed() {
        var run = CliRun.of("bench", "latency", "--rate", "0", "--out", dir.toString());
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("--rate must be in [0.1, 100]");
    }
}
