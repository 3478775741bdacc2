package org.stemloop.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.stemloop.image.Frame;
import org.stemloop.image.ImageFormatException;
import org.stemloop.image.ImageSeries;
import org.stemloop.image.NpyCodec;
import picocli.CommandLine;

/**
 * {@code analyze} on a stack or a folder: the single-frame analysis once per frame, each into its own
 * folder {@code DIR/<label>/} (label: the file's stem, {@code _f0003} for frame 3 of a stack), then
 * {@code DIR/summary.csv} and {@code DIR/summary.json} with one row per frame. A frame of a stack is
 * written as {@code DIR/<label>/frame.npy} (the frame analysed, with square pixels) and analysed from
 * there with its pixel size passed on, so each frame goes through exactly the path a single image does.
 * A frame that fails is recorded with its error and the series goes on; the exit code is then 2.
 */
final class AnalyzeSeries {

    private static final String[] COLUMNS = {"index", "file", "frame", "label", "n_atoms", "qc", "er", "min_sigma",
            "max_sigma", "threshold", "overlap", "pixel_size_angstrom", "error"};

    private AnalyzeSeries() {
    }

    /**
     * Runs the series.
     *
     * @param args the command line of the analyze call, to repeat per frame with IMAGE and --out replaced
     * @param imageArg the IMAGE argument as typed
     * @param userPixelSize the --pixel-size given, or null
     */
    static int run(ImageSeries series, List<String> args, String imageArg, Path out, Double userPixelSize,
            PrintWriter stdout, PrintWriter stderr) throws IOException {
        Files.createDirectories(out);
        ProgressBar bar = new ProgressBar(stderr, "analyze", "frames", series.size());
        ArrayNode rows = AnalyzeJson.JSON.createArrayNode();
        int failed = 0;
        bar.step(0, "starting " + series.size() + " frames of " + series.source());
        for (int i = 0; i < series.size(); i++) {
            ImageSeries.Item item = series.items().get(i);
            Path dir = out.resolve(item.label());
            ObjectNode row = rows.addObject();
            row.put("index", i);
            row.put("file", item.file().toString());
            row.put("frame", item.frame());
            row.put("label", item.label());
            String error = analyse(series, i, item, dir, args, imageArg, userPixelSize, row, stderr);
            if (error != null) {
                row.put("error", error);
                failed++;
            }
            bar.step(i + 1, item.label() + (error != null ? " FAILED: " + error : ", " + row.path("n_atoms").asText() + " atoms"));
        }
        ObjectNode summary = AnalyzeJson.JSON.createObjectNode();
        summary.put("source", series.source().toString());
        summary.put("frames", series.size());
        summary.put("failed", failed);
        summary.set("rows", rows);
        Files.writeString(out.resolve("summary.json"), AnalyzeJson.JSON.writeValueAsString(summary));
        Files.writeString(out.resolve("summary.csv"), csv(rows));
        stdout.printf(Locale.ROOT, "series: %d frames of %s analysed%s; per-frame outputs in %s/<label>/, summary in %s%n",
                series.size() - failed, series.source(), failed > 0 ? ", " + failed + " failed" : "", out,
                out.resolve("summary.csv"));
        stdout.flush();
        return failed == 0 ? 0 : Cli.BAD_INPUT;
    }

    /** Analyses one frame into {@code dir}, filling {@code row}; returns the error, or null. */
    private static String analyse(ImageSeries series, int i, ImageSeries.Item item, Path dir, List<String> args,
            String imageArg, Double userPixelSize, ObjectNode row, PrintWriter stderr) throws IOException {
        Path input = item.file();
        Double pixelSize = userPixelSize;
        try {
            Files.createDirectories(dir);
            if (item.frames() > 1) {
                Frame frame = series.frame(i, notice -> stderr.println("analyze: " + notice));
                input = dir.resolve("frame.npy");
                Files.write(input, NpyCodec.encode(frame));
                if (pixelSize == null && frame.pixelSizeAngstrom().isPresent()) {
                    pixelSize = frame.pixelSizeAngstrom().getAsDouble();
                }
            }
        } catch (ImageFormatException e) {
            return e.getMessage();
        }
        if (pixelSize != null) {
            row.put("pixel_size_angstrom", pixelSize);
        }
        StringWriter err = new StringWriter();
        CommandLine cl = Cli.newCommandLine(new AnalyzeCommand());
        cl.setOut(new PrintWriter(new StringWriter()));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(frameArgs(args, imageArg, input, dir, pixelSize, userPixelSize == null).toArray(String[]::new));
        if (code != 0) {
            return err.toString().strip().lines().reduce((a, b) -> b).orElse("exit code " + code);
        }
        JsonNode pareto = AnalyzeJson.JSON.readTree(dir.resolve("pareto.json").toFile());
        JsonNode best = pareto.path("options").path(pareto.path("recommended").asInt());
        row.put("n_atoms", best.path("n_atoms").asInt());
        best.path("rewards").fields().forEachRemaining(r -> row.put(r.getKey(), r.getValue().asDouble()));
        best.path("params").fields().forEachRemaining(p -> {
            if (!p.getKey().equals("scales_used")) {
                row.set(p.getKey(), p.getValue());
            }
        });
        return null;
    }

    /** The original arguments with IMAGE and --out replaced, --quiet added, and --pixel-size when the frame has one. */
    static List<String> frameArgs(List<String> args, String imageArg, Path input, Path dir, Double pixelSize,
            boolean addPixelSize) {
        List<String> out = new ArrayList<>();
        boolean imageReplaced = false;
        // the original arguments start with the command's own name (and any before it): keep what follows
        int first = args.indexOf("analyze") + 1;
        for (int i = first; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--out") && i + 1 < args.size()) {
                out.add(a);
                out.add(dir.toString());
                i++;
            } else if (a.startsWith("--out=")) {
                out.add("--out=" + dir);
            } else if (!imageReplaced && a.equals(imageArg)) {
                out.add(input.toString());
                imageReplaced = true;
            } else {
                out.add(a);
            }
        }
        if (!out.contains("--quiet")) {
            out.add("--quiet");
        }
        if (addPixelSize && pixelSize != null) {
            out.add("--pixel-size");
            out.add(Double.toString(pixelSize));
        }
        return out;
    }

    private static String csv(ArrayNode rows) {
        StringBuilder sb = new StringBuilder(String.join(",", COLUMNS)).append('\n');
        for (JsonNode r : rows) {
            List<String> cells = new ArrayList<>();
            for (String c : COLUMNS) {
                JsonNode v = r.path(c);
                String text = v.isMissingNode() || v.isNull() ? "" : v.asText();
                cells.add(text.contains(",") || text.contains("\"") || text.contains("\n")
                        ? "\"" + text.replace("\"", "\"\"").replace("\n", " ") + "\"" : text);
            }
            sb.append(String.join(",", cells)).append('\n');
        }
        return sb.toString();
    }
}
