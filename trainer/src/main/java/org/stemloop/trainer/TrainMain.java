package org.stemloop.trainer;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.stemloop.reward.Material;
import org.stemloop.unet.HeatmapAtoms;
import org.stemloop.unet.UnetDetector;
import org.stemloop.unet.UnetInput;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code stemloop-train}: trains an ensemble of AtomAI U-Nets on simulated frames, exports each
 * to ONNX, scores them on held-out frames and writes a model card. See docs/unet.md.
 */
@Command(name = "stemloop-train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Trains AtomAI-style U-Nets (DJL + PyTorch, CPU) on simulated frames; writes to DIR:",
                "  unet-M.onnx (or unet-M-sS.onnx per ensemble member), unet-M.md (model card),",
                "  unet-M-loss.png (loss per epoch), unet-M-training.json (settings, losses, times, scores)"})
public final class TrainMain implements Callable<Integer> {

    @Option(names = "--material", required = true, paramLabel = "graphene|srtio3", description = "Crystal to train on.")
    String material;

    @Option(names = "--size", defaultValue = "128", description = "Training frame side, multiple of 8 (default ${DEFAULT-VALUE}).")
    int size;

    @Option(names = "--batch", defaultValue = "8", description = "Frames per step (default ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--epochs", defaultValue = "12", description = "Epochs (default ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--steps", defaultValue = "40", description = "Steps per epoch (default ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--lr", defaultValue = "0.001", description = "Adam learning rate (default ${DEFAULT-VALUE}).")
    float lr;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the first member; member k uses seed + k (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--ensemble", defaultValue = "1", description = "Members with different seeds (default ${DEFAULT-VALUE}).")
    int ensemble;

    @Option(names = "--init", paramLabel = "FILE.onnx",
            description = "Start from these weights (an earlier export of this network) instead of random ones.")
    Path init;

    @Option(names = "--domain", defaultValue = "0", paramLabel = "P",
            description = "Fraction of frames given real-frame effects: probe tails, scan shear, background, contamination, "
                    + "dose, saturation (DomainRandomisation; default ${DEFAULT-VALUE}).")
    double domain;

    @Option(names = "--realistic", defaultValue = "0", paramLabel = "P",
            description = "Fraction of frames drawn from the realistic simulator with randomised dose, probe tails, background, "
                    + "texture, scan distortion, holes and contamination (RealisticSampling; default ${DEFAULT-VALUE}).")
    double realistic;

    @Option(names = "--clip-grad", defaultValue = "0", paramLabel = "C",
            description = "Clip each gradient element to [-C, C] (0: no clipping; default ${DEFAULT-VALUE}).")
    float clipGrad;

    @Option(names = "--eval-size", defaultValue = "512", description = "Held-out frame side (default ${DEFAULT-VALUE}).")
    int evalSize;

    @Option(names = "--eval-frames", defaultValue = "3", description = "Held-out frames per noise level (default ${DEFAULT-VALUE}).")
    int evalFrames;

    @Option(names = "--out", required = true, description = "Output folder.")
    Path out;

    public static void main(String[] args) {
        System.exit(new CommandLine(new TrainMain()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Material m = Material.parse(material);
        if (ensemble < 1 || ensemble > 20) {
            throw new IllegalArgumentException("--ensemble must be 1-20: " + ensemble);
        }
        Files.createDirectories(out);
        PrintStream err = System.err;
        TrainingSettings base = new TrainingSettings(m, size, batch, epochs, steps, lr, seed, Augmentation.DEFAULT,
                new DomainRandomisation(domain), new RealisticSampling(realistic), clipGrad);
        List<Path> files = new ArrayList<>();
        List<List<Float>> curves = new ArrayList<>();
        List<Double> seconds = new ArrayList<>();
        for (int k = 0; k < ensemble; k++) {
            TrainingSettings s = base.withSeed(seed + k);
            String label = "%s %d/%d (seed %d)".formatted(m.id(), k + 1, ensemble, s.seed());
            try (TrainedUnet t = UnetTraining.train(s, init, new ProgressBar(err, label))) {
                Path file = out.resolve(ensemble == 1 ? "unet-%s.onnx".formatted(m.id())
                        : "unet-%s-s%d.onnx".formatted(m.id(), s.seed()));
                OnnxExport.write(t.net(), metadata(s, t), file);
                Files.writeString(card(file), cardJson(s, init == null ? null : init.getFileName().toString()));
                files.add(file);
                curves.add(t.epochLoss());
                seconds.add(t.seconds());
                err.printf(Locale.ROOT, "%s: trained in %.1f s, final loss %.4f -> %s (%d bytes)%n", label, t.seconds(),
                        t.epochLoss().get(t.epochLoss().size() - 1), file, Files.size(file));
            }
        }
        LossCurve.write(curves, "U-Net " + m.id() + ": training loss (BCE) per epoch", out.resolve("unet-%s-loss.png".formatted(m.id())));
        double[] noises = {0.0, 0.1, 0.2, 0.3, 0.5};
        List<HeldOut.Row> rows;
        try (UnetDetector d = UnetDetector.load(files.stream().map(Path::toString).toList(), HeatmapAtoms.DEFAULT)) {
            rows = HeldOut.score(d, m, evalSize, noises, evalFrames);
        }
        ModelCard card = new ModelCard(base, ensemble, files, curves, seconds, rows, evalSize,
                init == null ? null : init.getFileName().toString());
        Files.writeString(out.resolve("unet-%s.md".formatted(m.id())), card.markdown());
        Files.writeString(out.resolve("unet-%s-training.json".formatted(m.id())), card.json());
        System.out.print(card.scoreTable());
        return 0;
    }

    /** The machine-readable card beside an ONNX file ({@code org.stemloop.unet.ModelCard}). */
    static Path card(Path onnx) {
        String name = onnx.getFileName().toString();
        return onnx.resolveSibling(name.substring(0, name.length() - ".onnx".length()) + ".json");
    }

    /** What inference needs: the training pixel size (centre of the drawn range), normalisation, data. */
    static String cardJson(TrainingSettings s, String init) {
        Material m = s.material();
        double px = m.defaultPixelSizeAngstrom();
        return String.format(Locale.ROOT, """
                {
                  "material": "%s",
                  "pixel_size_angstrom": %s,
                  "pixel_size_range_angstrom": [%s, %s],
                  "nearest_neighbour_angstrom": %s,
                  "input_normalisation": "%s",
                  "contrast": "bright atoms (HAADF)",
                  "training_data": "%d simulated %s frames of %d x %d px (org.stemloop.sim.Simulator), the realistic simulator (randomised, RealisticSampling) for %.0f%% of them, domain randomisation on %.0f%% of the rest, seed %d%s",
                  "trained": "%s"
                }
                """, m.id(), px, px * 0.8, px * 1.25, m.nearestNeighbourAngstrom(), UnetInput.Normalisation.MIN_MAX.text(),
                s.frames(), m.id(), s.size(), s.size(), 100 * s.realistic().probability(), 100 * s.domain().probability(), s.seed(),
                init == null ? "" : ", fine-tuned from " + init, java.time.LocalDate.now(java.time.ZoneOffset.UTC));
    }

    private static Map<String, String> metadata(TrainingSettings s, TrainedUnet t) {
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("material", s.material().id());
        meta.put("seed", Long.toString(s.seed()));
        meta.put("epochs", Integer.toString(s.epochs()));
        meta.put("frames_seen", Long.toString(s.frames()));
        meta.put("training_seconds", String.format(Locale.ROOT, "%.1f", t.seconds()));
        meta.put("input", "[N,1,H,W] float32, min-max normalised to [0,1], H and W multiples of 8");
        meta.put("output", "[N,1,H,W] float32 sigmoid probability of atom");
        return meta;
    }
}
