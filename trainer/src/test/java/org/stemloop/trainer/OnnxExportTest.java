package org.stemloop.trainer;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.training.ParameterStore;
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
import org.stemloop.reward.Material;
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
    void importingTheExportGivesTheSameNetwork(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("unet.onnx");
        OnnxExport.write(trained.net(), Map.of(), file);
        float[] image = new float[32 * 40];
        for (int i = 0; i < image.length; i++) {
            image[i] = (i % 7) / 7f;
        }
        float[] expected = trained.predict(image, 32, 40);
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            AtomaiUnet copy = new AtomaiUnet();
            copy.initialize(m, DataType.FLOAT32, new Shape(1, 1, 32, 40));
            OnnxImport.load(copy, file);
            NDArray x = m.create(image, new Shape(1, 1, 32, 40));
            float[] actual = Activation.sigmoid(copy.forward(new ParameterStore(m, false), new NDList(x), false)
                    .singletonOrThrow()).toFloatArray();
            assertThat(actual).containsExactly(expected, org.assertj.core.data.Offset.offset(1e-6f));
        }
    }

    @Test
    void importRejectsAModelOfAnotherShape(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("identity.onnx");
        Files.write(file, Files.readAllBytes(Path.of("../agent/src/test/resources/unet/identity.onnx")));
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            AtomaiUnet copy = new AtomaiUnet();
            copy.initialize(m, DataType.FLOAT32, new Shape(1, 1, 16, 16));
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> OnnxImport.load(copy, file))
                    .hasMessageContaining("0 weight tensors, this network has");
        }
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
