package org.stemloop.unet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.stemloop.image.Frame;

/** Tiny hand-made ONNX graphs (test resources) exercise the convention checks and the padding. */
class OnnxSegmenterTest {

    static byte[] fixture(String name) {
        try (InputStream in = OnnxSegmenterTest.class.getResourceAsStream("/unet/" + name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static Frame ramp(int h, int w) {
        double[] p = new double[h * w];
        for (int i = 0; i < p.length; i++) {
            p[i] = 10 + 3.0 * i;
        }
        return Frame.of(h, w, p);
    }

    @Test
    void anIdentityModelReturnsTheNormalisedFrameAtAnySize() {
        Frame frame = ramp(37, 53);
        try (OnnxSegmenter s = OnnxSegmenter.load("identity", fixture("identity.onnx"))) {
            Heatmap h = s.heatmap(frame);
            assertThat(h.height()).isEqualTo(37);
            assertThat(h.width()).isEqualTo(53);
            assertThat(h.values()).containsExactly(UnetInput.normalised(frame));
            assertThat(s.provider()).isIn(ExecutionProvider.CPU, ExecutionProvider.CUDA);
        }
    }

    @Test
    void anEnsembleOfEqualModelsHasZeroVariance() {
        Frame frame = ramp(16, 24);
        try (UnetEnsemble e = new UnetEnsemble(List.of(OnnxSegmenter.load("a", fixture("identity.onnx")),
                OnnxSegmenter.load("b", fixture("identity.onnx"))))) {
            UnetEnsemble.Prediction p = e.predict(frame);
            assertThat(p.mean().values()).containsExactly(UnetInput.normalised(frame));
            assertThat(p.variance().max()).isZero();
        }
    }

    /** A close racing inferences on other threads waits for them; later runs fail with a message, never a crash. */
    @Test
    void closingWhileInferencesRunWaitsForThemAndRefusesLaterRuns() throws Exception {
        Frame frame = ramp(256, 256);
        OnnxSegmenter s = OnnxSegmenter.load("identity", fixture("identity.onnx"));
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        java.util.concurrent.atomic.AtomicInteger done = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger refused = new java.util.concurrent.atomic.AtomicInteger();
        java.util.List<java.util.concurrent.Future<?>> runs = new java.util.ArrayList<>();
        for (int i = 0; i < 200; i++) {
            runs.add(pool.submit(() -> {
                try {
                    assertThat(s.heatmap(frame).height()).isEqualTo(256);
                    done.incrementAndGet();
                } catch (UnetModelException e) {
                    assertThat(e).hasMessageContaining("closed");
                    refused.incrementAndGet();
                }
            }));
        }
        s.close();
        for (java.util.concurrent.Future<?> run : runs) {
            run.get();
        }
        pool.shutdown();
        assertThat(done.get() + refused.get()).isEqualTo(200);
        assertThatThrownBy(() -> s.heatmap(frame)).isInstanceOf(UnetModelException.class)
                .hasMessageContaining("identity").hasMessageContaining("closed");
        s.close(); // twice is harmless
    }

    @Nested
    class Rejects {
        @Test
        void bytesThatAreNotOnnx() {
            assertThatThrownBy(() -> OnnxSegmenter.load("junk.onnx", fixture("not-onnx.onnx")))
                    .isInstanceOf(UnetModelException.class)
                    .hasMessageStartingWith("Model junk.onnx: not a loadable ONNX model")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        }

        @Test
        void modelsWithMoreThanOneChannel() {
            assertThatThrownBy(() -> OnnxSegmenter.load("rgb", fixture("three-channels.onnx")))
                    .isInstanceOf(UnetModelException.class)
                    .hasMessageContaining("must be [N, 1, H, W]");
        }

        @Test
        void modelsWhoseOutputIsNotTheInputsSize() {
            try (OnnxSegmenter s = OnnxSegmenter.load("shrinks", fixture("shrinks.onnx"))) {
                assertThatThrownBy(() -> s.heatmap(ramp(16, 16)))
                        .isInstanceOf(UnetModelException.class)
                        .hasMessageContaining("output shape [1, 1, 8, 8] for input [1, 1, 16, 16]");
            }
        }

        @Test
        void rawInputsThatAreNotMultiplesOfEight() {
            try (OnnxSegmenter s = OnnxSegmenter.load("identity", fixture("identity.onnx"))) {
                assertThatThrownBy(() -> s.run(new float[12 * 12], 12, 12)).hasMessageContaining("multiples of 8");
            }
        }

        @Test
        void unknownModelNames() {
            assertThatThrownBy(() -> UnetDetector.load("no-such-model.onnx"))
                    .isInstanceOf(UnetModelException.class)
                    .hasMessageContaining("no such file, and not a shipped model (graphene, srtio3)");
        }
    }
}
