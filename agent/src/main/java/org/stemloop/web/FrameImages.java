package org.stemloop.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.stemloop.agent.UnitRange;
import org.stemloop.detect.Blob;
import org.stemloop.detect.LogBlobDetector;
import org.stemloop.detect.Refinement;
import org.stemloop.optimize.CrystalAtoms;
import org.stemloop.reward.CrystalMask;
import org.stemloop.reward.MaskGrid;
import org.stemloop.detect.LogParams;
import org.stemloop.image.Frame;
import org.stemloop.image.PngWriter;

/**
 * What the browser draws for a frame: its PNG and, for the Pareto previews, the atoms each option
 * finds on it. Both are computed on worker threads and kept for the last few frames and options.
 *
 * <p>An option's atoms come from the pareto message when it carries them ({@code "atoms"}); otherwise
 * the LoG detector runs here with the option's parameters on the frame scaled to [0, 1], as the agent's
 * LoG* sees it (30-60 ms for 512 x 512 on 2 cores).
 * Confined to the web verticle's event loop.
 */
final class FrameImages {

    private static final int KEPT = 32;

    private final Vertx vertx;
    private final Map<String, Future<byte[]>> pngs = lru();
    private final Map<String, Future<ObjectNode>> atoms = lru();

    FrameImages(Vertx vertx) {
        this.vertx = vertx;
    }

    Future<byte[]> png(String frameId, Frame frame) {
        return forgetFailure(pngs, frameId,
                pngs.computeIfAbsent(frameId, id -> vertx.executeBlocking(() -> PngWriter.encode(frame), false)));
    }

    /** {@code {"frame_id", "option_id", "source": "pareto"|"computed", "atoms": [[row, col, sigma], ...]}}. */
    Future<ObjectNode> optionAtoms(String frameId, Frame frame, String optionId, JsonNode option) {
        return optionAtoms(frameId, frame, optionId, option, null);
    }

    /**
     * As above, computed as the agent reports atoms when {@code pareto} (the front's message) carries its
     * crystal mask and refinement (issue 15): the detections off the mask dropped, the rest refined
     * ({@code CrystalAtoms}, the path of the agent and analyze), so the option in use previews the agent's
     * own detections atom for atom.
     */
    Future<ObjectNode> optionAtoms(String frameId, Frame frame, String optionId, JsonNode option, JsonNode pareto) {
        AtomPath path = AtomPath.of(pareto, frame);
        String key = frameId + "\u0000" + optionId + "\u0000" + option.path("params") + "\u0000" + path;
        return forgetFailure(atoms, key, atoms.computeIfAbsent(key, k -> vertx.executeBlocking(() -> {
            ObjectNode out = JsonNodeFactory.instance.objectNode().put("frame_id", frameId).put("option_id", optionId);
            if (option.path("atoms").isArray()) {
                out.put("source", "pareto").set("atoms", option.get("atoms"));
                return out;
            }
            // on the frame scaled to [0, 1], as the agent's LoG* runs it: the options' thresholds mean that
            Frame unit = UnitRange.of(frame);
            List<Blob> found = path.apply(unit, LogBlobDetector.detect(unit, params(option.path("params"))));
            ArrayNode rows = out.put("source", "computed").putArray("atoms");
            for (Blob b : found) {
                rows.addArray().add(b.row()).add(b.col()).add(b.sigma());
            }
            return out;
        }, false)));
    }

    /** The mask and refinement a pareto message names, or none (plain LoG maxima, the whole frame). */
    private record AtomPath(CrystalMask mask, double nearestNeighbourPx, Refinement refinement) {

        static AtomPath of(JsonNode pareto, Frame frame) {
            if (pareto == null || !pareto.path("mask").path("grid").isArray()
                    || !pareto.path("lattice_context").path("nearest_neighbour_px").isNumber()) {
                return new AtomPath(null, 0, Refinement.NONE);
            }
            JsonNode m = pareto.get("mask");
            List<String> rows = new java.util.ArrayList<>();
            m.get("grid").forEach(r -> rows.add(r.asText()));
            CrystalMask mask = MaskGrid.parse(frame.height(), frame.width(), m.path("cell").asInt(), rows);
            Refinement how = pareto.path("refinement").isTextual() ? Refinement.parse(pareto.get("refinement").asText())
                    : Refinement.NONE;
            return new AtomPath(mask, pareto.get("lattice_context").get("nearest_neighbour_px").asDouble(), how);
        }

        List<Blob> apply(Frame unit, List<Blob> found) {
            return mask == null ? found : CrystalAtoms.keep(unit, found, mask, nearestNeighbourPx, refinement).atoms();
        }

        @Override
        public String toString() {
            return mask == null ? "plain" : refinement.word() + "/" + MaskGrid.rows(mask);
        }
    }

    /** A failed computation is not kept: the next request tries again. */
    private static <V> Future<V> forgetFailure(Map<String, Future<V>> cache, String key, Future<V> f) {
        return f.onFailure(e -> cache.remove(key, f));
    }

    /** The {@code params} object of a pareto option (DESIGN §3) as LoG parameters. */
    static LogParams params(JsonNode p) {
        for (String key : new String[] {"min_sigma", "max_sigma", "num_sigma", "overlap"}) {
            if (!p.path(key).isNumber()) {
                throw new IllegalArgumentException("Pareto option params lack a number " + key + ": " + p);
            }
        }
        double threshold = p.path("threshold").isNumber() ? p.get("threshold").asDouble() : Double.NaN;
        return LogParams.of(p.get("min_sigma").asDouble(), p.get("max_sigma").asDouble(), p.get("num_sigma").asInt(),
                threshold, p.get("overlap").asDouble());
    }

    private static <V> Map<String, V> lru() {
        return new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > KEPT;
            }
        };
    }
}
