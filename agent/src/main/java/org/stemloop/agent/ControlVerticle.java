package org.stemloop.agent;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.Message;
import io.vertx.core.internal.logging.Logger;
import io.vertx.core.internal.logging.LoggerFactory;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.stemloop.mqtt.Addresses;
import org.stemloop.mqtt.Payloads;
import org.stemloop.mqtt.Topics;
import org.stemloop.store.AgentStore;
import org.stemloop.sim.Material;
import org.stemloop.store.DecisionRecord;

/**
 * Operator actions from the control topic, {@code {"action": ..., "by"?: name}}:
 * <ul>
 *   <li>{@code pause} (frames are kept but not analysed), {@code resume};</li>
 *   <li>{@code {"action": "set-mode", "mode": "supervised"|"autonomous"}};</li>
 *   <li>{@code {"action": "choose", "option": id, "frame_id"?: front, "run_id"?: run, "params"?: {...}}}:
 *       that option of the current Pareto front serves the frames analysed after it (with
 *       {@code frame_id}, only if the front computed on that frame is still the current one; with
 *       {@code run_id}, only in that run; with {@code params}, only if they are the option's, so a
 *       choice made on a front this agent did not publish is refused, not applied with other params);</li>
 *   <li>{@code reoptimize}: the next frame is optimised;</li>
 *   <li>{@code {"action": "set-lattice", "material": "graphene"|"srtio3", "pixel_size_angstrom"?: Å}}:
 *       assumed for frames that name none; the next frame is optimised.</li>
 * </ul>
 * Each is recorded as a decision (who, when, which option, the last frame before it took effect) and
 * announced on the status topic (a choice also on the retained pareto topic). Malformed JSON, a
 * missing or unknown action, or bad arguments get an answer on the errors topic. Every control
 * message is acknowledged: a bad one would only come back again.
 */
final class ControlVerticle extends VerticleBase {

    private static final Logger LOG = LoggerFactory.getLogger(ControlVerticle.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Recorded as the actor when a control message names nobody. */
    static final String UNNAMED_OPERATOR = "operator";

    private final AgentStore store;
    private final AtomicReference<RunState> state;
    private final Topics topics;
    private final Function<RunState, byte[]> status;
    private Publisher publisher;
    private WorkerExecutor storeThread;

    /** @param status the retained status message of a run state */
    ControlVerticle(AgentStore store, AtomicReference<RunState> state, Topics topics, Function<RunState, byte[]> status) {
        this.store = store;
        this.state = state;
        this.topics = topics;
        this.status = status;
    }

    @Override
    public Future<?> start() {
        publisher = new Publisher(vertx);
        storeThread = vertx.createSharedWorkerExecutor("stemloop-store", 1);
        return vertx.eventBus().<Buffer>consumer(Addresses.CONTROL_IN, this::onControl).completion();
    }

    @Override
    public Future<?> stop() {
        return storeThread.close();
    }

    private void onControl(Message<Buffer> message) {
        handle(message.body().getBytes())
                .recover(e -> e instanceof BadControl bad ? publisher.publish(topics.errors(),
                        Payloads.error(null, "bad-control", bad.getMessage()), false) : Future.failedFuture(e))
                .onSuccess(v -> message.reply(null))
                .onFailure(e -> {
                    LOG.error("Control message failed, not acknowledged: " + e.getMessage(), e);
                    message.fail(500, String.valueOf(e.getMessage()));
                });
    }

    private Future<Void> handle(byte[] payload) {
        JsonNode json;
        try {
            json = JSON.readTree(payload);
        } catch (JacksonException e) {
            return Future.failedFuture(new BadControl("Control message is not valid JSON: " + e.getOriginalMessage()));
        } catch (java.io.IOException e) {
            return Future.failedFuture(e);
        }
        if (json == null || !json.isObject() || !json.path("action").isTextual()) {
            return Future.failedFuture(new BadControl("Control message needs a JSON object with an \"action\" text field"));
        }
        String action = json.get("action").asText();
        String actor = json.path("by").isTextual() ? json.get("by").asText() : UNNAMED_OPERATOR;
        return switch (action) {
            case "pause" -> apply(s -> s.withPaused(true), action, actor, null, json.toString());
            case "resume" -> apply(s -> s.withPaused(false), action, actor, null, json.toString());
            case "set-mode" -> setMode(json, actor);
            case "choose" -> choose(json, actor);
            case "reoptimize" -> apply(s -> s.withReoptimize("reoptimize"), action, actor, null, json.toString());
            case "set-lattice" -> setLattice(json, actor);
            default -> Future.failedFuture(new BadControl(("Unknown control action: %s (this agent knows pause, "
                    + "resume, set-mode, choose, reoptimize, set-lattice)").formatted(action)));
        };
    }

    private Future<Void> choose(JsonNode json, String actor) {
        JsonNode id = json.path("option");
        int option;
        if (id.canConvertToInt() && id.isIntegralNumber()) {
            option = id.asInt();
        } else if (id.isTextual() && id.asText().strip().matches("\\d{1,9}")) {
            option = Integer.parseInt(id.asText().strip());
        } else {
            return Future.failedFuture(new BadControl("choose: \"option\" must be an option id from the pareto topic, got "
                    + (id.isMissingNode() ? "nothing" : id.toString())));
        }
        String runId = json.path("run_id").isTextual() ? json.get("run_id").asText() : null;
        if (runId != null && !runId.equals(state.get().runId())) {
            return Future.failedFuture(new BadControl("choose: the options of run %s are not this run's (%s)"
                    .formatted(runId, state.get().runId())));
        }
        ParetoOptions front = state.get().options();
        if (front == null) {
            return Future.failedFuture(new BadControl("choose: no Pareto options yet (the first analysed frame makes them)"));
        }
        String frameId = json.path("frame_id").isTextual() ? json.get("frame_id").asText() : null;
        if (frameId != null && !frameId.equals(front.frameId())) {
            return Future.failedFuture(new BadControl("choose: the options of frame %s are no longer offered (current: %s)"
                    .formatted(frameId, front.frameId())));
        }
        ParetoOption chosen = front.option(option).orElse(null);
        if (chosen == null) {
            return Future.failedFuture(new BadControl("choose: no option %d (frame %s offers 0-%d)".formatted(option,
                    front.frameId(), front.options().size() - 1)));
        }
        String mismatch = json.has("params") ? paramsMismatch(json.get("params"), chosen) : null;
        if (mismatch != null) {
            return Future.failedFuture(new BadControl(("choose: option %d of frame %s has other params than the "
                    + "message's (%s); the sender's front is not this agent's").formatted(option, front.frameId(),
                    mismatch)));
        }
        RunState now = state.updateAndGet(s -> s.options() == front ? s.withChoice(chosen) : s);
        if (now.options() != front) {
            return Future.failedFuture(new BadControl("choose: a new front replaced the options of frame "
                    + front.frameId() + " meanwhile; choose again"));
        }
        return record(now, "choose", actor, Integer.toString(option), json.toString())
                .compose(v -> publisher.publish(topics.pareto(), ParetoMessage.of(front, now), true));
    }

    /**
     * Where the {@code params} a choose message carries (as the pareto message gave them) differ from
     * the option's, e.g. {@code "threshold 0.03 != 0.21"}, or {@code null} when every field given agrees.
     */
    private static String paramsMismatch(JsonNode sent, ParetoOption chosen) {
        if (!sent.isObject()) {
            return "\"params\" is not an object: " + sent;
        }
        JsonNode actual = Payloads.params(chosen.params());
        for (java.util.Iterator<String> keys = actual.fieldNames(); keys.hasNext(); ) {
            String key = keys.next();
            JsonNode a = actual.get(key);
            JsonNode b = sent.path(key);
            boolean same = b.isMissingNode() || (a.isNumber() ? b.isNumber()
                    && Math.abs(a.asDouble() - b.asDouble()) <= 1e-9 * Math.max(1, Math.abs(a.asDouble())) : a.equals(b));
            if (!same) {
                return key + " " + b + " != " + a;
            }
        }
        return null;
    }

    private Future<Void> setLattice(JsonNode json, String actor) {
        String material;
        try {
            material = Material.parse(json.path("material").asText(null)).id();
        } catch (IllegalArgumentException | NullPointerException e) {
            return Future.failedFuture(new BadControl("set-lattice: \"material\" must be graphene or srtio3, got "
                    + json.path("material")));
        }
        JsonNode px = json.path("pixel_size_angstrom");
        double pixelSize = Double.NaN;
        if (!px.isMissingNode() && !px.isNull()) {
            if (!px.isNumber() || !(px.asDouble() > 0.001 && px.asDouble() < 100)) {
                return Future.failedFuture(new BadControl(
                        "set-lattice: \"pixel_size_angstrom\" must be a number in (0.001, 100), got " + px));
            }
            pixelSize = px.asDouble();
        }
        double chosenPx = pixelSize;
        return apply(s -> s.withLattice(material, chosenPx), "set-lattice", actor, null, json.toString());
    }

    private Future<Void> setMode(JsonNode json, String actor) {
        RunMode mode;
        try {
            mode = RunMode.parse(json.path("mode").asText(null));
        } catch (IllegalArgumentException e) {
            return Future.failedFuture(new BadControl("set-mode: " + e.getMessage()));
        }
        return apply(s -> s.withMode(mode), "set-mode", actor, null, json.toString());
    }

    /** Changes the run state, records the decision, then announces the new state on the status topic. */
    private Future<Void> apply(UnaryOperator<RunState> change, String action, String actor, String option,
                               String detail) {
        return record(state.updateAndGet(change), action, actor, option, detail);
    }

    /** Records a decision taken on {@code now} (its last frame is the one before the change), announces the state. */
    private Future<Void> record(RunState now, String action, String actor, String option, String detail) {
        DecisionRecord decision = new DecisionRecord(now.runId(), actor, action, option, now.lastFrameId(), detail,
                Instant.now());
        return storeThread.executeBlocking(() -> {
            // the newest state, not "now": a frame may have moved it on meanwhile, and the last write must win
            store.recordDecision(decision, RunStateJson.write(state.get()));
            return null;
        }, true).compose(v -> publisher.publish(topics.status(), status.apply(now), true));
    }

    /** A control message this agent cannot follow; its message goes to the errors topic. */
    private static final class BadControl extends Exception {
        BadControl(String message) {
            super(message);
        }
    }
}
