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
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.stemloop.bench.SkimagePresence;
import org.stemloop.cli.CliRun;

class BenchBlobsCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    @Tag("integration")
    void runsEndToEndAgainstScikitImageWithEveryBlobIdentical() throws IOException {
        SkimagePresence.require();
        CliRun run = CliRun.of("bench", "blobs", "--quick", "--sizes", "128",
                "--repeat", "2", "--verify", "3", "--python", SkimagePresence.PYTHON.toString(), "--out", dir.toString());

        assertThat(run.code()).as(run.err()).isEqualTo(0);
        assertThat(run.err()).contains("[1/2] 128x128 sigma 1-6: java", "[2/2] 128x128 sigma 2-6", "skimage",
                "equality sweep: 3/3 identical");
        assertThat(run.out()).contains("128x128", "sigma 2-6", "benchmark frames 2/2 identical",
                "unseen frames and parameters (seed 1) 3/3 identical");

        List<String> csv = Files.readAllLines(dir.resolve("bench_blobs.csv"));
        assertThat(csv).hasSize(5);
        assertThat(csv.get(0)).isEqualTo("size,params,impl,runs,min_ms,median_ms,p90_ms,blobs,threads");
        assertThat(csv.subList(1, 5)).extracting(l -> l.split(",")[2])
                .containsExactly("java", "skimage-0.19.3", "java", "skimage-0.19.3");
        assertThat(csv.subList(1, 5)).allSatisfy(l -> assertThat(l.split(",")).hasSize(9)
                .satisfies(f -> assertThat(f[3]).isEqualTo("2")));

        JsonNode json = JSON.readTree(dir.resolve("bench_blobs.json").toFile());
        assertThat(json.get("all_identical").asBoolean()).isTrue();
        assertThat(json.get("skimage").asText()).isEqualTo("0.19.3");
        assertThat(json.get("speed")).hasSize(2).allSatisfy(c -> {
            assertThat(c.at("/equality/identical").asBoolean()).isTrue();
            assertThat(c.at("/java/blobs").asInt()).isPositive().isEqualTo(c.at("/skimage/blobs").asInt());
            assertThat(c.get("speedup_median").asDouble()).isPositive();
            assertThat(c.get("truth_atoms").asInt()).isBetween(90, 130); // ~1,800 per 512 x 512, 1/16 of it
        });
        assertThat(json.at("/verify/cases").asInt()).isEqualTo(3);
        assertThat(json.at("/verify/identical").asInt()).isEqualTo(3);
        assertThat(json.at("/verify/results")).allSatisfy(r -> assertThat(r.at("/equality/identical").asBoolean()).isTrue());

        assertThat(Files.readString(dir.resolve("bench_blobs.md"))).contains("| frame | params |", "| 128x128 | sigma 1-6",
                "scikit-image 0.19.3", "3/3 identical");
        BufferedImage chart = ImageIO.read(dir.resolve("bench_blobs.png").toFile());
        assertThat(chart.getWidth()).isEqualTo(1000);
        assertThat(ImageIO.read(dir.resolve("bench_blobs_overlay_128.png").toFile()).getWidth()).isEqualTo(256);
        assertThat(dir.resolve("frame_128.npy")).isRegularFile();
        assertThat(dir.resolve("verify").resolve("verify_002.npy")).isRegularFile();
    }

    @Test
    void withoutPythonGivesJavaNumbersAndSaysSo() throws IOException {
        CliRun run = CliRun.of("bench", "blobs", "--no-python", "--sizes", "64,80",
                "--repeat", "1", "--out", dir.toString());

        assertThat(run.code()).as(run.err()).isEqualTo(0);
        assertThat(run.err()).contains("scikit-image was not available (--no-python given)");
        List<String> csv = Files.readAllLines(dir.resolve("bench_blobs.csv"));
        assertThat(csv).hasSize(5);
        assertThat(csv.subList(1, 5)).allSatisfy(l -> assertThat(l).contains(",java,"));
        JsonNode json = JSON.readTree(dir.resolve("bench_blobs.json").toFile());
        assertThat(json.get("skimage").isNull()).isTrue();
        assertThat(json.get("skimage_note").asText()).isEqualTo("--no-python given");
        assertThat(json.get("all_identical").asBoolean()).isFalse();
        assertThat(json.at("/verify/cases").asInt()).isZero();
        assertThat(Files.readString(dir.resolve("bench_blobs.md"))).contains("n/a", "scikit-image was not available");
        assertThat(dir.resolve("bench_blobs.png")).isRegularFile();
        assertThat(dir.resolve("bench_blobs_overlay_80.png")).isRegularFile();
    }

    @Test
    void aMissingInterpreterIsNotAnError() {
        CliRun run = CliRun.of("bench", "blobs", "--sizes", "64", "--repeat", "1",
                "--python", dir.resolve("nowhere/python3").toString(), "--out", dir.toString());
        assertThat(run.code()).as(run.err()).isEqualTo(0);
        assertThat(run.err()).contains("scikit-image not available: no Python interpreter at");
    }

    @Nested
    class BadArguments {
        @Test
        void benchWithoutABenchmarkNamesTheChoices() {
            CliRun run = CliRun.of("bench");
            assertThat(run.code()).isEqualTo(2);
            // one line, every benchmark named (the list grows with the issues)
            assertThat(run.err().strip()).matches("stemloop bench: name a benchmark: blobs, front(, [a-z]+)* \\(see stemloop bench --help\\)")
                    .contains("noise", "unet", "window", "latency");
        }

        @ParameterizedTest
        @ValueSource(strings = {"--repeat=0", "--verify=-1", "--sizes=8", "--sizes=64,x", "--timeout=0"})
        void areRefusedWithExitCode2(String option) {
            CliRun run = CliRun.of("bench", "blobs", option, "--no-python",
                    "--out", dir.toString());
            assertThat(run.code()).isEqualTo(2);
            assertThat(run.err().lines()).hasSize(1);
            assertThat(run.err()).startsWith("stemloop blobs: ");
        }

        @Test
        void theOutputFolderIsRequired() {
            CliRun run = CliRun.of("bench", "blobs", "--quick");
            assertThat(run.code()).isEqualTo(2);
            assertThat(run.err()).contains("--out");
        }
    }
}
