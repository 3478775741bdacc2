package org.stemloop.agent;

import com.fasterxml.jackson.databind.JsonNode;
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
import org.stemloop.mqtt.MessageSigning;
import org.stemloop.mqtt.BrokerSettings;
import org.stemloop.mqtt.Payloads;
import org.stemloop.mqtt.Printable;
import org.stemloop.mqtt.Topics;
import org.stemloop.ops.AgentMetrics;
import org.stemloop.store.DecisionRecord;
import org.stemloop.store.DecisionStore;

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
 * When the agent has a message-signing key ({@link MessageSigning}), the actor of a control message
 * that does not carry the web UI's signature is recorded as {@code claimed:<by>}: anyone on the broker
 * can write any name in {@code by}. Each is recorded as a decision (who, when, which option, the last frame before it took effect) and
 * announced on the status topic (a choice also on the retained pareto topic). {@link ControlMessage}
 * parses and checks each message; malformed JSON, a missing or unknown action, bad arguments or a
 * message over the size limit get an answer on the errors topic ({@code bad-control}) and leave the run
 * state as it was. Every control message is acknowledged: a bad one would only come back again.
 *
 * <p>In a share group (several agents on one frame stream, {@link BrokerSettings#shared()}) every member
 * gets every control message and each has its own run and Pareto front: pause, resume, set-mode,
 * reoptimize and set-lattice apply to all of them; a choice must name the {@code run_id} of the front it
 * was made on, the member running it applies it and the others ignore it quietly.
 */
final class ControlVerticle extends VerticleBase {

    private static final Logger LOG = LoggerFactory.getLogger(ControlVerticle.class);

    private final DecisionStore decisions;
    private final AtomicReference<RunState> state;
    private final Topics topics;
    private final String statusTopic;
    private final boolean shared;
    private final int maxControlBytes;
    private final AgentMetrics metrics;
    private final Function<RunState, byte[]> statusOf;
    private Publisher publisher;
    private WorkerExecutor storeThread;

    /**
     * @param broker          the topics, where this agent's status goes, and whether it is in a share group
     * @param maxControlBytes the largest control message accepted ({@code max-control-bytes})
     * @param metrics         where decisions and bad control messages are counted
     * @param statusOf        the status payload of a run state
     */
    ControlVerticle(DecisionStore decisions, AtomicReference<RunState> state, BrokerSettings broker, int maxControlBytes,
                    AgentMetrics metrics, Function<RunState, byte[]> statusOf) {
        this.decisions = decisions;
        this.state = state;
        this.topics = broker.topics();
        this.statusTopic = broker.statusTopic();
        this.shared = broker.shared();
        this.maxControlBytes = maxControlBytes;
        this.metrics = metrics;
        this.statusOf = statusOf;
    }

    @Override
    public Future<?> start() {
        publisher = new Publisher(vertx, topics, metrics);
        storeThread = vertx.createSharedWorkerExecutor("stemloop-store", 1);
        return vertx.eventBus().<Buffer>consumer(Addresses.CONTROL_IN, this::onControl).completion();
    }

    @Override
    public Future<?> stop() {
        return storeThread.close();
    }

    private void onControl(Message<Buffer> message) {
        handle(message.body().getBytes(), message.headers().get(MessageSigning.PROPERTY))
                .recover(e -> e instanceof ControlRejected bad ? publisher.error(null, "bad-control", bad.getMessage())
                        : Future.failedFuture(e))
                .onSuccess(v -> message.reply(null))
                .onFailure(e -> {
                    LOG.error("Control message failed, not acknowledged: " + e.getMessage(), e);
                    message.fail(500, String.valueOf(e.getMessage()));
                });
    }

    private Future<Void> handle(byte[] payload, String signature) {
        ControlMessage message;
        try {
            message = ControlMessage.parse(payload, maxControlBytes);
        } catch (ControlRejected e) {
            return Future.failedFuture(e);
        }
        // with a key, only a message the web UI signed names its sender; any other "by" is only claimed
        final ControlMessage parsed = message;
        message = MessageSigning.on(vertx).filter(key -> !key.verifies(topics.control(), payload, signature))
                .map(key -> parsed.claimed()).orElse(parsed);
        if (message.action() instanceof ControlAction.Choose choose) {
            return choose(message, choose);
        }
        if (message.action() instanceof ControlAction.ApproveAcquire approve) {
            return approveAcquire(message, approve);
        }
        ControlAction.StateChange change = (ControlAction.StateChange) message.action();
        return apply(change::applyTo, change.name(), message.actor(), null, message.json());
    }

    /**
     * Handed to the loop ({@link LoopVerticle}), which checks the request, records the decision with the request's
     * change (one transaction) and sends it; a request it refuses comes back as a bad control message.
     */
    private Future<Void> approveAcquire(ControlMessage message, ControlAction.ApproveAcquire approve) {
        com.fasterxml.jackson.databind.node.ObjectNode body = Payloads.object().put("request_id", approve.requestId())
                .put("by", message.actor()).put("detail", message.json());
        if (approve.positions() != null) {
            approve.positions().forEach(body.withArray("positions")::add);
        }
        return vertx.eventBus().<String>request(Addresses.APPROVE_ACQUIRE, body.toString())
                .<Void>mapEmpty()
                .recover(e -> e instanceof io.vertx.core.eventbus.ReplyException r && r.failureCode() == 400
                        ? Future.failedFuture(new ControlRejected(r.getMessage())) : Future.failedFuture(e))
                .onSuccess(v -> metrics.decision("approve-acquire", false));
    }

    /** The choice checked against the current front (the message's run, front and params must be this agent's). */
    private Future<Void> choose(ControlMessage message, ControlAction.Choose choice) {
        int option = choice.option();
        String runId = choice.runId();
        if (shared && runId == null) {
            return Future.failedFuture(new ControlRejected("choose: this agent shares the frame stream with others "
                    + "(share group), each with its own front: name the \"run_id\" of the pareto message chosen from"));
        }
        if (shared && !runId.equals(state.get().runId())) {
            // another member's front: that member applies it
            LOG.debug("choose for run " + runId + " is another agent's");
            return Future.succeededFuture();
        }
        if (runId != null && !runId.equals(state.get().runId())) {
            return Future.failedFuture(new ControlRejected("choose: the options of run %s are not this run's (%s)"
                    .formatted(Printable.of(runId, 64), state.get().runId())));
        }
        ParetoOptions front = state.get().options();
        if (front == null) {
            return Future.failedFuture(new ControlRejected(
                    "choose: no Pareto options yet (the first analysed frame makes them)"));
        }
        String frameId = choice.frameId();
        if (frameId != null && !frameId.equals(front.frameId())) {
            return Future.failedFuture(new ControlRejected(
                    "choose: the options of frame %s are no longer offered (current: %s)"
                            .formatted(Printable.of(frameId, 64), front.frameId())));
        }
        ParetoOption chosen = front.option(option).orElse(null);
        if (chosen == null) {
            return Future.failedFuture(new ControlRejected("choose: no option %d (frame %s offers 0-%d)"
                    .formatted(option, front.frameId(), front.options().size() - 1)));
        }
        String mismatch = choice.params() != null ? paramsMismatch(choice.params(), chosen) : null;
        if (mismatch != null) {
            return Future.failedFuture(new ControlRejected(("choose: option %d of frame %s has other params than the "
                    + "message's (%s); the sender's front is not this agent's").formatted(option, front.frameId(),
                    mismatch)));
        }
        RunState now = state.updateAndGet(s -> s.options() == front ? s.withChoice(chosen) : s);
        if (now.options() != front) {
            return Future.failedFuture(new ControlRejected("choose: a new front replaced the options of frame "
                    + front.frameId() + " meanwhile; choose again"));
        }
        return record(now, "choose", message.actor(), Integer.toString(option), message.json())
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
            decisions.record(decision, RunStateJson.write(state.get()));
            return null;
        }, true).compose(v -> {
            metrics.decision(action, DecisionRecord.AGENT.equals(actor));
            return publisher.publish(statusTopic, statusOf.apply(now), true);
        });
    }
}
