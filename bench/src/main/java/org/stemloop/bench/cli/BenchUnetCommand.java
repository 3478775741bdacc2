package org.stemloop.bench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.stemloop.bench.UnetBench;
import org.stemloop.reward.Material;
import org.stemloop.unet.HeatmapAtoms;
import org.stemloop.unet.OnnxSegmenter;
import org.stemloop.unet.ShippedModels;
import org.stemloop.unet.UnetEnsemble;
import org.stemloop.unet.UnetDetector;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code stemloop bench unet}: the shipped U-Nets' inference time and scores, and their training time. */
@Command(name = "unet",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
                "The U-Net baseline: ONNX Runtime inference time per frame size (goal: 512 x 512",
                "in <= 150 ms on 2 cores; the paper: 37 ms on a V100), one-to-one F1 per noise",
                "level on unseen simulated frames, and the training time from each model card",
                "(the paper: 155 s on a GPU). Writes to DIR: bench_unet.csv, .md, .json."},
        footer = {"", "Example: stemloop bench unet --quick --out /tmp/bench"})
final class BenchUnetCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** Training time reported by Barakati et al. 2024 for their ensemble, seconds. */
    static final double PAPER_TRAINING_SECONDS = 155;

    @Option(names = "--one-member", description = {"Time and score only the first member of each shipped ensemble",
            "(the issue's goal is one model on 512 x 512; an ensemble of k costs k times that)."})
    boolean oneMember;

    @Option(names = "--quick", description = "Sizes 256 and 512, 3 runs, 1 frame per noise level.")
    boolean quick;

    @Option(names = "--models", split = ",", paramLabel = "M", defaultValue = "graphene,srtio3",
            description = "Shipped models to measure (default ${DEFAULT-VALUE}).")
    List<String> models;

    @Option(names = "--sizes", split = ",", paramLabel = "PX",
            description = "Frame sides (default 256,512,1024; --quick: 256,512).")
    List<Integer> sizes;

    @Option(names = "--repeat", paramLabel = "N", description = "Timed runs after warm-up (default 10; --quick: 3).")
    Integer repeat;

    @Option(names = "--frames", paramLabel = "K", description = "Frames per noise level (default 3; --quick: 1).")
    Integer frames;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder (created if missing).")
    Path out;

    @Override
    public Integer call() throws IOException {
        List<Integer> sideList = sizes != null ? sizes : quick ? List.of(256, 512) : List.of(256, 512, 1024);
        int runs = repeat != null ? repeat : quick ? 3 : 10;
        int k = frames != null ? frames : quick ? 1 : 3;
        if (runs < 1 || k < 1 || sideList.stream().anyMatch(s -> s < 16 || s > 8192)) {
            throw new IllegalArgumentException("--repeat and --frames must be >= 1 and --sizes 16-8192: " + runs + ", " + k
                    + ", " + sideList);
        }
        Files.createDirectories(out);
        List<UnetBench.SpeedRow> speed = new ArrayList<>();
        List<UnetBench.ScoreRow> scores = new ArrayList<>();
        ObjectNode training = JSON.createObjectNode();
        for (String m : models) {
            Material material = Material.parse(m);
            String label = m;
            UnetDetector loaded;
            if (oneMember) {
                List<byte[]> members = ShippedModels.memberBytes(material.id());
                label = "%s[1/%d]".formatted(material.id(), members.size());
                loaded = new UnetDetector(new UnetEnsemble(List.of(OnnxSegmenter.load(label, members.get(0)))),
                        HeatmapAtoms.DEFAULT, ShippedModels.card(material.id()));
            } else {
                loaded = UnetDetector.load(List.of(material.id()), HeatmapAtoms.DEFAULT);
            }
            try (UnetDetector d = loaded) {
                speed.addAll(UnetBench.speed(label, d, material, sideList, runs, this::progress));
                scores.addAll(UnetBench.scores(label, d, material, 512, List.of(0.0, 0.1, 0.2, 0.3, 0.5), k, this::progress));
            }
            training.set(m, trainingCard(material.id()));
        }
        write(speed, scores, training);
        return 0;
    }

    private void progress(String line) {
        System.err.println("bench unet: " + line);
    }

    private static JsonNode trainingCard(String name) throws IOException {
        try (InputStream in = BenchUnetCommand.class.getResourceAsStream("/models/unet-" + name + "-training.json")) {
            return in == null ? JSON.createObjectNode().put("note", "no training record shipped")
                    : JSON.readTree(in);
        }
    }

    private void write(List<UnetBench.SpeedRow> speed, List<UnetBench.ScoreRow> scores, ObjectNode training)
            throws IOException {
        int cores = Runtime.getRuntime().availableProcessors();
        StringBuilder csv = new StringBuilder("kind,model,size,noise,runs,min_ms,median_ms,p90_ms,tp,fp,fn,precision,recall,f1\n");
        StringBuilder md = new StringBuilder(String.format(Locale.ROOT,
                "# U-Net benchmark%n%n%d cores, Java %s. Inference: normalise, pad, ONNX Runtime (CPU), copy back.%n%n"
                        + "| model | size | runs | min ms | median ms | p90 ms | coords ms | atoms |%n|---|---|---|---|---|---|---|---|%n",
                cores, Runtime.version()));
        ObjectNode json = JSON.createObjectNode();
        json.put("cores", cores);
        ArrayNode sj = json.putArray("speed");
        for (UnetBench.SpeedRow r : speed) {
            csv.append(String.format(Locale.ROOT, "speed,%s,%d,0.1,%d,%.2f,%.2f,%.2f,,,,,,%n", r.model(), r.size(),
                    r.inference().runs(), r.inference().minMs(), r.inference().medianMs(), r.inference().p90Ms()));
            md.append(String.format(Locale.ROOT, "| %s | %d | %d | %.1f | %.1f | %.1f | %.1f | %d |%n", r.model(), r.size(),
                    r.inference().runs(), r.inference().minMs(), r.inference().medianMs(), r.inference().p90Ms(),
                    r.coordinates().medianMs(), r.atoms()));
            sj.addObject().put("model", r.model()).put("size", r.size()).put("median_ms", r.inference().medianMs())
                    .put("min_ms", r.inference().minMs()).put("p90_ms", r.inference().p90Ms())
                    .put("coordinates_median_ms", r.coordinates().medianMs());
        }
        md.append("\n| model | noise | frames | TP | FP | FN | precision | recall | F1 |\n|---|---|---|---|---|---|---|---|---|\n");
        ArrayNode fj = json.putArray("scores");
        for (UnetBench.ScoreRow r : scores) {
            var s = r.scores();
            csv.append(String.format(Locale.ROOT, "score,%s,%d,%.2f,%d,,,,%d,%d,%d,%.4f,%.4f,%.4f%n", r.model(), r.size(),
                    r.noise(), r.frames(), s.tp(), s.fp(), s.fn(), s.precision(), s.recall(), s.f1()));
            md.append(String.format(Locale.ROOT, "| %s | %.2f | %d | %d | %d | %d | %.4f | %.4f | %.4f |%n", r.model(),
                    r.noise(), r.frames(), s.tp(), s.fp(), s.fn(), s.precision(), s.recall(), s.f1()));
            fj.addObject().put("model", r.model()).put("noise", r.noise()).put("frames", r.frames()).put("f1", s.f1())
                    .put("precision", s.precision()).put("recall", s.recall());
        }
        md.append(String.format(Locale.ROOT, "%nTraining (from the model cards; the paper: %.0f s on a GPU):%n%n", PAPER_TRAINING_SECONDS));
        training.fields().forEachRemaining(e -> {
            JsonNode members = e.getValue().path("members");
            for (JsonNode m : members) {
                md.append(String.format(Locale.ROOT, "- %s seed %d: %.0f s, %d frames of %d px%n", e.getKey(),
                        m.path("seed").asLong(), m.path("training_seconds").asDouble(),
                        e.getValue().path("frames_seen").asLong(), e.getValue().path("size").asInt()));
            }
        });
        json.set("training", training);
        json.put("paper_training_seconds", PAPER_TRAINING_SECONDS);
        Files.writeString(out.resolve("bench_unet.csv"), csv);
        Files.writeString(out.resolve("bench_unet.md"), md);
        JSON.writeValue(out.resolve("bench_unet.json").toFile(), json);
        System.out.print(md);
        System.err.println("wrote " + out.toAbsolutePath().normalize());
    }
}
