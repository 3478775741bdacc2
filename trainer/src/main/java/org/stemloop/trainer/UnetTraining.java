package org.stemloop.trainer;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Trains one {@link AtomaiUnet} with DJL on PyTorch's CPU engine: Adam, binary cross-entropy on
 * the logits (AtomAI's loss for one class), a fresh simulated batch every step
 * ({@link SampleGenerator}), so there is no fixed data set to overfit.
 *
 * <p>Runs offline: the natives come from the {@code pytorch-native-cpu} jar on the class path
 * (set {@code -Dai.djl.offline=true} and {@code PYTORCH_FLAVOR=cpu} so DJL never looks for a
 * download). PyTorch uses every core for each convolution; the simulation of the next batch is
 * small beside it (a few ms per 128² frame).
 */
final class UnetTraining {

    private UnetTraining() {
    }

    /** One progress tick: the step just done and its loss. */
    record Step(int epoch, int step, int stepsPerEpoch, int epochs, float loss) {
    }

    /**
     * Trains a network; the caller owns the returned model and must close it.
     *
     * @param progress told after every step (a progress bar)
     */
    static TrainedUnet train(TrainingSettings s, Consumer<Step> progress) {
        return train(s, null, progress);
    }

    /**
     * Trains a network, starting from the weights of {@code init} (an earlier export of this
     * architecture) when it is not null.
     */
    static TrainedUnet train(TrainingSettings s, java.nio.file.Path init, Consumer<Step> progress) {
        long start = System.nanoTime();
        Engine.getEngine("PyTorch").setRandomSeed((int) s.seed());
        Model model = Model.newInstance("atomai-unet-" + s.material().id(), Device.cpu(), "PyTorch");
        AtomaiUnet net = new AtomaiUnet();
        model.setBlock(net);
        float lr = s.learningRate();
        int late = Math.max(1, s.epochs() * 2 / 3) * s.stepsPerEpoch();
        DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.sigmoidBinaryCrossEntropyLoss())
                .optOptimizer(adam(lr, late, s.clipGrad()))
                .optDevices(new Device[] {Device.cpu()});
        SampleGenerator data = new SampleGenerator(s.material(), s.size(), s.augmentation(), s.domain(), s.realistic(), s.seed());
        int pixels = s.size() * s.size();
        float[] images = new float[s.batch() * pixels];
        float[] masks = new float[s.batch() * pixels];
        Shape shape = new Shape(s.batch(), 1, s.size(), s.size());
        List<Float> epochLoss = new ArrayList<>();
        String divergedAt = null;
        try (Trainer trainer = model.newTrainer(config)) {
            trainer.initialize(shape);
            if (init != null) {
                try {
                    OnnxImport.load(net, init);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException("Reading --init " + init + ": " + e.getMessage(), e);
                }
            }
            long index = 0;
            java.nio.file.Path snapshot = snapshotFile();
            OnnxExport.write(net, java.util.Map.of(), snapshot);
            try {
                epochs:
                for (int epoch = 0; epoch < s.epochs(); epoch++) {
                    double sum = 0;
                    for (int step = 0; step < s.stepsPerEpoch(); step++) {
                        for (int b = 0; b < s.batch(); b++) {
                            data.sample(index++, images, masks, b * pixels);
                        }
                        float loss = step(trainer, images, masks, shape);
                        if (!Float.isFinite(loss)) {
                            // the weights have gone non-finite (seen a few times after ~120 fine-tuning steps at
                            // lr 1e-3 on the shared CPU): keep the last complete epoch's weights and stop
                            OnnxImport.load(net, snapshot);
                            divergedAt = "step %d of epoch %d (loss %s): training stopped, the weights after epoch %d kept"
                                    .formatted(step + 1, epoch + 1, loss, epoch);
                            System.err.printf(java.util.Locale.ROOT, "%n%s%n", divergedAt);
                            break epochs;
                        }
                        sum += loss;
                        progress.accept(new Step(epoch, step, s.stepsPerEpoch(), s.epochs(), loss));
                    }
                    epochLoss.add((float) (sum / s.stepsPerEpoch()));
                    OnnxExport.write(net, java.util.Map.of(), snapshot);
                }
            } finally {
                java.nio.file.Files.deleteIfExists(snapshot);
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("Writing or reading the training snapshot: " + e.getMessage(), e);
        }
        if (epochLoss.isEmpty()) {
            throw new IllegalStateException("Training diverged in its first epoch: " + divergedAt);
        }
        return new TrainedUnet(model, net, s, epochLoss, (System.nanoTime() - start) / 1e9);
    }

    private static java.nio.file.Path snapshotFile() throws java.io.IOException {
        return java.nio.file.Files.createTempFile("stemloop-unet-snapshot-", ".onnx");
    }

    private static Optimizer adam(float lr, int late, float clipGrad) {
        var adam = Optimizer.adam().optLearningRateTracker(halvedAfter(lr, late));
        if (clipGrad > 0) {
            adam.optClipGrad(clipGrad); // each gradient element clipped to [-clip, clip]
        }
        return adam.build();
    }

    private static Tracker halvedAfter(float lr, int steps) {
        return update -> update < steps ? lr : lr / 2;
    }

    private static float step(Trainer trainer, float[] images, float[] masks, Shape shape) {
        try (NDManager batch = trainer.getManager().newSubManager()) {
            NDArray x = batch.create(images, shape);
            NDArray y = batch.create(masks, shape);
            float loss;
            try (GradientCollector gc = trainer.newGradientCollector()) {
                NDArray logits = trainer.forward(new NDList(x)).singletonOrThrow();
                NDArray l = trainer.getLoss().evaluate(new NDList(y), new NDList(logits));
                loss = l.getFloat();
                if (!Float.isFinite(loss)) {
                    // a non-finite loss would turn every weight into NaN at the step: skip this batch
                    // (the collector is closed without a step, so its gradients are dropped)
                    return loss;
                }
                gc.backward(l);
            }
            trainer.step();
            return loss;
        }
    }
}
