package org.stemloop.agent;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.stemloop.detect.LogParams;
import org.stemloop.reward.CentredSquare;
import org.stemloop.reward.CrystalMask;
import org.stemloop.reward.MaskGrid;
import org.stemloop.reward.HexagonalLattice;
import org.stemloop.reward.Honeycomb;
import org.stemloop.reward.Lattice;
import org.stemloop.reward.PixelCalibration;
import org.stemloop.reward.RectangularLattice;
import org.stemloop.reward.SquareLattice;

/**
 * The run state as the database keeps it ({@code runs.state_json}), so an agent killed mid-run resumes
 * with the mode, pause, lattice, parameters and Pareto front it had: the next frame is analysed exactly
 * as it would have been, and an operator's {@code choose} on the front offered before the crash still works.
 *
 * <p>Everything is written, nothing derived: the front's lattice is kept with its type and constants
 * (an FFT estimate cannot be recomputed from a frame that is gone). {@code NaN} is written as {@code null}.
 * The format carries a version ({@code "v": 1}); a snapshot this code cannot read is reported, not guessed.
 */
final class RunStateJson {

    static final int VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    private RunStateJson() {
    }

    /** The state as one JSON text. */
    static String write(RunState s) {
        ObjectNode root = JSON.createObjectNode().put("v", VERSION).put("run_id", s.runId()).put("mode", s.mode().id())
                .put("paused", s.paused()).put("material", s.material());
        number(root, "pixel_size", s.pixelSize());
        Tuning t = s.tuning();
        ObjectNode tuning = root.putObject("tuning").put("source", t.source());
        tuning.set("params", params(t.params()));
        tuning.put("option", t.option());
        tuning.set("kind", kind(t.kind()));
        number(tuning, "reference_qc", t.referenceQc());
        number(tuning, "reference_er", t.referenceEr());
        tuning.set("reference_mask", mask(t.referenceMask()));
        root.set("options", options(s.options()));
        return root.put("reoptimize", s.reoptimize()).put("last_frame_id", s.lastFrameId()).toString();
    }

    /**
     * The state written by {@link #write}.
     *
     * @throws IllegalArgumentException naming what is wrong when the text is not such a snapshot
     */
    static RunState read(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Saved run state is not JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || root.path("v").asInt(-1) != VERSION) {
            throw new IllegalArgumentException("Saved run state has version " + (root == null ? "none" : root.path("v"))
                    + ", this agent reads version " + VERSION);
        }
        try {
            JsonNode t = root.get("tuning");
            Tuning tuning = new Tuning(readParams(t.get("params")), t.get("source").asText(), optionalInt(t, "option"),
                    readKind(t.get("kind")), number(t, "reference_qc"), number(t, "reference_er"),
                    readMask(t.get("reference_mask")));
            return new RunState(root.get("run_id").asText(), RunMode.parse(root.get("mode").asText()),
                    root.get("paused").asBoolean(), text(root, "material"), number(root, "pixel_size"), tuning,
                    readOptions(root.get("options")), text(root, "reoptimize"), text(root, "last_frame_id"));
        } catch (NullPointerException | IllegalArgumentException e) {
            throw new IllegalArgumentException("Saved run state is incomplete or invalid (" + e.getMessage() + "): "
                    + json, e);
        }
    }

    private static JsonNode options(ParetoOptions o) {
        if (o == null) {
            return JSON.nullNode();
        }
        ObjectNode node = JSON.createObjectNode().put("frame_id", o.frameId()).put("trigger", o.trigger());
        node.set("kind", kind(o.kind()));
        var list = node.putArray("options");
        for (ParetoOption p : o.options()) {
            ObjectNode option = list.addObject().put("id", p.id());
            option.set("params", params(p.params()));
            number(option, "qc", p.qc());
            number(option, "er", p.er());
            option.put("atoms", p.atoms());
            option.put("label", p.label());
        }
        return node.put("recommended", o.recommended()).put("search_ms", o.searchMs());
    }

    private static ParetoOptions readOptions(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        List<ParetoOption> options = new ArrayList<>();
        for (JsonNode p : node.get("options")) {
            options.add(new ParetoOption(p.get("id").asInt(), readParams(p.get("params")), number(p, "qc"),
                    number(p, "er"), p.get("atoms").asInt(), p.path("label").asText("")));
        }
        return new ParetoOptions(node.get("frame_id").asText(), node.get("trigger").asText(), readKind(node.get("kind")),
                options, node.get("recommended").asInt(), node.get("search_ms").asLong());
    }

    /** A crystal mask: its frame size, cell and grid rows ({@link MaskGrid}); {@code null} for none. */
    private static JsonNode mask(CrystalMask m) {
        if (m == null) {
            return JSON.nullNode();
        }
        ObjectNode node = JSON.createObjectNode().put("height", m.height()).put("width", m.width()).put("cell", m.cell());
        var grid = node.putArray("grid");
        MaskGrid.rows(m).forEach(grid::add);
        return node;
    }

    /** A mask written by {@link #mask}; absent in snapshots from before issue 15. */
    private static CrystalMask readMask(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        List<String> rows = new ArrayList<>();
        node.get("grid").forEach(r -> rows.add(r.asText()));
        return MaskGrid.parse(node.get("height").asInt(), node.get("width").asInt(), node.get("cell").asInt(), rows);
    }

    private static JsonNode kind(FrameKind k) {
        if (k == null) {
            return JSON.nullNode();
        }
        ObjectNode node = JSON.createObjectNode().put("name", k.lattice().name());
        number(node, "pixel_size", k.lattice().pixelSize());
        PixelCalibration.Result c = k.lattice().calibration();
        if (c != null) {
            number(node, "told_pixel_size", c.toldAngstrom());
            node.put("calibrated", c.corrected()).put("calibration_note", c.note());
        }
        node.set("lattice", lattice(k.lattice().lattice()));
        return node.put("height", k.height()).put("width", k.width());
    }

    private static FrameKind readKind(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        String name = node.get("name").asText();
        double px = number(node, "pixel_size");
        // snapshots from before the agent calibrated pixel sizes have none: as told
        FrameLattice lattice = node.has("told_pixel_size") && !FrameLattice.FFT.equals(name)
                ? new FrameLattice(name, readLattice(node.get("lattice")), px, new PixelCalibration.Result(px,
                        number(node, "told_pixel_size"), node.path("calibrated").asBoolean(),
                        node.path("calibration_note").asText("")))
                : new FrameLattice(name, readLattice(node.get("lattice")), px);
        return new FrameKind(lattice, node.get("height").asInt(), node.get("width").asInt());
    }

    /** A lattice by its type and constants (Java 17: no pattern switch over the sealed interface yet). */
    private static ObjectNode lattice(Lattice l) {
        ObjectNode node = JSON.createObjectNode();
        if (l instanceof Honeycomb h) {
            return node.put("type", "honeycomb").put("name", h.name()).put("a", h.a());
        } else if (l instanceof CentredSquare c) {
            return node.put("type", "centred-square").put("name", c.name()).put("a", c.a());
        } else if (l instanceof SquareLattice s) {
            return node.put("type", "square").put("a", s.a()).put("atoms_per_cell", s.atomsPerCell());
        } else if (l instanceof RectangularLattice r) {
            return node.put("type", "rectangular").put("a", r.a()).put("b", r.b())
                    .put("atoms_per_cell", r.atomsPerCell());
        } else if (l instanceof HexagonalLattice h) {
            return node.put("type", "hexagonal").put("a", h.a()).put("atoms_per_cell", h.atomsPerCell());
        }
        throw new IllegalArgumentException("No snapshot format for lattice " + l);
    }

    private static Lattice readLattice(JsonNode n) {
        double a = n.get("a").asDouble();
        return switch (n.get("type").asText()) {
            case "honeycomb" -> new Honeycomb(n.get("name").asText(), a);
            case "centred-square" -> new CentredSquare(n.get("name").asText(), a);
            case "square" -> new SquareLattice(a, n.get("atoms_per_cell").asInt());
            case "rectangular" -> new RectangularLattice(a, n.get("b").asDouble(), n.get("atoms_per_cell").asInt());
            case "hexagonal" -> new HexagonalLattice(a, n.get("atoms_per_cell").asInt());
            default -> throw new IllegalArgumentException("unknown lattice type " + n.get("type"));
        };
    }

    /** Every field of the parameters, so the restored set is equal to the one that served. */
    private static ObjectNode params(LogParams p) {
        ObjectNode node = JSON.createObjectNode().put("min_sigma", p.minSigma()).put("max_sigma", p.maxSigma())
                .put("num_sigma", p.numSigma());
        number(node, "threshold", p.threshold());
        number(node, "threshold_rel", p.thresholdRel());
        return node.put("overlap", p.overlap()).put("log_scale", p.logScale()).put("exclude_border", p.excludeBorder());
    }

    private static LogParams readParams(JsonNode n) {
        return new LogParams(n.get("min_sigma").asDouble(), n.get("max_sigma").asDouble(), n.get("num_sigma").asInt(),
                number(n, "threshold"), number(n, "threshold_rel"), n.get("overlap").asDouble(),
                n.get("log_scale").asBoolean(), n.get("exclude_border").asInt());
    }

    private static void number(ObjectNode node, String field, double value) {
        if (Double.isNaN(value)) {
            node.putNull(field);
        } else {
            node.put(field, value);
        }
    }

    private static double number(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? Double.NaN : v.asDouble();
    }

    private static Integer optionalInt(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asInt();
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
