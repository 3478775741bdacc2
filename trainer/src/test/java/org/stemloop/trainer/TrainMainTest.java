package org.stemloop.trainer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The whole trainer command at toy scale: two ensemble members, export, held-out scoring, card. */
class TrainMainTest {

    @Test
    void writesModelsLossCurveCardAndRecord(@TempDir Path dir) throws Exception {
        int code = new CommandLine(new TrainMain()).execute("--material", "graphene", "--size", "32", "--batch", "2",
                "--epochs", "2", "--steps", "2", "--ensemble", "2", "--eval-size", "64", "--eval-frames", "1",
                "--out", dir.toString());
        assertThat(code).isZero();
        assertThat(dir.resolve("unet-graphene-s1.onnx")).isRegularFile();
        assertThat(dir.resolve("unet-graphene-s2.onnx")).isRegularFile();
        assertThat(Files.size(dir.resolve("unet-graphene-s1.onnx"))).isBetween(2_000_000L, 3_000_000L);
        assertThat(Files.readAllBytes(dir.resolve("unet-graphene-loss.png"))).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
        String card = Files.readString(dir.resolve("unet-graphene.md"));
        assertThat(card).contains("## Held-out scores", "| 0.2 |", "| 2 | 2 | 2 |");
        String record = Files.readString(dir.resolve("unet-graphene-training.json"));
        assertThat(record).contains("\"training_seconds\"", "\"held_out\"", "\"f1\"");
    }

    @Test
    void badMaterialIsBadInput(@TempDir Path dir) {
        CommandLine cl = new CommandLine(new TrainMain());
        assertThat(cl.execute("--material", "gold", "--out", dir.toString())).isNotZero();
    }
}
