package org.stemloop.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.logging.Logger;
import io.vertx.core.internal.logging.LoggerFactory;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.stemloop.mqtt.FrameCodec;
import org.stemloop.mqtt.FrameRejected;
import org.stemloop.mqtt.IncomingFrame;
import org.stemloop.mqtt.InputLimits;
import org.stemloop.mqtt.MessageSigning;
import org.stemloop.mqtt.Topics;
import org.stemloop.store.DecisionRecord;
import org.stemloop.store.WebQueries;

/**
 * The live half of the API: the stream, the current state and frame, the Pareto front with option
 * previews, and the operator's actions (choose, pause, resume, re-optimise, set-mode), each audited
 * in the decisions table with the user before it goes out on the control topic, signed
 * ({@link MessageSigning}) so that the agent records the user as the actor. Only the agent's signed
 * results are shown; others are counted in the state's {@code unauthenticated} field.
 */
final class LiveRoutes {

    private static final Logger LOG = LoggerFactory.getLogger(LiveRoutes.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * Starts the detail of the web's audit rows, so the history tells the logged-in request apart from
     * the agent's own record of the same control message (which holds the bare message).
     */
    static final String AUDIT_PREFIX = "web request: ";
    /** Control actions an operator may send besides {@code choose}. */
    static final Set<String> ACTIONS = Set.of("pause", "resume", "reoptimize", "set-mode");

    private final Vertx vertx;
    private final LiveState live;
    private final SseHub sse;
    private final WorkerExecutor dbThread;
    private final WebQueries queries;
    private final Supplier<WebMqtt> mqtt;
    private final Topics topics;
    private final FrameImages images;
    private final OptionExplainer explainer;
    private final InputLimits limits;
    private final MessageSigning signing;

    LiveRoutes(Vertx vertx, LiveState live, SseHub sse, WorkerExecutor dbThread, WebQueries queries,
               Supplier<WebMqtt> mqtt, Topics topics, InputLimits limits, MessageSigning signing) {
        this.limits = limits;
        this.signing = signing;
        this.vertx = vertx;
        this.live = live;
        this.sse = sse;
        this.dbThread = dbThread;
        this.queries = queries;
        this.mqtt = mqtt;
        this.topics = topics;
        this.images = new FrameImages(vertx);
        this.explainer = new OptionExplainer(vertx, images);
    }

    /** Everything the web's MQTT client hears, on the event loop. */
    void onMessage(WebMqtt.Received m) {
        if (m.topic().equals(topics.frames())) {
            // the configured limits, checked before anything is allocated, as the agent does
            vertx.executeBlocking(() -> FrameCodec.decode(m.payload(), m.userProperties(), limits), false)
                    .onSuccess(this::onFrame)
                    .onFailure(e -> {
                        if (!(e instanceof FrameRejected)) {
                            LOG.warn("Web UI cannot decode a frame: " + e.getMessage());
                        }
                    });
            return;
        }
        if (m.payload().length == 0) {
            return; // a retained message cleared
        }
        if (!signing.verifies(m.topic(), m.payload(), m.userProperties().get(MessageSigning.PROPERTY))) {
            // not the agent's: shown nowhere, but the page says that one came
            LOG.warn("Web UI ignores a message on " + m.topic() + " without the agent's signature");
            live.onUnauthenticated(m.topic());
            broadcast();
            return;
        }
        JsonNode json;
        try {
            json = JSON.readTree(m.payload());
        } catch (java.io.IOException e) {
            LOG.warn("Web UI ignores a message on " + m.topic() + " that is not JSON");
            return;
        }
        if (json == null || !json.isObject()) {
            return;
        }
        live.loop().on(topics, m.topic(), json);
        if (m.topic().equals(topics.detections())) {
            live.onDetections(json);
        } else if (m.topic().equals(topics.pareto())) {
            live.onPareto(json);
        } else if (m.topic().equals(topics.status())) {
            live.onStatus(json);
        } else if (m.topic().equals(topics.errors())) {
            live.onError(json);
        } else if (m.topic().equals(topics.tracks())) {
            live.tracks().onTracks(json);
        }
        broadcast();
    }

    private void onFrame(IncomingFrame f) {
        live.onFrame(f.frameId(), f.frame());
        JsonNode status = live.status();
        if (status != null && "paused".equals(status.path("state").asText())) {
            broadcast();  // no detections will follow: show the frame itself
        }
    }

    void broadcast() {
        sse.broadcast("state", live.snapshot().toString());
    }

    /** GET /api/live: Server-Sent Events, {@code state} events carrying {@link LiveState#snapshot()}. */
    void stream(RoutingContext ctx) {
        sse.open(ctx, live.snapshot().toString());
    }

    /** GET /api/state. */
    void state(RoutingContext ctx) {
        Http.json(ctx, 200, live.snapshot());
    }

    /** GET /api/settings: what this web UI and the agent it watches run with. */
    void settings(RoutingContext ctx) {
        JsonNode status = live.status();
        JsonNode lastParams = live.snapshot().path("detections").path("log*").path("params");
        ObjectNode s = JSON.createObjectNode().put("instrument", topics.instrument())
                .put("user", Auth.user(ctx).orElseThrow()).put("role", Auth.role(ctx).id());
        s.putObject("topics").put("frames", topics.frames()).put("detections", topics.detections())
                .put("pareto", topics.pareto()).put("control", topics.control()).put("status", topics.status())
                .put("errors", topics.errors());
        s.put("mode", status == null ? null : status.path("mode").asText(null));
        s.put("run_id", status == null ? null : status.path("run_id").asText(null));
        s.set("current_params", lastParams.isMissingNode() ? null : lastParams);
        Http.json(ctx, 200, s);
    }

    /** GET /api/live/frames/{frameId}/image.png: a recent frame, 8-bit min-max gray. */
    void image(RoutingContext ctx) {
        String id = ctx.pathParam("frameId");
        live.frame(id).ifPresentOrElse(f -> images.png(id, f).onFailure(ctx::fail).onSuccess(png -> ctx.response()
                        .putHeader("Content-Type", "image/png").putHeader("Cache-Control", "private, max-age=60")
                        .end(Buffer.buffer(png))),
                () -> Http.error(ctx, 404, "frame " + id + " is not among the last " + LiveState.FRAMES_KEPT));
    }

    /** GET /api/pareto: the current front, its version and the pending choice. */
    void pareto(RoutingContext ctx) {
        ObjectNode s = live.snapshot();
        ObjectNode p = JSON.createObjectNode().put("version", live.version());
        p.set("pareto", s.get("pareto"));
        p.set("pending", s.get("pending"));
        Http.json(ctx, 200, p);
    }

    /** GET /api/pareto/options/{optionId}/atoms: what that option finds on the front's frame. */
    void optionAtoms(RoutingContext ctx) {
        String optionId = ctx.pathParam("optionId");
        JsonNode option = live.option(optionId).orElse(null);
        String frameId = live.paretoFrameId().orElse(null);
        if (option == null || frameId == null) {
            Http.error(ctx, 404, option == null ? "no option " + optionId + " on the current front" : "no frame yet");
            return;
        }
        images.optionAtoms(frameId, live.frame(frameId).orElseThrow(), optionId, option, live.snapshot().get("pareto"))
                .onFailure(ctx::fail).onSuccess(atoms -> Http.json(ctx, 200, atoms));
    }

    /**
     * GET /api/pareto/options/{optionId}/explain?against={id}: that option against another (default: the one
     * the agent applied from this front, else the recommended one), see {@link OptionExplainer}.
     */
    void explainOption(RoutingContext ctx) {
        JsonNode pareto = live.snapshot().get("pareto");
        String optionId = ctx.pathParam("optionId");
        JsonNode option = live.option(optionId).orElse(null);
        String frameId = live.paretoFrameId().orElse(null);
        if (pareto == null || pareto.isNull() || option == null || frameId == null || live.frame(frameId).isEmpty()) {
            Http.error(ctx, 404, option == null ? "no option " + optionId + " on the current front" : "no frame yet");
            return;
        }
        String fallback = pareto.path("applied").isNull() || pareto.path("applied").isMissingNode()
                ? pareto.path("recommended").asText() : pareto.path("applied").asText();
        String againstId = ctx.queryParams().contains("against") ? ctx.queryParams().get("against") : fallback;
        JsonNode against = live.option(againstId).orElse(null);
        if (against == null) {
            Http.error(ctx, 404, "no option " + againstId + " on the current front to compare with");
            return;
        }
        explainer.explain(frameId, live.frame(frameId).orElseThrow(), pareto, option, against)
                .onFailure(ctx::fail).onSuccess(why -> Http.json(ctx, 200, why));
    }

    /** POST /api/choices {@code {"option_id", "version"}}: 202, or 409 when someone else was quicker. */
    void choose(RoutingContext ctx) {
        JsonObject body = ctx.body().asJsonObject();
        if (body == null || body.getValue("option_id") == null || !(body.getValue("version") instanceof Number)) {
            Http.error(ctx, 400, "body must be {\"option_id\": ..., \"version\": number}");
            return;
        }
        String user = Auth.user(ctx).orElseThrow();
        String runId = runId();
        if (runId == null) {
            Http.error(ctx, 503, "the agent has not announced a run on the status topic");
            return;
        }
        String requestId = UUID.randomUUID().toString();
        Pending p;
        try {
            p = live.choose(String.valueOf(body.getValue("option_id")), body.getLong("version"), user, requestId);
        } catch (LiveState.Conflict c) {
            ObjectNode answer = JSON.createObjectNode().put("error", c.status == 409 ? "conflict" : "not-found")
                    .put("detail", c.getMessage());
            answer.set("state", live.snapshot());
            Http.json(ctx, c.status, answer);
            return;
        }
        broadcast();
        // {"action": "choose", "option": id, "frame_id": front} as the agent's ControlVerticle reads it; the id as
        // the pareto message has it (a number); with frame_id the agent refuses a choice from a replaced front
        ObjectNode control = JSON.createObjectNode().put("action", "choose");
        control.set("option", live.option(p.optionId()).map(o -> o.get("id")).orElseThrow());
        control.put("frame_id", p.paretoFrameId()).put("run_id", runId).put("by", user).put("request_id", requestId)
                .put("via", "web");
        control.set("params", p.params());
        send(ctx, new DecisionRecord(runId, user, "choose", p.optionId(), p.paretoFrameId(),
                AUDIT_PREFIX + control, p.at()), control, p.toJson()).onFailure(e -> {
                    live.unsent(requestId, e.getMessage());
                    broadcast();
                });
    }

    /** POST /api/control {@code {"action": "pause"|"resume"|"reoptimize"|"set-mode", "mode"?}}: 202. */
    void control(RoutingContext ctx) {
        JsonObject body = ctx.body().asJsonObject();
        String action = body == null ? null : body.getString("action");
        if (action == null || !ACTIONS.contains(action)) {
            Http.error(ctx, 400, "action must be one of " + ACTIONS + " (choices go to POST /api/choices)");
            return;
        }
        String mode = body.getString("mode");
        if (action.equals("set-mode") && !"supervised".equals(mode) && !"autonomous".equals(mode)) {
            Http.error(ctx, 400, "set-mode needs \"mode\": \"supervised\" or \"autonomous\"");
            return;
        }
        String runId = runId();
        if (runId == null) {
            Http.error(ctx, 503, "the agent has not announced a run on the status topic");
            return;
        }
        String user = Auth.user(ctx).orElseThrow();
        ObjectNode control = JSON.createObjectNode().put("action", action).put("by", user)
                .put("request_id", UUID.randomUUID().toString()).put("via", "web");
        if (mode != null && action.equals("set-mode")) {
            control.put("mode", mode);
        }
        send(ctx, new DecisionRecord(runId, user, action, null, null, AUDIT_PREFIX + control, Instant.now()),
                control, control);
    }

    /** Audit first (no action without its record), then the control topic, then 202. */
    private io.vertx.core.Future<Void> send(RoutingContext ctx, DecisionRecord audit, ObjectNode control,
                                            JsonNode answer) {
        return dbThread.executeBlocking(() -> {
            queries.recordDecision(audit);
            return (Void) null;
        }, true).compose(v -> mqtt.get().publishControl(control.toString()))
                .onFailure(e -> Http.error(ctx, 502, "not sent: " + e.getMessage()))
                .onSuccess(v -> Http.json(ctx, 202, answer));
    }

    private String runId() {
        JsonNode status = live.status();
        String id = status == null ? null : status.path("run_id").asText(null);
        return id == null || "offline".equals(status.path("state").asText()) ? null : id;
    }
}
