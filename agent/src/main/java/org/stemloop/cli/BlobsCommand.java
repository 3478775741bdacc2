package org.stemloop.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.Color;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import org.stemloop.detect.Blob;
import org.stemloop.detect.LogBlobDetector;
import org.stemloop.detect.LogParams;
import org.stemloop.image.Frame;
import org.stemloop.image.Frames;
import org.stemloop.image.ImageReaders;
import org.stemloop.image.Overlay;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code stemloop blobs}: LoG blob detection equal to scikit-image's {@code blob_log}. */
@Command(name = "blobs",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
                "Finds atoms (bright blobs) with a Laplacian of Gaussian, as blob_log does.",
                "Same blobs as scikit-image's blob_log, bit for bit. Integer images are scaled",
                "to [0, 1] first; float images keep their values (thresholds are in their units).",
                "Prints JSON: {\"blobs\": [[row, col, sigma], ...], \"timing_ms\": {...}}; a blob's",
                "radius is about 1.41 * sigma pixels."},
        footer = {"", "Example: stemloop blobs frame.npy --min-sigma 2 --max-sigma 6 --threshold 0.1"})
final class BlobsCommand implements Callable<Integer> {

    @Parameters(paramLabel = "IMAGE", description = "The frame: .npy, .tif, .png, .emd, .dm3/.dm4, .ser or .mrc.")
    Path image;

    @Option(names = "--frame", defaultValue = "0", paramLabel = "K",
            description = "Frame of a stack to use, from 0 (default ${DEFAULT-VALUE}).")
    int frameIndex;

    @Option(names = "--min-sigma", required = true, paramLabel = "PX",
            description = "Smallest Gaussian scale, pixels. About the sigma of the smallest atom spot.")
    double minSigma;

    @Option(names = "--max-sigma", required = true, paramLabel = "PX",
            description = "Largest Gaussian scale, pixels. Keep below half the atom spacing.")
    double maxSigma;

    @Option(names = "--num-sigma", defaultValue = "10", paramLabel = "N",
            description = "Number of scales between the two (default ${DEFAULT-VALUE}).")
    int numSigma;

    @Option(names = "--threshold", defaultValue = "0.2", paramLabel = "T",
            description = "Lowest LoG response kept, on the [0, 1] intensity scale (default ${DEFAULT-VALUE});"
                    + " lower finds fainter atoms and more noise. 'none': no absolute threshold.")
    String threshold;

    @Option(names = "--threshold-rel", paramLabel = "R",
            description = "Lowest response as a fraction of the strongest one, 0-1 (default: none).")
    Double thresholdRel;

    @Option(names = "--overlap", defaultValue = "0.5", paramLabel = "O",
            description = "Drop the smaller of two blobs overlapping by more than this fraction, 0-1"
                    + " (default ${DEFAULT-VALUE}).")
    double overlap;

    @Option(names = "--log-scale", description = "Space the scales logarithmically.")
    boolean logScale;

    @Option(names = "--exclude-border", defaultValue = "0", paramLabel = "K",
            description = "Ignore blobs within K pixels of the edge (default ${DEFAULT-VALUE}).")
    int excludeBorder;

    @Option(names = "--repeat", defaultValue = "1", paramLabel = "N",
            description = "Run N times after a warm-up and report min and median time (in-process).")
    int repeat;

    @Option(names = "--overlay", paramLabel = "PNG",
            description = "Also draw the blobs (circles of radius 1.41 sigma) on the frame into this PNG.")
    Path overlay;

    @Override
    public Integer call() throws Exception {
        if (repeat < 1) {
            throw new IllegalArgumentException("--repeat must be at least 1: " + repeat);
        }
        LogParams params = new LogParams(minSigma, maxSigma, numSigma, parseThreshold(threshold),
                thresholdRel == null ? Double.NaN : thresholdRel, overlap, logScale, excludeBorder);
        if (frameIndex < 0) {
            throw new IllegalArgumentException("--frame must be 0 or more: " + frameIndex);
        }
        Frame frame = Frames.requireFinite(ImageReaders.read(image, frameIndex, ImageReaders.NOTICES), image.toString());

        List<Blob> blobs = LogBlobDetector.detect(frame, params);
        double[] times = new double[repeat];
        if (repeat > 1) {
            int warmup = Math.max(3, Math.min(20, repeat));
            for (int i = 0; i < warmup; i++) {
                LogBlobDetector.detect(frame, params);
            }
        }
        for (int i = 0; i < repeat; i++) {
            long t0 = System.nanoTime();
            blobs = LogBlobDetector.detect(frame, params);
            times[i] = (System.nanoTime() - t0) / 1e6;
        }
        System.out.println(toJson(blobs, times));
        if (overlay != null) {
            Overlay picture = Overlay.of(frame).zoom(Math.max(1, Math.min(4, 1024 / Math.max(frame.height(), frame.width()))));
            for (Blob b : blobs) {
                picture.circle(b.row(), b.col(), b.radius(), Color.RED);
            }
            picture.write(overlay);
        }
        return 0;
    }

    private static double parseThreshold(String text) {
        if (text.equalsIgnoreCase("none")) {
            return Double.NaN;
        }
        try {
            double t = Double.parseDouble(text);
            if (!Double.isFinite(t)) {
                throw new NumberFormatException();
            }
            return t;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--threshold must be a number or 'none': " + text);
        }
    }

    private static String toJson(List<Blob> blobs, double[] times) throws Exception {
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = json.createObjectNode();
        ArrayNode rows = root.putArray("blobs");
        for (Blob b : blobs) {
            rows.addArray().add(b.row()).add(b.col()).add(b.sigma());
        }
        double[] sorted = times.clone();
        Arrays.sort(sorted);
        ObjectNode timing = root.putObject("timing_ms");
        timing.put("min", sorted[0]);
        timing.put("median", sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2);
        timing.put("runs", sorted.length);
        timing.put("threads", Runtime.getRuntime().availableProcessors());
        return json.writeValueAsString(root);
    }
}
