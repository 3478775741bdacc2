package org.stemloop.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import org.stemloop.cluster.AtomClasses;
import org.stemloop.detect.Blob;
import org.stemloop.detect.Contrast;
import org.stemloop.detect.Refinement;
import org.stemloop.detect.SubPixelRefiner;
import org.stemloop.image.Overlay;
import org.stemloop.reward.CrystalMask;
import org.stemloop.detect.LogParams;
import org.stemloop.optimize.Candidate;
import org.stemloop.optimize.ParetoFront;
import org.stemloop.optimize.SearchResult;
import org.stemloop.optimize.SearchSettings;
import org.stemloop.optimize.WindowChoice;
import org.stemloop.optimize.WindowedResult;

/**
 * The JSON files of {@code analyze} (DESIGN.md §3): {@code pareto.json} with every option, the
 * recommended id, the hypervolume, the lattice and the search; {@code detections.json} with the
 * recommended option's atoms.
 */
final class AnalyzeJson {

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private AnalyzeJson() {
    }

    static ObjectNode pareto(Path image, SearchResult result, AnalysisLattice lattice, SearchSettings settings,
            WindowedResult windows, Integer window, int frameHeight, int frameWidth) {
        ObjectNode root = JSON.createObjectNode();
        root.put("image", image.toString());
        root.set("lattice", lattice.json(JSON, frameHeight, frameWidth));
        ArrayNode options = root.putArray("options");
        ParetoFront front = result.front();
        for (int i = 0; i < front.size(); i++) {
            Candidate c = front.options().get(i);
            ObjectNode o = options.addObject();
            o.put("id", i);
            ObjectNode params = params(c.params());
            params.put("scales_used", result.space().layers(c.genes()).length);
            o.set("params", params);
            ObjectNode rewards = o.putObject("rewards");
            for (int r = 0; r < front.rewardNames().size(); r++) {
                rewards.put(front.rewardNames().get(r), c.reward(r));
            }
            o.put("n_atoms", c.atomCount());
        }
        root.put("recommended", front.recommendedIndex());
        root.put("hypervolume", front.hypervolume());
        root.put("hypervolume_reference", "(1, 1) after clipping each reward to [0, 1]");
        ObjectNode search = root.putObject("search");
        search.put("method", "NSGA-II (Jenetics 7.2), sigmas snapped to a grid of ratio " + result.space().sigmaRatio());
        search.put("population", settings.populationSize());
        search.put("generations", settings.generations());
        search.put("seed", settings.seed());
        search.put("evaluations", result.evaluations());
        search.put("log_layers", result.layers());
        if (windows != null) {
            ObjectNode w = root.putObject("windows");
            w.put("size", window);
            w.put("stride", Math.max(1, Math.round(0.2 * window)));
            w.put("consensus", "median of the windows' choices; every option is scored on the whole frame");
            w.set("consensus_params", params(windows.consensus().params()));
            ObjectNode pw = w.putObject("per_window");
            pw.put("rule", "each window's params detect the atoms of its cell (the pixels nearest its centre), "
                    + "merged across seams, each atom once");
            pw.put("n_atoms", windows.perWindow().atoms().size());
            pw.set("rewards", rewards(windows.perWindow().rewards(), front.rewardNames()));
            pw.put("ms", windows.perWindow().ms());
            ArrayNode map = w.putArray("map");
            for (int i = 0; i < windows.windows().size(); i++) {
                WindowChoice c = windows.windows().get(i);
                ObjectNode m = map.addObject();
                m.put("row", c.row());
                m.put("col", c.col());
                m.set("params", params(c.choice().params()));
                m.put("n_atoms", c.choice().atomCount());
                m.put("n_atoms_in_cell", windows.perWindow().owned().get(i));
            }
        }
        return root;
    }

    static ObjectNode params(LogParams p) {
        ObjectNode params = JSON.createObjectNode();
        params.put("min_sigma", p.minSigma());
        params.put("max_sigma", p.maxSigma());
        params.put("num_sigma", p.numSigma());
        params.put("threshold", p.threshold());
        params.put("overlap", p.overlap());
        return params;
    }

    private static ObjectNode rewards(double[] values, List<String> names) {
        ObjectNode r = JSON.createObjectNode();
        for (int i = 0; i < names.size(); i++) {
            r.put(names.get(i), values[i]);
        }
        return r;
    }

    /**
     * The atoms of per-window parameters: no single option of the front found them, so
     * {@code option} is null and {@code apply} says where they came from.
     */
    static ObjectNode perWindowDetections(WindowedResult.PerWindow perWindow, List<String> rewardNames) {
        ObjectNode root = detections(0, perWindow.atoms());
        root.putNull("option");
        root.put("apply", "per-window");
        root.set("rewards", rewards(perWindow.rewards(), rewardNames));
        return root;
    }

    /**
     * Adds the atoms' classes: {@code classes} (one per atom, in atom order, class 0 the largest),
     * {@code class_counts}, and how they were found.
     */
    static void addClasses(ObjectNode detections, AtomClasses c) {
        ArrayNode labels = detections.putArray("classes");
        for (int l : c.labels()) {
            labels.add(l);
        }
        ArrayNode counts = detections.putArray("class_counts");
        for (int n : c.counts()) {
            counts.add(n);
        }
        ObjectNode how = detections.putObject("classification");
        how.put("method", "PCA of %d x %d px patches around each atom, Gaussian mixture on the first %d scores"
                .formatted(c.patchSide(), c.patchSide(), c.scores().length > 0 ? c.scores()[0].length : 0));
        ArrayNode bic = how.putArray("bic");
        for (double b : c.bic()) {
            bic.add(b);
        }
        ArrayNode explained = how.putArray("explained_variance");
        for (double e : c.explained()) {
            explained.add(e);
        }
    }

    /**
     * Adds what issue 15 made of a real frame: the contrast, the refinement and how each atom got its
     * position, and the crystal mask ({@code masked_fraction}; {@code mask}: the grid of cells of
     * {@code cell} px, 1 crystal, 0 masked, row-major from the top-left).
     */
    static void addRealImage(ObjectNode detections, CrystalMask mask, Refinement refinement, SubPixelRefiner.Refined refined,
            Contrast contrast, boolean autoContrast) {
        detections.put("contrast", contrast.word());
        detections.put("contrast_source", autoContrast ? "auto" : "option");
        ObjectNode r = detections.putObject("refinement");
        r.put("method", refinement.word());
        r.put("fitted", refined.fitted());
        r.put("centre_of_mass", refined.centreOfMass());
        r.put("unchanged", refined.unchanged());
        detections.put("masked_fraction", mask.maskedFraction());
        ObjectNode m = detections.putObject("mask");
        m.put("cell", mask.cell());
        m.put("rows", mask.gridRows());
        m.put("cols", mask.gridCols());
        ArrayNode grid = m.putArray("grid");
        for (int[] row : mask.grid()) {
            ArrayNode a = grid.addArray();
            for (int v : row) {
                a.add(v);
            }
        }
    }

    /** Tints the masked cells of the overlay blue. */
    static void shadeMasked(Overlay overlay, CrystalMask mask) {
        java.awt.Color tint = new java.awt.Color(40, 110, 255, 80);
        for (int r = 0; r < mask.gridRows(); r++) {
            for (int c = 0; c < mask.gridCols(); c++) {
                if (!mask.cell(r, c)) {
                    int top = r * mask.cell(), left = c * mask.cell();
                    overlay.shade(top, left, Math.min(mask.cell(), mask.height() - top), Math.min(mask.cell(),
                            mask.width() - left), tint);
                }
            }
        }
    }

    static ObjectNode detections(int option, List<Blob> atoms) {
        ObjectNode root = JSON.createObjectNode();
        root.put("option", option);
        ArrayNode list = root.putArray("atoms");
        for (Blob b : atoms) {
            list.addArray().add(b.row()).add(b.col()).add(b.sigma());
        }
        return root;
    }
}
