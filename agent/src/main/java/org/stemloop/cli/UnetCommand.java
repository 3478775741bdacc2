package org.stemloop.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.Color;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.stemloop.image.Frame;
import org.stemloop.image.ImageReaders;
import org.stemloop.image.Overlay;
import org.stemloop.image.PngWriter;
import org.stemloop.unet.FrameScale;
import org.stemloop.unet.HeatmapAtoms;
import org.stemloop.unet.OnnxSegmenter;
import org.stemloop.unet.UnetAtom;
import org.stemloop.unet.UnetDetector;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code unet}: atoms found by a U-Net (AtomAI's DCNN baseline) in ONNX Runtime (DESIGN.md §3). */
@Command(name = "unet",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
                "Finds atoms with a U-Net segmenter (the DCNN baseline of Barakati et al. 2024,",
                "AtomAI's architecture) run by ONNX Runtime: the heatmap is thresholded, its",
                "connected components become atoms at their centre of mass. Give --model more",
                "than once for an ensemble (mean and variance of the heatmaps). Writes to DIR:",
                "  detections.json  {\"atoms\": [[row, col, probability, variance], ...]} (px)",
                "  overlay.png      those atoms circled on the frame",
                "  heatmap.png      the (mean) atom probability",
                "  uncertainty.png  (ensembles) atoms coloured by the members' disagreement",
                "  variance.png     (ensembles) its per-pixel standard deviation",
                "The frame is resampled to the model's training pixel size (its model card)",
                "and the atoms mapped back to the frame's pixels; the frame's pixel size comes",
                "from --pixel-size, else the file's calibration, else the lattice in its FFT.",
                "A user model must take [N, 1, H, W] float32 (min-max normalised frame, H and W",
                "multiples of 8) and return probabilities of the same shape (docs/unet.md); with",
                "a card MODEL.json beside MODEL.onnx it is resampled too, else used as it is.",
                ""})
final class UnetCommand implements Callable<Integer> {

    @Spec
    CommandSpec command;

    @Parameters(paramLabel = "IMAGE", description = "The frame: .npy, .tif, .png, .emd, .dm3/.dm4, .ser or .mrc (frame 0 of a stack).")
    Path image;

    @Option(names = "--model", required = true, paramLabel = "graphene|srtio3|FILE.onnx",
            description = "A shipped model (graphene, srtio3) or an ONNX file; repeat for an ensemble.")
    List<String> models;

    @Option(names = "--pixel-size", paramLabel = "A",
            description = "Pixel size of the frame in Å (overrides the file's calibration; without either, the FFT lattice estimate).")
    Double pixelSize;

    @Option(names = "--threshold", paramLabel = "P", defaultValue = "0.5",
            description = "Probability above which a pixel is atom (AtomAI: 0.5; default ${DEFAULT-VALUE}).")
    double threshold;

    @Option(names = "--edge", paramLabel = "PX", defaultValue = "0",
            description = "Drop atoms closer than PX to the border (AtomAI: 5; default ${DEFAULT-VALUE}, keep all).")
    double edge;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Output folder (created if missing).")
    Path out;

    @Override
    public Integer call() throws Exception {
        long start = System.nanoTime();
        System.setProperty("java.awt.headless", "true");
        HeatmapAtoms coordinates = HeatmapAtoms.DEFAULT.withThreshold(threshold).withEdge(edge);
        Frame frame = ImageReaders.read(image);
        if (pixelSize != null) {
            if (!(pixelSize > 0 && pixelSize < 100)) {
                throw new Cli.InputException("--pixel-size must be a positive number of Å below 100: " + pixelSize);
            }
            frame = frame.withPixelSize(pixelSize);
        }
        long read = System.nanoTime();
        try (UnetDetector unet = UnetDetector.load(models, coordinates)) {
            long loaded = System.nanoTime();
            UnetDetector.Result r = unet.detect(frame);
            Files.createDirectories(out);
            ObjectNode root = AnalyzeJson.JSON.createObjectNode();
            root.put("image", image.toString());
            ArrayNode names = root.putArray("models");
            unet.ensemble().members().forEach(m -> names.add(m.name()));
            root.put("provider", unet.ensemble().members().get(0).provider().name());
            root.put("threshold", threshold);
            root.put("edge_px", edge);
            root.set("scale", scaleJson(r.scale()));
            root.put("members", unet.ensemble().members().size());
            root.put("uncertainty", "the 4th value of each atom: the variance of the members' probabilities, "
                    + "averaged over the atom's pixels (0 for one model)");
            ArrayNode atoms = root.putArray("atoms");
            for (UnetAtom a : r.atoms()) {
                atoms.addArray().add(round(a.row())).add(round(a.col())).add(round(a.probability())).add(a.variance());
            }
            ObjectNode timing = root.putObject("timing_ms");
            timing.put("read", ms(read - start));
            timing.put("load", ms(loaded - read));
            timing.put("inference", r.inferenceMs());
            timing.put("coordinates", r.coordsMs());
            AnalyzeJson.JSON.writeValue(out.resolve("detections.json").toFile(), root);
            Overlay overlay = Overlay.of(frame, 0.5, 99.5).zoom(frame.width() < 256 ? 2 : 1);
            for (UnetAtom a : r.atoms()) {
                overlay.circle(a.row(), a.col(), Math.max(1.5, Math.sqrt(a.area() / Math.PI)), new Color(60, 200, 255));
            }
            overlay.write(out.resolve("overlay.png"));
            // probabilities on a fixed 0..1 scale, so an empty map stays black rather than stretched noise
            PngWriter.write(heatmapFrame(r), out.resolve("heatmap.png"), PngWriter.BitDepth.EIGHT, PngWriter.Scaling.UNIT);
            if (unet.ensemble().members().size() > 1) {
                UncertaintyPictures.write(frame, r, out);
            }
            summary(r, unet.ensemble().members());
        }
        return 0;
    }

    private static ObjectNode scaleJson(FrameScale s) {
        ObjectNode o = AnalyzeJson.JSON.createObjectNode();
        o.put("source", s.source().name().toLowerCase(Locale.ROOT).replace('_', '-'));
        if (s.source() != FrameScale.Source.NATIVE) {
            o.put("frame_pixel_size_angstrom", round6(s.framePixelSize()));
            o.put("model_pixel_size_angstrom", s.modelPixelSize());
        }
        o.putArray("model_grid").add(s.outHeight()).add(s.outWidth());
        if (!s.note().isEmpty()) {
            o.put("fft", s.note());
        }
        return o;
    }

    private static double round6(double v) {
        return Math.round(v * 1e6) / 1e6;
    }

    private void summary(UnetDetector.Result r, List<OnnxSegmenter> members) {
        var o = command.commandLine().getOut();
        o.printf(Locale.ROOT, "%s: %d x %d px; %d model(s) on %s: %s%n", image.getFileName(), r.mean().height(),
                r.mean().width(), members.size(), members.get(0).provider(),
                String.join(", ", members.stream().map(OnnxSegmenter::name).toList()));
        FrameScale s = r.scale();
        if (s.source() == FrameScale.Source.NATIVE) {
            o.println("model has no card: frame used at its own pixel size");
        } else {
            o.printf(Locale.ROOT, "pixel size %.4f Å (%s) -> model's %.4f Å: resampled to %d x %d%n", s.framePixelSize(),
                    s.source() == FrameScale.Source.PIXEL_SIZE ? "stated" : "from the FFT lattice", s.modelPixelSize(),
                    s.outHeight(), s.outWidth());
        }
        o.printf(Locale.ROOT, "%d atoms (threshold %.2f, edge %.1f px); inference %.0f ms, coordinates %.0f ms%n",
                r.atoms().size(), threshold, edge, r.inferenceMs(), r.coordsMs());
        o.printf(Locale.ROOT, "wrote %s: detections.json, overlay.png, heatmap.png%s%n", out,
                members.size() > 1 ? ", uncertainty.png, variance.png" : "");
        o.flush();
    }

    private static Frame heatmapFrame(UnetDetector.Result r) {
        float[] v = r.mean().values();
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            d[i] = v[i];
        }
        return Frame.of(r.mean().height(), r.mean().width(), d);
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    private static long ms(long nanos) {
        return nanos / 1_000_000;
    }
}
