package org.stemloop.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stemloop.detect.LogBlobDetector;
import org.stemloop.detect.LogParams;
import org.stemloop.image.ImageReaders;

class SkimageBlobLogTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream log = new ByteArrayOutputStream();

    private SkimageBlobLog skimage(Path python) {
        return new SkimageBlobLog(python, Duration.ofSeconds(120), new PrintStream(log, true, StandardCharsets.UTF_8));
    }

    @Test
    void mapsParametersToBlobLogKeywords() {
        ObjectNode kw = SkimageBlobLog.kwargs(new LogParams(6, 2, 7, Double.NaN, 0.25, 0.3, true, 4));
        assertThat(kw.toString()).isEqualTo("{\"min_sigma\":6.0,\"max_sigma\":2.0,\"num_sigma\":7,\"threshold\":null,"
                + "\"threshold_rel\":0.25,\"overlap\":0.3,\"log_scale\":true,\"exclude_border\":4}");
        assertThat(SkimageBlobLog.kwargs(LogParams.of(1, 6, 10, 0.1, 0.5)).get("threshold_rel").isNull()).isTrue();
    }

    @Test
    @Tag("integration")
    void givesScikitImagesBlobsInJobOrder() throws Exception {
        SkimagePresence.require();
        List<VerifyCase> cases = VerifySweep.cases(11, 2);
        List<SkimageBlobLog.Job> jobs = List.of(
                new SkimageBlobLog.Job("a", cases.get(0).write(dir), cases.get(0).params(), true),
                new SkimageBlobLog.Job("b", cases.get(1).write(dir), cases.get(1).params(), false));
        SkimageResult result = skimage(SkimagePresence.PYTHON).run(jobs, 2);

        assertThat(result.skimageVersion()).isNotBlank();
        assertThat(result.cases()).extracting(SkimageResult.Case::id).containsExactly("a", "b");
        assertThat(result.cases().get(0).timesMs()).hasSize(2);
        assertThat(java.util.Arrays.stream(result.cases().get(0).timesMs()).min().orElseThrow()).isPositive();
        assertThat(result.cases().get(1).timesMs()).isEmpty();
        for (int i = 0; i < 2; i++) {
            var java = LogBlobDetector.detect(ImageReaders.read(jobs.get(i).npy()), jobs.get(i).params());
            assertThat(BlobComparison.of(java, result.cases().get(i).blobs()).describe()).startsWith("identical");
        }
    }

    @Nested
    class Failures {
        @Test
        void aMissingInterpreterIsUnavailable() {
            assertThatThrownBy(() -> skimage(dir.resolve("no-python")).run(List.of(), 1))
                    .isInstanceOf(SkimageBlobLog.Unavailable.class).hasMessageContaining("no Python interpreter");
        }

        @Test
        void aFailingInterpreterIsAnErrorWithItsExitCode() {
            assertThatThrownBy(() -> skimage(Path.of("/bin/false")).run(List.of(), 1))
                    .isInstanceOf(java.io.IOException.class).hasMessageContaining("exit code 1");
        }

        @Test
        void badArguments() {
            assertThatThrownBy(() -> skimage(Path.of("/bin/false")).run(List.of(), 0)).hasMessageContaining("repeat");
            assertThatThrownBy(() -> new SkimageBlobLog(Path.of("x"), Duration.ZERO, System.err))
                    .hasMessageContaining("Timeout must be positive");
        }
    }
}
