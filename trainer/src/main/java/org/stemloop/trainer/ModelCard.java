package org.stemloop.trainer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * What a trained model is, in words and in JSON: data, seed, epochs, time, held-out scores.
 * Written beside every model the trainer makes; the shipped models' cards live in the agent's
 * resources.
 */
record ModelCard(TrainingSettings settings, int ensemble, List<Path> files, List<List<Float>> curves,
        List<Double> seconds, List<HeldOut.Row> rows, int evalSize, String continuedFrom) {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    String markdown() {
        TrainingSettings s = settings;
        StringBuilder b = new StringBuilder();
        b.append("# U-Net model card: ").append(s.material().id()).append("\n\n");
        b.append("AtomAI-style U-Net (nb_filters 16, layers [1, 2, 2, 3], LeakyReLU 0.01 then BatchNorm, bilinear up-sampling), ")
                .append("trained with DJL 0.36 + PyTorch 2.7.1 on the CPU by `org.stemloop.trainer.TrainMain`; ")
                .append("exported to ONNX (opset 13). Input `image` [N,1,H,W] float32 min-max normalised to [0,1], ")
                .append("H and W multiples of 8; output `probability` [N,1,H,W], sigmoid applied.\n\n");
        b.append("## Data\n\n");
        b.append(String.format(Locale.ROOT, "- %d simulated %s frames of %d x %d px, each new (no epoch repeats a frame): "
                + "%d epochs x %d steps x batch %d.%n", s.frames(), s.material().id(), s.size(), s.size(), s.epochs(),
                s.stepsPerEpoch(), s.batch()));
        Augmentation a = s.augmentation();
        b.append(String.format(Locale.ROOT, "- Augmentations: Gaussian noise L in [0, %.2f]; probe FWHM 0.65-1.3 Å; rotation 0-360° and "
                + "pixel size x0.8-1.25 (a quarter of frames at the defaults); contrast gamma in [1/%.1f, %.1f] and a linear "
                + "ramp up to %.2f; scan jitter (drift) up to 0.8 px on half the frames; shot noise on 30%%; vacancies up to 4%%, "
                + "dopants up to 4%% (graphene), a hole on 15%%.%n", a.maxNoise(), a.gamma(), a.gamma(), a.maxRamp()));
        if (s.domain().probability() > 0) {
            b.append(String.format(Locale.ROOT, "- Domain randomisation (`DomainRandomisation`) on %.0f%% of the frames: probe tails "
                    + "(blurred copy, sigma 2-6 px, 10-60%%) on 60%%; shear up to 6%% and line jitter up to 0.6 px on half; a smooth "
                    + "background up to 0.6 on 70%%; a bright grainy contamination patch over 5-40%% of the frame, with no atoms "
                    + "in the mask, on 30%%; Poisson noise at 4-60 counts per pixel on average on half; saturation of the top 0.1-3%% on 20%%.%n",
                    100 * s.domain().probability()));
        }
        b.append(String.format(Locale.ROOT, "- Masks: disks of radius %.2f x the nearest-neighbour distance around each true atom "
                + "centred inside the frame.%n", SampleGenerator.MASK_FRACTION));
        if (continuedFrom != null) {
            b.append("- Training continued from the weights of `").append(continuedFrom)
                    .append("` (its earlier card is in the git history); the time below is this run's only.\n");
        }
        b.append(String.format(Locale.ROOT, "- Adam, learning rate %g (halved for the last third), binary cross-entropy on logits.%n%n",
                s.learningRate()));
        b.append("## Training\n\n| member | seed | epochs | final loss | time (s) | file | bytes |\n|---|---|---|---|---|---|---|\n");
        for (int k = 0; k < files.size(); k++) {
            List<Float> c = curves.get(k);
            b.append(String.format(Locale.ROOT, "| %d | %d | %d | %.4f | %.1f | %s | %d |%n", k + 1, s.seed() + k, s.epochs(),
                    c.get(c.size() - 1), seconds.get(k), files.get(k).getFileName(), size(files.get(k))));
        }
        b.append(String.format(Locale.ROOT, "%nOn %d CPU cores (`availableProcessors`), %s.%n%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("os.arch")));
        b.append("## Held-out scores\n\n");
        b.append(String.format(Locale.ROOT, "`simulate`'s default %s frames of %d x %d px (rotation 0, default pixel size and probe), "
                + "seeds from %d (never used in training); threshold 0.5, no edge exclusion; one-to-one matching at a third of "
                + "the nearest-neighbour distance (`org.stemloop.eval`), counts pooled over the frames.%n%n",
                s.material().id(), evalSize, evalSize, HeldOut.SEED_BASE));
        b.append(scoreTable());
        b.append("\n## Regenerate\n\n`trainer/train-models.sh` (docs/unet.md).\n");
        return b.toString();
    }

    String scoreTable() {
        StringBuilder b = new StringBuilder("| noise | frames | atoms | TP | FP | FN | precision | recall | F1 | ms/frame |\n")
                .append("|---|---|---|---|---|---|---|---|---|---|\n");
        for (HeldOut.Row r : rows) {
            b.append(String.format(Locale.ROOT, "| %.1f | %d | %d | %d | %d | %d | %.4f | %.4f | %.4f | %.0f |%n", r.noise(),
                    r.frames(), r.atoms(), r.scores().tp(), r.scores().fp(), r.scores().fn(), r.scores().precision(),
                    r.scores().recall(), r.scores().f1(), r.meanMs()));
        }
        return b.toString();
    }

    String json() {
        ObjectNode root = JSON.createObjectNode();
        TrainingSettings s = settings;
        root.put("material", s.material().id());
        root.put("size", s.size());
        root.put("batch", s.batch());
        root.put("epochs", s.epochs());
        root.put("steps_per_epoch", s.stepsPerEpoch());
        root.put("learning_rate", s.learningRate());
        root.put("frames_seen", s.frames());
        if (continuedFrom != null) {
            root.put("continued_from", continuedFrom);
        }
        ArrayNode members = root.putArray("members");
        for (int k = 0; k < files.size(); k++) {
            ObjectNode m = members.addObject();
            m.put("seed", s.seed() + k);
            m.put("file", files.get(k).getFileName().toString());
            m.put("training_seconds", seconds.get(k));
            ArrayNode loss = m.putArray("epoch_loss");
            curves.get(k).forEach(loss::add);
        }
        ArrayNode held = root.putArray("held_out");
        for (HeldOut.Row r : rows) {
            ObjectNode o = held.addObject();
            o.put("noise", r.noise());
            o.put("frames", r.frames());
            o.put("size", evalSize);
            o.put("tp", r.scores().tp());
            o.put("fp", r.scores().fp());
            o.put("fn", r.scores().fn());
            o.put("precision", r.scores().precision());
            o.put("recall", r.scores().recall());
            o.put("f1", r.scores().f1());
            o.put("inference_ms", r.meanMs());
        }
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
