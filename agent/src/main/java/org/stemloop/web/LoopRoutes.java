package org.stemloop.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.stemloop.store.DecisionRecord;
import org.stemloop.store.SpectraQueries;
import org.stemloop.store.WebQueries;

/**
 * The loop's half of the API (issue 20): an operator approves a pending acquisition request, all its positions
 * or the ones still ticked, and the page reads the spectra stored for a request. An approval is audited as a
 * choice is ({@code decisions}, action {@code approve-acquire}, the request id in the option column, the control
 * message in the detail) before it goes out, signed, on the control topic as
 * {@code {"action": "approve-acquire", "request_id", "positions", "by"}}; the agent checks it again, records its
 * own decision with the request's change, and only then publishes on {@code acquire}.
 */
final class LoopRoutes {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final LiveState live;
    private final Runnable broadcast;
    private final WorkerExecutor dbThread;
    private final WebQueries queries;
    private final SpectraQueries spectra;
    private final Supplier<WebMqtt> mqtt;

    LoopRoutes(LiveState live, Runnable broadcast, WorkerExecutor dbThread, WebQueries queries, SpectraQueries spectra,
               Supplier<WebMqtt> mqtt) {
        this.live = live;
        this.broadcast = broadcast;
        this.dbThread = dbThread;
        this.queries = queries;
        this.spectra = spectra;
        this.mqtt = mqtt;
    }

    /** GET /api/loop?frame_id=ID: the loop's view ({@link LoopLive#snapshot}), the points of that frame if known. */
    void loop(RoutingContext ctx) {
        Http.json(ctx, 200, live.loop().snapshot(ctx.queryParams().get("frame_id")));
    }

    /** POST /api/acquisitions/{requestId}/approve {@code {"positions": [poi ids]}}: 202, 400, 404 or 409. */
    void approve(RoutingContext ctx) {
        String requestId = ctx.pathParam("requestId");
        JsonObject body = ctx.body().asJsonObject();
        List<String> positions = positions(body == null ? null : body.getValue("positions"));
        if (positions == null) {
            Http.error(ctx, 400, "body must be {\"positions\": [poi ids]}: the positions to acquire (1-1000)");
            return;
        }
        String user = Auth.user(ctx).orElseThrow();
        ObjectNode request;
        try {
            request = live.loop().approving(requestId, positions, user);
        } catch (LoopLive.Refused r) {
            Http.error(ctx, r.status, r.getMessage());
            return;
        }
        broadcast.run();
        ObjectNode control = JSON.createObjectNode().put("action", "approve-acquire").put("request_id", requestId);
        ArrayNode ids = control.putArray("positions");
        positions.forEach(ids::add);
        control.put("by", user).put("via", "web");
        DecisionRecord audit = new DecisionRecord(request.path("run_id").asText(), user, "approve-acquire", requestId,
                request.path("frame_id").asText(null), LiveRoutes.AUDIT_PREFIX + control, Instant.now());
        ObjectNode answer = JSON.createObjectNode().put("request_id", requestId).put("state", "approving");
        answer.set("positions", ids);
        // audit first (no action without its record), then the control topic
        dbThread.executeBlocking(() -> {
            queries.recordDecision(audit);
            return (Void) null;
        }, true).compose(v -> mqtt.get().publishControl(control.toString()))
                .onSuccess(v -> Http.json(ctx, 202, answer))
                .onFailure(e -> {
                    live.loop().unsent(requestId, e.getMessage());
                    broadcast.run();
                    Http.error(ctx, 502, "not sent: " + e.getMessage());
                });
    }

    /** The approved ids, or {@code null} when the body is not a list of 1-1000 short texts. */
    private static List<String> positions(Object value) {
        if (!(value instanceof JsonArray array) || array.isEmpty() || array.size() > 1000) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (Object o : array) {
            if (!(o instanceof String s) || s.isEmpty() || s.length() > 32) {
                return null;
            }
            out.add(s);
        }
        return out;
    }

    /**
     * GET /api/acquisitions/{requestId}/spectra: {@code {"request_id", "spectra": [{"poi_id", "element", "si_snr",
     * "c_snr", "offset_ev", "step_ev", "counts", ...}]}} as stored by the agent.
     */
    void spectra(RoutingContext ctx) {
        String requestId = ctx.pathParam("requestId");
        dbThread.executeBlocking(() -> spectra.spectra(requestId), false).onFailure(ctx::fail).onSuccess(rows -> {
            ObjectNode root = JSON.createObjectNode().put("request_id", requestId);
            ArrayNode list = root.putArray("spectra");
            for (SpectraQueries.SpectrumRow r : rows) {
                ObjectNode o = list.addObject().put("poi_id", r.poiId()).put("frame_id", r.frameId()).put("row", r.row())
                        .put("col", r.col()).put("dwell_ms", r.dwellMs()).put("element", r.element())
                        .put("si_snr", r.siSnr()).put("c_snr", r.cSnr()).put("offset_ev", r.offsetEv())
                        .put("step_ev", r.stepEv()).put("received_at", r.receivedAt().toString());
                o.set("atom", r.atomIndex() == null ? null : JSON.getNodeFactory().numberNode(r.atomIndex()));
                o.set("counts", counts(r.countsJson()));
            }
            Http.json(ctx, 200, root);
        });
    }

    private static JsonNode counts(String json) {
        try {
            return JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("Stored spectrum counts are not JSON", e);
        }
    }
}
