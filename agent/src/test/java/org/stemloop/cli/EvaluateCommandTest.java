package org.stemloop.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stemloop.testsupport.RealData;

class EvaluateCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /** Exit code, stdout, stderr of one run. */
    record Run(int code, String out, String err) {
        JsonNode json() throws IOException {
            return JSON.readTree(out);
        }
    }

    static Run run(String... args) {
        CliRun run = CliRun.of(args);
        return new Run(run.code(), run.out(), run.err());
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    @Test
    void reportsPaperCountsAndOneToOneScores() throws IOException {
        // Atoms 10 px apart; one doubled detection, one detection far from everything, one atom missed.
        Path truth = write("truth.json", """
                {"material": "graphene", "pixel_size_angstrom": 0.1, "noise": 0.2,
                 "atoms": [[10, 10, "C"], [10, 20, "C"], [20, 10, "Si"], [20, 20, 0]]}""");
        Path det = write("blobs.json", """
                {"blobs": [[10, 11, 2.0], [11, 10, 2.0], [10, 20, 1.5], [20, 10.5, 1.5], [50, 50, 1]],
                 "timing_ms": {"min": 1, "median": 2}}""");
        Run r = run("evaluate", "--truth", truth.toString(), "--detections", det.toString(), "--radius", "2");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode j = r.json();
        assertThat(j.get("tp").asInt()).isEqualTo(4);
        assertThat(j.get("fp").asInt()).isEqualTo(1);
        assertThat(j.get("fn").asInt()).isEqualTo(1);
        assertThat(j.get("precision").asDouble()).isEqualTo(0.6);
        assertThat(j.get("recall").asDouble()).isEqualTo(0.75);
        assertThat(j.get("radius").asDouble()).isEqualTo(2.0);
        assertThat(j.get("paper").get("precision").asDouble()).isEqualTo(0.8);
        assertThat(j.get("paper").get("recall").asDouble()).isEqualTo(0.75);
        JsonNode o = j.get("one_to_one");
        assertThat(o.get("tp").asInt()).isEqualTo(3);
        assertThat(o.get("fp").asInt()).isEqualTo(2);
        assertThat(o.get("fn").asInt()).isEqualTo(1);
        assertThat(o.get("f1").asDouble()).isCloseTo(2 * 0.6 * 0.75 / 1.35, within(1e-12));
        assertThat(o.get("mean_error").asDouble()).isCloseTo(1.5 / 3, within(1e-12)); // 1 + 0 + 0.5 px
    }

    @Test
    void defaultRadiusIsAThirdOfTheAtomSpacing() throws IOException {
        Path truth = write("truth.json", "{\"atoms\": [[0, 0, 0], [0, 6, 0], [6, 0, 0], [6, 6, 0]]}");
        Path det = write("det.json", "[[0.5, 0], [0, 6], [6, 1.9], [6, 8.5]]");
        JsonNode j = run("evaluate", "--truth", truth.toString(), "--detections", det.toString()).json();
        assertThat(j.get("radius").asDouble()).isEqualTo(2.0);
        assertThat(j.get("radius_source").asText()).startsWith("median");
        assertThat(j.get("f1").asDouble()).isEqualTo(0.75);
    }

    @Test
    void emptyDetectionsScoreZeroWithNullMeanError() throws IOException {
        Path truth = write("truth.json", "{\"atoms\": [[0, 0, 0], [0, 6, 0]]}");
        Path det = write("det.json", "{\"atoms\": []}");
        JsonNode j = run("evaluate", "--truth", truth.toString(), "--detections", det.toString()).json();
        assertThat(j.get("fn").asInt()).isEqualTo(2);
        assertThat(j.get("f1").asDouble()).isZero();
        assertThat(j.get("one_to_one").get("mean_error").isNull()).isTrue();
    }

    @Test
    void atomNetPredictionsAgainstThemselvesArePerfect() throws IOException {
        Path atomnet = RealData.file("graphene_gb_4nm.atomnet.json");
        JsonNode j = run("evaluate", "--truth", atomnet.toString(), "--detections", atomnet.toString()).json();
        assertThat(j.get("tp").asInt()).isEqualTo(606);
        assertThat(j.get("f1").asDouble()).isEqualTo(1.0);
        assertThat(j.get("radius").asDouble()).isBetween(3.0, 10.0);
    }

    @Nested
    class BadInput {

        private void assertBad(Run r, String... fragments) {
            assertThat(r.code()).isEqualTo(2);
            assertThat(r.err().strip()).doesNotContain("\n").contains(fragments);
            assertThat(r.out()).isEmpty();
        }

        @Test
        void truthOrLatticeFitButNotBoth() throws IOException {
            Path det = write("det.json", "[[1, 1]]");
            assertBad(run("evaluate", "--detections", det.toString()), "give --truth FILE or --lattice-fit IMAGE");
            assertBad(run("evaluate", "--truth", det.toString(), "--lattice-fit", det.toString(), "--detections",
                    det.toString()), "give --truth FILE or --lattice-fit IMAGE");
        }

        @Test
        void missingFile() throws IOException {
            Path det = write("det.json", "[]");
            assertBad(run("evaluate", "--truth", dir.resolve("nope.json").toString(), "--detections", det.toString()),
                    "truth file", "nope.json", "not found");
        }

        @Test
        void notJson() throws IOException {
            Path truth = write("truth.json", "{\"atoms\": [[1, 2]]}");
            Path det = write("det.npy", "\u0093NUMPY garbage");
            assertBad(run("evaluate", "--truth", truth.toString(), "--detections", det.toString(), "--radius", "1"),
                    "detections file", "det.npy", "not valid JSON");
        }

        @Test
        void wrongShape() throws IOException {
            Path truth = write("truth.json", "{\"atoms\": [[1, 2], [3]]}");
            Path det = write("det.json", "[]");
            assertBad(run("evaluate", "--truth", truth.toString(), "--detections", det.toString(), "--radius", "1"),
                    "truth file", "atom 1 must be [row, col, ...]");
        }

        @Test
        void noAtomsKey() throws IOException {
            Path truth = write("truth.json", "{\"points\": [[1, 2]]}");
            Path det = write("det.json", "[]");
            assertBad(run("evaluate", "--truth", truth.toString(), "--detections", det.toString(), "--radius", "1"),
                    "expected an object with an \"atoms\" or \"blobs\" array");
        }

        @Test
        void nonPositiveRadius() throws IOException {
            Path truth = write("truth.json", "[[1, 2]]");
            assertBad(run("evaluate", "--truth", truth.toString(), "--detections", truth.toString(), "--radius", "0"),
                    "Match radius must be positive");
        }

        @Test
        void tooFewAtomsForTheDefaultRadius() throws IOException {
            Path truth = write("truth.json", "[[1, 2]]");
            assertBad(run("evaluate", "--truth", truth.toString(), "--detections", truth.toString()),
                    "give --radius");
        }

        @Test
        void missingOption() {
            assertBad(run("evaluate", "--truth", "t.json"), "--detections");
        }
    }
}
