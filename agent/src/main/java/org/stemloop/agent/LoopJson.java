package org.stemloop.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.stemloop.mqtt.Payloads;
import org.stemloop.poi.BeamPosition;
import org.stemloop.poi.DoseBudget;
import org.stemloop.poi.PointOfInterest;
import org.stemloop.poi.SiteCall;

/** The JSON of the loop's topics (poi, acquire, sites); documented in {@code broker-config/asyncapi.yaml}. */
final class LoopJson {

    private LoopJson() {
    }

    /** {@code {"frame_id", "run_id", "points": [...], "request": {...}|null}}. */
    static ObjectNode poi(String runId, String frameId, List<PointOfInterest> points, ObjectNode request) {
        ObjectNode root = Payloads.object().put("frame_id", frameId).put("run_id", runId);
        ArrayNode arr = root.putArray("points");
        for (PointOfInterest p : points) {
            ObjectNode o = arr.addObject().put("poi_id", p.id()).put("kind", p.kind().id()).put("atom", p.atom())
                    .put("row", p.row()).put("col", p.col());
            number(o, "x_angstrom", p.xAngstrom());
            number(o, "y_angstrom", p.yAngstrom());
            o.put("score", p.score()).put("reason", p.reason());
        }
        root.set("request", request);
        return root;
    }

    /** The request as it goes on acquire (and inside poi): {@code {"request_id", "frame_id", "run_id", ...}}. */
    static ObjectNode request(String requestId, String runId, String frameId, String state, List<BeamPosition> positions,
                              DoseBudget budget, double heldBeforeMs, int height, int width, double pixelSize) {
        ObjectNode root = Payloads.object().put("request_id", requestId).put("frame_id", frameId).put("run_id", runId)
                .put("state", state).put("height", height).put("width", width);
        number(root, "pixel_size_angstrom", pixelSize);
        root.set("positions", positions(positions));
        double sum = positions.stream().mapToDouble(BeamPosition::dwellMs).sum();
        root.put("dwell_ms_total", sum);
        root.putObject("budget").put("per_frame_ms", budget.perFrameMs()).put("per_run_ms", budget.perRunMs())
                .put("run_held_ms", heldBeforeMs + sum);
        return root;
    }

    static ArrayNode positions(List<BeamPosition> positions) {
        ArrayNode arr = Payloads.object().arrayNode();
        for (BeamPosition b : positions) {
            ObjectNode o = arr.addObject().put("poi_id", b.poiId()).put("row", b.row()).put("col", b.col());
            number(o, "x_angstrom", b.xAngstrom());
            number(o, "y_angstrom", b.yAngstrom());
            o.put("dwell_ms", b.dwellMs());
        }
        return arr;
    }

    /** The positions of a stored request. */
    static List<BeamPosition> readPositions(JsonNode arr) {
        return java.util.stream.StreamSupport.stream(arr.spliterator(), false)
                .map(o -> new BeamPosition(o.path("poi_id").asText(), o.path("row").asDouble(), o.path("col").asDouble(),
                        o.path("x_angstrom").asDouble(Double.NaN), o.path("y_angstrom").asDouble(Double.NaN),
                        o.path("dwell_ms").asDouble()))
                .toList();
    }

    /** {@code {"frame_id", "run_id", "request_id", "poi_id", "row", "col", "element", "si_snr", "c_snr", "atom"?, ...}}. */
    static ObjectNode site(String runId, String frameId, String requestId, BeamPosition at, SiteCall call,
                           Integer atom, Double distancePx) {
        ObjectNode o = Payloads.object().put("frame_id", frameId).put("run_id", runId).put("request_id", requestId)
                .put("poi_id", at.poiId()).put("row", at.row()).put("col", at.col());
        number(o, "x_angstrom", at.xAngstrom());
        number(o, "y_angstrom", at.yAngstrom());
        o.put("element", call.element()).put("si_snr", call.silicon().snr()).put("c_snr", call.carbon().snr())
                .put("confirmed", !"unknown".equals(call.element()));
        if (atom != null) {
            o.put("atom", atom).put("atom_distance_px", distancePx);
        } else {
            o.putNull("atom");
        }
        return o;
    }

    private static void number(ObjectNode o, String field, double v) {
        if (Double.isFinite(v)) {
            o.put(field, v);
        } else {
            o.putNull(field);
        }
    }
}
