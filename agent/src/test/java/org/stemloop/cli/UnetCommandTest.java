package org.stemloop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stemloop.image.Frame;
import org.stemloop.image.NpyWriter;

class UnetCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** An ONNX graph that returns its input: the heatmap is the normalised frame itself. */
    private static final String IDENTITY = Path.of("src/test/resources/unet/identity.onnx").toAbsolutePath().toString();

    @TempDir
    Path dir;

    /** A 40 x 50 frame with two bright Gaussian spots at (10, 12) and (28, 35). */
    private Path twoSpots() throws IOException {
        double[] p = new double[40 * 50];
        for (int r = 0; r < 40; r++) {
            for (int c = 0; c < 50; c++) {
                p[r * 50 + c] = Math.exp(-(Math.pow(r - 10, 2) + Math.pow(c - 12, 2)) / 8)
                        + Math.exp(-(Math.pow(r - 28, 2) + Math.pow(c - 35, 2)) / 8);
            }
        }
        Path npy = dir.resolve("spots.npy");
        NpyWriter.write(Frame.of(40, 50, p), npy);
        return npy;
    }

    @Test
    void writesDetectionsOverlayAndHeatmap() throws IOException {
        Path out = dir.resolve("out");
        AnalyzeCommandTest.Run run = AnalyzeCommandTest.run("unet", twoSpots().toString(), "--model", IDENTITY, "--out",
                out.toString());
        assertThat(run.code()).as(run.err()).isZero();
        JsonNode det = JSON.readTree(out.resolve("detections.json").toFile());
        assertThat(det.get("atoms")).hasSize(2);
        assertThat(det.get("atoms").get(0).get(0).asDouble()).isEqualTo(10.0);
        assertThat(det.get("atoms").get(0).get(1).asDouble()).isEqualTo(12.0);
        assertThat(det.get("atoms").get(1).get(0).asDouble()).isEqualTo(28.0);
        assertThat(det.get("provider").asText()).isIn("CPU", "CUDA");
        assertThat(out.resolve("overlay.png")).isRegularFile();
        assertThat(out.resolve("heatmap.png")).isRegularFile();
        assertThat(run.out()).contains("2 atoms");
    }

    @Test
    void anEnsembleOfTwoModelsReportsZeroVarianceForEqualModels() throws IOException {
        Path out = dir.resolve("ens");
        AnalyzeCommandTest.Run run = AnalyzeCommandTest.run("unet", twoSpots().toString(), "--model", IDENTITY,
                "--model", IDENTITY, "--out", out.toString());
        assertThat(run.code()).as(run.err()).isZero();
        JsonNode det = JSON.readTree(out.resolve("detections.json").toFile());
        assertThat(det.get("models")).hasSize(2);
        assertThat(det.get("atoms").get(0).get(3).asDouble()).isZero();
        assertThat(det.get("members").asInt()).isEqualTo(2);
        assertThat(out.resolve("uncertainty.png")).isRegularFile();
        assertThat(out.resolve("variance.png")).isRegularFile();
    }

    /** The identity graph with a card saying it was trained at 0.2 Å/px. */
    private Path cardedIdentity() throws IOException {
        Path onnx = dir.resolve("carded.onnx");
        Files.copy(Path.of(IDENTITY), onnx);
        Files.writeString(dir.resolve("carded.json"), """
                {"material": "graphene", "pixel_size_angstrom": 0.2, "nearest_neighbour_angstrom": 1.42,
                 "input_normalisation": "min-max", "training_data": "none: a test graph"}""");
        return onnx;
    }

    @Test
    void aModelWithACardSeesTheFrameAtItsPixelSizeAndAtomsComeBackInTheFramesPixels() throws IOException {
        Path out = dir.resolve("scaled");
        AnalyzeCommandTest.Run run = AnalyzeCommandTest.run("unet", twoSpots().toString(), "--model",
                cardedIdentity().toString(), "--pixel-size", "0.1", "--out", out.toString());
        assertThat(run.code()).as(run.err()).isZero();
        JsonNode det = JSON.readTree(out.resolve("detections.json").toFile());
        assertThat(det.at("/scale/source").asText()).isEqualTo("pixel-size");
        assertThat(det.at("/scale/model_grid/0").asInt()).isEqualTo(20);
        assertThat(det.at("/scale/model_grid/1").asInt()).isEqualTo(25);
        assertThat(det.get("atoms")).hasSize(2);
        assertThat(det.get("atoms").get(0).get(0).asDouble()).isCloseTo(10, org.assertj.core.api.Assertions.within(0.6));
        assertThat(det.get("atoms").get(0).get(1).asDouble()).isCloseTo(12, org.assertj.core.api.Assertions.within(0.6));
        assertThat(det.get("atoms").get(1).get(0).asDouble()).isCloseTo(28, org.assertj.core.api.Assertions.within(0.6));
        assertThat(det.get("atoms").get(1).get(1).asDouble()).isCloseTo(35, org.assertj.core.api.Assertions.within(0.6));
        assertThat(run.out()).contains("resampled to 20 x 25");
    }

    @Nested
    class BadInput {
        @Test
        void aFrameWithNeitherPixelSizeNorLatticeIsRefusedInOneLine() throws IOException {
            AnalyzeCommandTest.Run run = AnalyzeCommandTest.run("unet", twoSpots().toString(), "--model",
                    cardedIdentity().toString(), "--out", dir.resolve("refused").toString());
            assertThat(run.code()).isEqualTo(2);
            assertThat(run.err().strip()).startsWith("stemloop unet: The frame has no pixel size").contains("--pixel-size")
                    .doesNotContain("\n");
        }

        @Test
        void aPixelSizeThatIsNotPositiveIsOneLineAndExitTwo() throws IOException {
            AnalyzeCommandTest.Run run = AnalyzeCommandTest.run("unet", twoSpots().toString(), "--model", IDENTITY,
                    "--pixel-size", "-0.1", "--out", dir.resolve("bad").toString());
            assertThat(run.code()).isEqualTo(2);
            assertThat(run.err().strip()).contains("--pixel-size must be a positive number");
        }

        @Test
        void aFileThatIsNotOnnxIsOneLineAndExitTwo() throws IOException {
            Path junk = dir.resolve("junk.onnx");
            Files.writeString(junk, "hello");
            AnalyzeCommandTest.Run run = AnalyzeCommandTest.run("unet", twoSpots().toString(), "--model", junk.toString(),
                    "--out", dir.resolve("o").toString());
            assertThat(run.code()).isEqualTo(2);
            assertThat(run.err().strip()).startsWith("stemloop unet: Model " + junk + ": not a loadable ONNX model")
                    .doesNotContain("\n");
        }

        @Test
        void aModelOfTheWrongShapeIsNamed() throws IOException {
            String rgb = Path.of("src/test/resources/unet/three-channels.onnx").toAbsolutePath().toString();
            AnalyzeCommandTest.Run run = AnalyzeCommandTest.run("unet", twoSpots().toString(), "--model", rgb, "--out",
                    dir.resolve("o").toString());
            assertThat(run.code()).isEqualTo(2);
            assertThat(run.err()).contains("must be [N, 1, H, W]");
        }

        @Test
        void anUnknownModelNameListsTheShippedOnes() throws IOException {
            AnalyzeCommandTest.Run run = AnalyzeCommandTest.run("unet", twoSpots().toString(), "--model", "gold", "--out",
                    dir.resolve("o").toString());
            assertThat(run.code()).isEqualTo(2);
            assertThat(run.err()).contains("not a shipped model (graphene, srtio3)");
        }

        @Test
        void aThresholdOutsideTheUnitIntervalIsRejected() throws IOException {
            AnalyzeCommandTest.Run run = AnalyzeCommandTest.run("unet", twoSpots().toString(), "--model", IDENTITY,
                    "--threshold", "1.5", "--out", dir.resolve("o").toString());
            assertThat(run.code()).isEqualTo(2);
            assertThat(run.err()).contains("Threshold must be in (0, 1)");
        }
    }
}
