package org.stemloop.trainer;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.training.ParameterStore;
import java.util.List;

/**
 * A trained network with its settings, per-epoch mean loss and wall-clock training time.
 * Closing it frees the native weights.
 */
final class TrainedUnet implements AutoCloseable {

    private final Model model;
    private final AtomaiUnet net;
    private final TrainingSettings settings;
    private final List<Float> epochLoss;
    private final double seconds;

    TrainedUnet(Model model, AtomaiUnet net, TrainingSettings settings, List<Float> epochLoss, double seconds) {
        this.model = model;
        this.net = net;
        this.settings = settings;
        this.epochLoss = List.copyOf(epochLoss);
        this.seconds = seconds;
    }

    AtomaiUnet net() {
        return net;
    }

    TrainingSettings settings() {
        return settings;
    }

    List<Float> epochLoss() {
        return epochLoss;
    }

    double seconds() {
        return seconds;
    }

    /**
     * DJL's own inference (batch norm on running statistics) with the sigmoid: the reference the
     * ONNX export must reproduce.
     *
     * @param image row-major {@code height x width}, already normalised, sides multiples of 8
     */
    float[] predict(float[] image, int height, int width) {
        try (NDManager m = model.getNDManager().newSubManager()) {
            NDArray x = m.create(image, new Shape(1, 1, height, width));
            NDArray logits = net.forward(new ParameterStore(m, false), new NDList(x), false).singletonOrThrow();
            return Activation.sigmoid(logits).toFloatArray();
        }
    }

    @Override
    public void close() {
        model.close();
    }
}
