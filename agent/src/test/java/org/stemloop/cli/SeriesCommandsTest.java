package org.stemloop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stemloop.image.Frame;
import org.stemloop.image.MrcWriter;
import org.stemloop.image.NpyWriter;
import org.stemloop.reward.Material;
import org.stemloop.sim.SimulationSpec;
import org.stemloop.sim.Simulator;
import org.stemloop.testsupport.RealData;

/** {@code info --json}, {@code blobs --frame} and {@code analyze} on stacks and folders. */
class SeriesCommandsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /** Two simulated graphene frames (different seeds) of 64 x 64 as an MRC stack with their pixel size. */
    private Path grapheneStack() throws Exception {
        return grapheneStack(dir);
    }

    static Path grapheneStack(Path dir) throws Exception {
        SimulationSpec spec = SimulationSpec.of(Material.GRAPHENE, 64).withNoiseLevel(0.05);
        float[][][] frames = new float[2][64][64];
        for (int k = 0; k < 2; k++) {
            Frame f = Simulator.simulate(spec.withSeed(k + 1)).frame();
            for (int r = 0; r < 64; r++) {
                for (int c = 0; c < 64; c++) {
                    frames[k][r][c] = (float) f.get(r, c);
                }
            }
        }
        float side = (float) (spec.pixelSizeAngstrom() * 64);
        Path file = dir.resolve("graphene.mrc");
        Files.write(file, MrcWriter.write(frames, 2, ByteOrder.LITTLE_ENDIAN, new float[] {side, side}, 0));
        return file;
    }

    @Test
    void infoJsonListsShapeFramesFirstPixelSizeMeanAndRefusesBadFilesInOneLine() throws Exception {
        Path stack = grapheneStack();
        Path bad = Files.write(dir.resolve("cut.mrc"), new byte[300]);

        CliRun run = CliRun.of("info", stack.toString(), bad.toString(), "--json");

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err().strip()).isEqualTo("stemloop info: " + bad
                + ": truncated: 300 bytes, shorter than the 1024-byte MRC header");
        JsonNode list = JSON.readTree(run.out());
        assertThat(list).hasSize(1);
        JsonNode o = list.get(0);
        assertThat(o.path("path").asText()).isEqualTo(stack.toString());
        assertThat(o.path("format").asText()).isEqualTo("MRC2014");
        assertThat(o.path("shape").toString()).isEqualTo("[2,64,64]");
        assertThat(o.path("dtype").asText()).isEqualTo("float32");
        double size = SimulationSpec.of(Material.GRAPHENE, 64).pixelSizeAngstrom();
        assertThat(o.path("pixel_size_angstrom").get(0).asDouble()).isCloseTo(size, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(o.path("pixel_size_angstrom").get(1).asDouble()).isCloseTo(size, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(o.path("mean").isNumber()).isTrue();
        assertThat(o.path("metadata").path("title").asText()).isEqualTo("stemloop test");
    }

    @Test
    void blobsTakesTheFrameAskedFor() throws Exception {
        Path stack = grapheneStack();

        CliRun first = CliRun.of("blobs", stack.toString(), "--min-sigma", "1", "--max-sigma", "3", "--threshold", "0.05");
        CliRun second = CliRun.of("blobs", stack.toString(), "--frame", "1", "--min-sigma", "1", "--max-sigma", "3",
                "--threshold", "0.05");
        CliRun missing = CliRun.of("blobs", stack.toString(), "--frame", "2", "--min-sigma", "1", "--max-sigma", "3");

        assertThat(first.code()).isZero();
        assertThat(first.err()).contains("a stack of 2 frames; frame 0 is used");
        assertThat(second.code()).isZero();
        assertThat(JSON.readTree(second.out()).path("blobs")).isNotEmpty();
        assertThat(JSON.readTree(second.out()).path("blobs")).isNotEqualTo(JSON.readTree(first.out()).path("blobs"));
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("no frame 2: the file holds 2 frames (0 to 1)");
    }

    @Test
    void analyzeOnAStackWritesEachFrameAndASummary() throws Exception {
        Path stack = grapheneStack();
        Path out = dir.resolve("out");

        CliRun run = CliRun.of("analyze", stack.toString(), "--material", "graphene", "--population", "8",
                "--generations", "1", "--out", out.toString());

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.err()).contains("analyze: [##########----------] 1/2 frames").contains("2/2 frames");
        List<String> csv = Files.readAllLines(out.resolve("summary.csv"));
        assertThat(csv).hasSize(3);
        assertThat(csv.get(0)).startsWith("index,file,frame,label,n_atoms,qc,er,");
        assertThat(csv.get(1)).contains(",graphene_f0000,");
        JsonNode summary = JSON.readTree(out.resolve("summary.json").toFile());
        assertThat(summary.path("frames").asInt()).isEqualTo(2);
        for (JsonNode row : summary.path("rows")) {
            assertThat(row.path("n_atoms").asInt()).isPositive();
            assertThat(row.path("pixel_size_angstrom").asDouble()).isPositive();
            Path frameDir = out.resolve(row.path("label").asText());
            assertThat(frameDir.resolve("detections.json")).exists();
            assertThat(frameDir.resolve("overlay.png")).exists();
            assertThat(JSON.readTree(frameDir.resolve("detections.json").toFile()).path("atoms").size())
                    .isEqualTo(row.path("n_atoms").asInt());
        }
    }

    @Test
    void analyzeOnAFolderTakesItsImagesInNameOrderAndRecordsAFailedOne() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("session"));
        SimulationSpec spec = SimulationSpec.of(Material.GRAPHENE, 64).withNoiseLevel(0.05);
        NpyWriter.write(Simulator.simulate(spec.withSeed(3)).frame(), folder.resolve("a.npy"));
        NpyWriter.write(Simulator.simulate(spec.withSeed(4)).frame(), folder.resolve("b.npy"));
        Files.writeString(folder.resolve("notes.txt"), "not an image");
        Path out = dir.resolve("out");

        CliRun run = CliRun.of("analyze", folder.toString(), "--material", "graphene", "--pixel-size",
                Double.toString(spec.pixelSizeAngstrom()), "--population", "8", "--generations", "1", "--out", out.toString());

        assertThat(run.code()).as(run.err()).isZero();
        JsonNode rows = JSON.readTree(out.resolve("summary.json").toFile()).path("rows");
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).path("label").asText()).isEqualTo("a");
        assertThat(rows.get(1).path("label").asText()).isEqualTo("b");
    }

    @Test
    void theRealSpectrumIsRefusedInOneLineWithExitCodeTwo() {
        Path spectrum = RealData.file("carbon_eels_spectrum.dm3");

        CliRun run = CliRun.of("info", spectrum.toString(), "--json");

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("stemloop info: " + spectrum
                + ": holds a 1-D spectrum of 2048 channels (0.1000 eV per channel), not an image" + System.lineSeparator());
    }
}
