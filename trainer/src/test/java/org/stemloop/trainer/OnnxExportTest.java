package org.stemloop.trainer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stemloop.sim.Material;
import org.stemloop.unet.OnnxSegmenter;

/** A few seconds of real training, then the ONNX export against DJL's own inference. */
class OnnxExportTest {

    private static TrainedUnet trained;
    private static final List<UnetTraining.Step> steps = new ArrayList<>();

    @BeforeAll
    static void trainBriefly() {
        TrainingSettings s = new TrainingSettings(Material.GRAPHENE, 32, 2, 2, 3, 1e-3f, 5, Augmentation.DEFAULT);
        trained = UnetTraining.train(s, steps::add);
    }

    @AfterAll
    static void close() {
        trained.close();
    }

    @Test
    void trainingReportsEveryStepWithFiniteLoss() {
        assertThat(steps).hasSize(6);
        assertThat(steps).allSatisfy(st -> assertThat(st.loss()).isFinite().isPositive());
        assertThat(trained.epochLoss()).hasSize(2);
        assertThat(trained.seconds()).isPositive();
    }

    @Test
    void onnxRuntimeReproducesDjlOnNonSquareInput(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("unet.onnx");
        OnnxExport.write(trained.net(), Map.of("material", "graphene"), file);
        int h = 48;
        int w = 72;
        float[] image = new float[h * w];
        SplittableRandom rng = new SplittableRandom(3);
        for (int i = 0; i < image.length; i++) {
            image[i] = (float) rng.nextDouble();
        }
        float[] djl = trained.predict(image, h, w);
        try (OnnxSegmenter onnx = OnnxSegmenter.load("unet.onnx", Files.readAllBytes(file))) {
            float[] ort = onnx.run(image, h, w);
            assertThat(ort).hasSize(djl.length);
            double maxDiff = 0;
            for (int i = 0; i < djl.length; i++) {
                maxDiff = Math.max(maxDiff, Math.abs(djl[i] - ort[i]));
            }
            assertThat(maxDiff).isLessThanOrEqualTo(1e-4);
        }
    }
}
