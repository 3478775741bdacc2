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
import java.util.function.UnaryOperator;
import org.stemloop.mqtt.Addresses;
import org.stemloop.mqtt.Payloads;
import org.stemloop.mqtt.Topics;
import org.stemloop.store.AgentStore;
import org.stemloop.store.DecisionRecord;

/**
 * Operator actions from the control topic, {@code {"action": ..., "by"?: name}}. This slice knows
 * {@code pause} (frames are kept but not analysed), {@code resume} and
 * {@code {"action": "set-mode", "mode": "supervised"|"autonomous"}}; each is recorded as a decision
 * and announced on the status topic. Malformed JSON, a missing or unknown action get an answer on the
 * errors topic. Every control message is acknowledged: a bad one would only come back again.
 */
final class ControlVerticle extends VerticleBase {

    private static final Logger LOG = LoggerFactory.getLogger(ControlVerticle.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Recorded as the actor when a control message names nobody. */
    static final String UNNAMED_OPERATOR = "operator";

    private final AgentStore store;
    private final AtomicReference<RunState> state;
    private final Topics topics;
    private Publisher publisher;
    private WorkerExecutor storeThread;

    ControlVerticle(AgentStore store, AtomicReference<RunState> state, Topics topics) {
        this.store = store;
        this.state = state;
        this.topics = topics;
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
            case "pause" -> apply(s -> s.withPaused(true), action, actor, json.toString());
            case "resume" -> apply(s -> s.withPaused(false), action, actor, json.toString());
            case "set-mode" -> setMode(json, actor);
            default -> Future.failedFuture(new BadControl(
                    "Unknown control action: %s (this agent knows pause, resume, set-mode)".formatted(action)));
        };
    }

    private Future<Void> setMode(JsonNode json, String actor) {
        RunMode mode;
        try {
            mode = RunMode.parse(json.path("mode").asText(null));
        } catch (IllegalArgumentException e) {
            return Future.failedFuture(new BadControl("set-mode: " + e.getMessage()));
        }
        return apply(s -> s.withMode(mode), "set-mode", actor, json.toString());
    }

    /** Changes the run state, records the decision, then announces the new state on the status topic. */
    private Future<Void> apply(UnaryOperator<RunState> change, String action, String actor, String detail) {
        RunState now = state.updateAndGet(change);
        DecisionRecord decision = new DecisionRecord(now.runId(), actor, action, null, null, detail, Instant.now());
        return storeThread.executeBlocking(() -> {
            store.recordDecision(decision);
            return null;
        }, true).compose(v -> publisher.publish(topics.status(), Agent.statusPayload(now, topics), true));
    }

    /** A control message this agent cannot follow; its message goes to the errors topic. */
    private static final class BadControl extends Exception {
        BadControl(String message) {
            super(message);
        }
    }
}
