package org.stemloop.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import org.stemloop.detect.Blob;
import org.stemloop.image.Frame;
import org.stemloop.optimize.OptionExplanation;
import org.stemloop.reward.RewardContext;

/**
 * The explanation of a Pareto option on the front's frame for the browser's preview
 * ({@code GET /api/pareto/options/{id}/explain}): against another option (the one in use), the atoms
 * it adds and drops, its crowded pairs and its count by region ({@link OptionExplanation}). Both
 * options' atoms come from {@link FrameImages}; the lattice from the pareto message's
 * {@code lattice_context}.
 */
final class OptionExplainer {

    /** Points listed at most per kind, so a preview of a pathological option stays small. */
    static final int MAX_POINTS = 4000;

    private final Vertx vertx;
    private final FrameImages images;

    OptionExplainer(Vertx vertx, FrameImages images) {
        this.vertx = vertx;
        this.images = images;
    }

    /**
     * {@code {"frame_id", "option_id", "against", "matching_radius_px", "added": [[row, col], ...],
     * "dropped": [...], "crowded_pairs": [[row, col, row, col], ...], "qc_grid": {...}, "truncated"}}.
     */
    Future<ObjectNode> explain(String frameId, Frame frame, JsonNode pareto, JsonNode option, JsonNode against) {
        JsonNode c = pareto.path("lattice_context");
        if (!c.path("expected_atoms").isNumber() || !c.path("nearest_neighbour_px").isNumber()
                || !c.path("crowding_limit_px").isNumber()) {
            return Future.failedFuture(new IllegalStateException("the pareto message has no lattice_context"));
        }
        RewardContext context = new RewardContext(c.get("expected_atoms").asDouble(),
                c.get("nearest_neighbour_px").asDouble(), c.get("crowding_limit_px").asDouble());
        String optionId = option.path("id").asText();
        String againstId = against.path("id").asText();
        Future<ObjectNode> mine = images.optionAtoms(frameId, frame, optionId, option, pareto);
        Future<ObjectNode> theirs = images.optionAtoms(frameId, frame, againstId, against, pareto);
        return Future.all(mine, theirs).compose(all -> vertx.executeBlocking(() -> {
            OptionExplanation why = OptionExplanation.of(blobs(mine.result()), blobs(theirs.result()), context,
                    frame.height(), frame.width());
            return json(frameId, optionId, againstId, why);
        }, false));
    }

    private static ObjectNode json(String frameId, String optionId, String againstId, OptionExplanation why) {
        ObjectNode out = JsonNodeFactory.instance.objectNode().put("frame_id", frameId).put("option_id", optionId)
                .put("against", againstId).put("matching_radius_px", why.diff().radius());
        boolean truncated = points(out.putArray("added"), why.diff().added());
        truncated |= points(out.putArray("dropped"), why.diff().dropped());
        ArrayNode pairs = out.putArray("crowded_pairs");
        for (OptionExplanation.CrowdedPair p : why.crowded()) {
            if (pairs.size() >= MAX_POINTS) {
                truncated = true;
                break;
            }
            pairs.addArray().add(p.atom().row()).add(p.atom().col()).add(p.neighbour().row()).add(p.neighbour().col());
        }
        OptionExplanation.QcGrid g = why.qc();
        ObjectNode grid = out.putObject("qc_grid").put("rows", g.rows()).put("cols", g.cols())
                .put("cell_height", g.cellHeight()).put("cell_width", g.cellWidth());
        ArrayNode found = grid.putArray("found");
        for (int n : g.found()) {
            found.add(n);
        }
        grid.put("expected_per_cell", g.expected()[0]);
        return out.put("truncated", truncated);
    }

    private static boolean points(ArrayNode into, List<Blob> atoms) {
        for (Blob b : atoms) {
            if (into.size() >= MAX_POINTS) {
                return true;
            }
            into.addArray().add(b.row()).add(b.col());
        }
        return false;
    }

    private static List<Blob> blobs(ObjectNode atoms) {
        List<Blob> out = new ArrayList<>();
        for (JsonNode a : atoms.path("atoms")) {
            out.add(new Blob(a.get(0).asDouble(), a.get(1).asDouble(), a.size() > 2 ? a.get(2).asDouble() : 1));
        }
        return out;
    }
}
