package org.stemloop.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.stemloop.detect.Contrast;
import org.stemloop.eval.Evaluation;
import org.stemloop.eval.LatticeReference;
import org.stemloop.image.Frame;
import org.stemloop.image.ImageReaders;
import org.stemloop.reward.LatticeCell;
import org.stemloop.reward.LatticeEstimator;
import org.stemloop.eval.MatchResult;
import org.stemloop.eval.PaperCounts;
import org.stemloop.eval.Point;
import org.stemloop.eval.Scores;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code evaluate}: scores detected atom positions against true ones, both ways (DESIGN.md section 3). */
@Command(name = "evaluate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
                "Scores detected atom positions against the true ones and prints JSON on stdout.",
                "Two counting rules, both in pixels (row, col):",
                "  paper:      a detection within the radius of SOME true atom is a TP, otherwise an FP;"
                        + " a true atom with no detection within the radius is an FN (Barakati et al. 2024;"
                        + " two detections on one atom are both TPs).",
                "  one_to_one: a maximum matching, each atom and each detection used at most once;"
                        + " a second detection on an atom is an FP.",
                "Top-level tp, fp, fn are the paper's counts; precision, recall, f1 the one-to-one scores.",
                "With --lattice-fit IMAGE instead of --truth: no true positions exist, so the image's own lattice"
                        + " (spectrum and folded cell) is fitted to the detections by least squares and every column"
                        + " of it inside the frame less --margin is expected: a self-consistency reference.",
                "Files: JSON with \"atoms\": [[row, col, ...], ...] (simulate's truth.json, detections.json,"
                        + " AtomNet *.atomnet.json), \"blobs\": [[row, col, sigma], ...] (the blobs command),"
                        + " or a bare array of [row, col, ...]."})
final class EvaluateCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    CommandSpec spec;

    @Option(names = "--truth", paramLabel = "FILE",
            description = "True atom positions (JSON), pixels.")
    Path truth;

    @Option(names = "--lattice-fit", paramLabel = "IMAGE",
            description = {"Instead of --truth: the image the detections came from; its lattice, fitted to the"
                    + " detections, gives the expected columns (a self-consistency reference, see above)."})
    Path latticeImage;

    @Option(names = "--margin", paramLabel = "PIXELS",
            description = "With --lattice-fit: border left out of the count, px (default: half the longer cell side).")
    Double margin;

    @Option(names = "--contrast", paramLabel = "auto|bright|dark", defaultValue = "auto",
            description = "With --lattice-fit: atoms bright or dark in the image, as for analyze (default ${DEFAULT-VALUE}).")
    String contrast;

    @Option(names = "--detections", required = true, paramLabel = "FILE",
            description = "Detected atom positions (JSON), pixels.")
    Path detections;

    @Option(names = "--radius", paramLabel = "PIXELS",
            description = {"Match radius in pixels (> 0): a detection this close to an atom counts as finding it.",
                    "Default: a third of the median nearest-neighbour distance among the true atoms"
                            + " (e.g. ~3.4 px for simulated graphene at its default 0.14 A/px); printed in the output."})
    Double radius;

    @Override
    public Integer call() throws Exception {
        if ((truth == null) == (latticeImage == null)) {
            throw new IllegalArgumentException("give --truth FILE or --lattice-fit IMAGE (one of them)");
        }
        if (latticeImage != null) {
            return latticeFit();
        }
        List<Point> truthAtoms = AtomListFile.read(truth, "truth");
        List<Point> detected = AtomListFile.read(detections, "detections");
        Evaluation e;
        if (radius != null) {
            e = Evaluation.of(detected, truthAtoms, radius);
        } else {
            if (truthAtoms.size() < 2) {
                throw new Cli.InputException("truth file " + truth + ": " + truthAtoms.size()
                        + " atom(s), too few for the default radius; give --radius");
            }
            e = Evaluation.atDefaultRadius(detected, truthAtoms);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println(toJson(e, truthAtoms.size(), detected.size()).toPrettyString());
        out.flush();
        return 0;
    }

    private int latticeFit() throws Exception {
        List<Point> detected = AtomListFile.read(detections, "detections");
        Frame recorded = ImageReaders.read(latticeImage);
        Contrast shown = contrast.equals("auto") ? Contrast.detect(recorded) : Contrast.parse(contrast);
        Frame frame = shown.brightAtoms(recorded);
        LatticeCell cell = LatticeEstimator.cell(frame);
        double[] sides = cell.sidesPx();
        double m = margin != null ? margin : 0.5 * Math.max(sides[0], sides[1]);
        LatticeReference ref = LatticeReference.evaluate(cell, detected, frame.height(), frame.width(), m,
                radius != null ? radius : Double.NaN);
        PrintWriter out = spec.commandLine().getOut();
        out.println(LatticeFitJson.of(JSON, ref, latticeImage, shown, detected.size()).toPrettyString());
        out.flush();
        return 0;
    }

    private static ObjectNode toJson(Evaluation e, int nTruth, int nDetections) {
        Scores reported = e.reported();
        ObjectNode root = JSON.createObjectNode();
        putScores(root, reported);
        root.put("radius", e.radius());
        root.put("radius_source", e.radiusDefault() ? "median nearest-neighbour distance of truth / 3" : "--radius");
        root.put("n_truth", nTruth);
        root.put("n_detections", nDetections);
        PaperCounts paper = e.paper();
        ObjectNode p = putScores(root.putObject("paper"), paper.scores());
        p.put("truths_found", paper.truthsFound());
        MatchResult m = e.oneToOne();
        ObjectNode o = putScores(root.putObject("one_to_one"), m.scores());
        if (Double.isNaN(m.meanError())) {
            o.putNull("mean_error");
        } else {
            o.put("mean_error", m.meanError());
        }
        return root;
    }

    static ObjectNode putScores(ObjectNode node, Scores s) {
        node.put("tp", s.tp());
        node.put("fp", s.fp());
        node.put("fn", s.fn());
        node.put("precision", s.precision());
        node.put("recall", s.recall());
        node.put("f1", s.f1());
        return node;
    }
}
