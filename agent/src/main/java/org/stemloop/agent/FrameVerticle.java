package org.stemloop.agent;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.Message;
import io.vertx.core.internal.logging.Logger;
import io.vertx.core.internal.logging.LoggerFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.stemloop.mqtt.Addresses;
import org.stemloop.mqtt.FrameCodec;
import org.stemloop.mqtt.FrameRejected;
import org.stemloop.mqtt.InputLimits;
import org.stemloop.mqtt.IncomingFrame;
import org.stemloop.mqtt.Payloads;
import org.stemloop.mqtt.Topics;
import org.stemloop.ops.AgentMetrics;
import org.stemloop.ops.FrameLog;
import org.stemloop.store.AgentStore;
import org.stemloop.store.DetectionRecord;
import org.stemloop.store.FrameMeta;
import org.stemloop.store.DecisionRecord;
import org.stemloop.store.ParetoRecord;
import org.stemloop.store.UnetRecord;
import org.stemloop.unet.UnetAtom;
import org.stemloop.unet.UnetDetector;
import org.stemloop.image.Frame;

/**
 * The path of one frame: decode and analyse on the analysis thread (one frame at a time, in arrival
 * order, so each frame sees the parameters the previous one or an operator left), commit to the
 * database (one store thread), publish the Pareto options (when the frame was optimised) and the
 * detections, then reply so the bridge acknowledges the frame to the broker. A frame that cannot be
 * analysed goes to the errors topic and is acknowledged too, so the broker does not redeliver it
 * forever; a frame whose commit fails is not acknowledged.
 *
 * <p>With a U-Net configured, each analysed frame also goes to the U-Net on its own thread
 * ({@code stemloop-unet}, one frame at a time), started as soon as the frame is decoded, beside LoG*.
 * LoG* never waits for it: LoG*'s commit and detections go out as without a U-Net. The U-Net's
 * detections are committed after the frame's own commit (their own transaction, once per frame) and
 * published after LoG*'s; the frame is acknowledged only when both are done, so the U-Net row is inside
 * the "acknowledged after commit" guarantee. A U-Net that fails on a frame is reported on the errors
 * topic ({@code unet-failed}) and the frame is still acknowledged with its LoG* results.
 *
 * <p>Backpressure ({@link Backpressure}): frames wait for the analysis thread in a bounded {@link FrameQueue}
 * on this verticle's event loop; the analysis thread takes one at a time. With the {@code newest} policy a
 * newer frame makes the waiting ones obsolete: each is decoded (for its id and size), stored as a skipped
 * frame row, counted, announced on the status topic (at most once a second) and acknowledged. Every frame
 * ends in exactly one outcome of {@link AgentMetrics#FRAMES}, or unacknowledged (redelivered) on failure.
 *
 * <p>In a share group, a frame another member already stored (the broker handed it to two members) is
 * acknowledged without being stored or answered again ({@link AgentStore.Commit#CLAIMED_ELSEWHERE}).
 */
final class FrameVerticle extends VerticleBase {

    private static final Logger LOG = LoggerFactory.getLogger(FrameVerticle.class);
    private static final FrameLog FRAMES = FrameLog.of(FrameVerticle.class);
    /** Skips within this window share one status message. */
    private static final long STATUS_EVERY_MS = 1_000;

    private final AgentStore store;
    private final FrameAnalyzer analyzer;
    private final AtomicReference<RunState> state;
    private final Topics topics;
    private final boolean keepRawFrames;
    private final Function<Frame, UnetDetector.Result> unet;
    private final String unetModel;
    private final InputLimits limits;
    private final AgentMetrics metrics;
    private final FrameQueue<Waiting> queue;
    private final Function<RunState, byte[]> statusOf;
    private final String statusTopic;
    private boolean analysing;
    private boolean statusDue;
    private Publisher publisher;
    private ExecutorService unetThread;
    private WorkerExecutor analysisThread;
    private WorkerExecutor storeThread;

    /**
     * @param unet         the U-Net to run beside LoG* on every analysed frame ({@link UnetDetector#detect}), or
     *                     {@code null}; its detector is not closed here
     * @param unetModel    its name in the detections and the database
     * @param limits       the size limits a frame is checked against before it is decoded
     * @param metrics      where frames, latencies, errors and decisions are counted
     * @param backpressure the bound on waiting frames and the frame policy
     * @param statusOf     the status payload of a run state (republished when frames are skipped)
     * @param statusTopic  where this agent's status goes ({@link org.stemloop.mqtt.BrokerSettings#statusTopic()})
     */
    FrameVerticle(AgentStore store, FrameAnalyzer analyzer, AtomicReference<RunState> state, Topics topics,
                  boolean keepRawFrames, Function<Frame, UnetDetector.Result> unet, String unetModel,
                  InputLimits limits, AgentMetrics metrics, Backpressure backpressure,
                  Function<RunState, byte[]> statusOf, String statusTopic) {
        this.limits = limits;
        this.metrics = metrics;
        this.queue = new FrameQueue<>(backpressure.policy(), backpressure.queueSize());
        this.statusOf = statusOf;
        this.statusTopic = statusTopic;
        this.unet = unet;
        this.unetModel = unetModel;
        this.store = store;
        this.analyzer = analyzer;
        this.state = state;
        this.topics = topics;
        this.keepRawFrames = keepRawFrames;
    }

    @Override
    public Future<?> start() {
        publisher = new Publisher(vertx, topics, metrics);
        metrics.frameQueue(queue::depth, queue::highWater, queue.capacity());
        // one analysis at a time: LoG already uses every core, and the run state moves frame by frame
        analysisThread = vertx.createSharedWorkerExecutor("stemloop-analysis", 1, 10, TimeUnit.MINUTES);
        storeThread = vertx.createSharedWorkerExecutor("stemloop-store", 1);
        if (unet != null) {
            unetThread = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "stemloop-unet");
                t.setDaemon(true);
                return t;
            });
        }
        return vertx.eventBus().<Buffer>consumer(Addresses.FRAMES_IN, this::onFrame).completion();
    }

    @Override
    public Future<?> stop() {
        Future<Void> unetStopped = Future.succeededFuture();
        if (unetThread != null) {
            // the U-Net is closed after this verticle: let a frame it is working on finish first
            unetThread.shutdownNow();
            unetStopped = vertx.executeBlocking(() -> {
                if (!unetThread.awaitTermination(60, TimeUnit.SECONDS)) {
                    LOG.warn("The U-Net thread did not stop within 60 s");
                }
                return null;
            });
        }
        return Future.all(analysisThread.close(), storeThread.close(), unetStopped);
    }

    /** Event loop: queue the frame (skipping older ones under {@code newest}), then keep the analysis thread busy. */
    private void onFrame(Message<Buffer> message) {
        Waiting frame = new Waiting(message, System.nanoTime(), receivedAt(message.headers()));
        try {
            queue.offer(frame).forEach(this::skip);
        } catch (FrameQueue.QueueFull full) {
            refuse(frame, full);
            return;
        }
        takeNext();
    }

    /** Starts the next waiting frame when the analysis thread is free; the frame before it may still be publishing. */
    private void takeNext() {
        if (analysing || queue.isEmpty()) {
            return;
        }
        Waiting next = queue.poll();
        analysing = true;
        // not "ordered": this queue already runs one analysis at a time in arrival order, and Vert.x orders
        // blocking tasks per verticle across executors, which would hold the previous frame's commit behind it
        Future<Analysed> analysed = analysisThread.executeBlocking(() -> analyse(next.message()), false);
        analysed.onComplete(ar -> {
            analysing = false;
            takeNext();
        });
        handle(next, analysed);
    }

    private void handle(Waiting frame, Future<Analysed> analysed) {
        long startNanos = frame.startNanos();
        analysed.compose(done -> commit(done, frame.receivedAt()).compose(commit -> {
                    if (commit == AgentStore.Commit.CLAIMED_ELSEWHERE) {
                        // another member of the share group answered it: one answer, one row per frame
                        return Future.<Void>succeededFuture();
                    }
                    return (done.analysis() == null ? paused()
                            : publishResults(done, startNanos).onSuccess(v -> analysed(done, startNanos)))
                            .compose(v -> done.unet() == null ? Future.<Void>succeededFuture()
                                    : finishUnet(done, startNanos));
                }))
                .recover(e -> e instanceof FrameRejected rejected ? reject(rejected) : Future.failedFuture(e))
                .onSuccess(v -> frame.message().reply(null))
                .onFailure(e -> fail(frame.message(), e));
    }

    /** Counts an analysed frame as its LoG* detections go out: its latency runs from its arrival to now. */
    private void analysed(Analysed done, long startNanos) {
        metrics.frameAnalysed(System.nanoTime() - startNanos);
        if (done.analysis().optimisation() != null) {
            metrics.optimised(done.analysis().optimisation().searchMs());
        }
    }

    private Future<Void> paused() {
        metrics.framePaused();
        return Future.succeededFuture();
    }

    /**
     * A frame the {@code newest} policy made obsolete: decoded on the store thread (for its id and size),
     * stored as a skipped row, counted and acknowledged. A frame that does not decode is rejected as usual.
     */
    private void skip(Waiting frame) {
        Message<Buffer> message = frame.message();
        String runId = state.get().runId();
        storeThread.executeBlocking(() -> {
                    IncomingFrame f = FrameCodec.decode(message.body().getBytes(), headers(message.headers()), limits);
                    store.commitSkipped(meta(runId, f, frame.receivedAt()));
                    return f.frameId();
                }, true)
                .onSuccess(frameId -> {
                    FRAMES.info(frameId, "Frame " + frameId + " skipped (frame-policy newest): a newer frame waits");
                    metrics.frameSkipped();
                    announceSkips();
                })
                .<Void>mapEmpty()
                .recover(e -> e instanceof FrameRejected rejected ? reject(rejected) : Future.failedFuture(e))
                .onSuccess(v -> message.reply(null))
                .onFailure(e -> fail(message, e));
    }

    /** The status topic carries the skip count; skips close together share one message. */
    private void announceSkips() {
        if (statusDue) {
            return;
        }
        statusDue = true;
        vertx.setTimer(STATUS_EVERY_MS, id -> {
            statusDue = false;
            publisher.publish(statusTopic, statusOf.apply(state.get()), true)
                    .onFailure(e -> LOG.warn("Cannot publish the status after skipped frames: " + e.getMessage()));
        });
    }

    /**
     * {@code every} with a full queue: only a broker that ignores Receive Maximum gets here. The frame is not
     * at fault, so nothing goes to the errors topic: it stays unacknowledged, is counted as deferred, and the
     * bridge asks the broker for it again once the agent has nothing in hand.
     */
    private void refuse(Waiting frame, FrameQueue.QueueFull full) {
        String frameId = frame.message().headers().get(FrameCodec.FRAME_ID);
        FRAMES.info(frameId, "Frame " + frameId + " deferred: " + full.getMessage());
        metrics.frameDeferred();
        frame.message().fail(503, full.getMessage());
    }

    /** Analysis thread: decode, then LoG (or LoG*) and rewards unless the run is paused; moves the run state on. */
    private Analysed analyse(Message<Buffer> message) throws FrameRejected {
        long t0 = System.nanoTime();
        IncomingFrame frame = FrameCodec.decode(message.body().getBytes(), headers(message.headers()), limits);
        long t1 = System.nanoTime();
        RunState before = state.get();
        Map<String, Double> timings = new LinkedHashMap<>();
        timings.put("decode", millis(t1 - t0));
        if (before.paused()) {
            return new Analysed(frame, null, timings, before, before, null);
        }
        Future<UnetOutcome> unetResult = unet == null ? null : startUnet(UnetFrame.calibrated(frame.frame(), before.pixelSize()));
        FrameAnalysis analysis;
        try {
            analysis = analyzer.analyze(frame.frame(), frame.material(), before);
        } catch (IllegalArgumentException e) {
            // the frame's content, not the agent, is at fault (e.g. NaN pixels): answer, do not retry
            throw new FrameRejected(frame.frameId(), "bad-frame", e.getMessage());
        }
        RunState after = state.updateAndGet(s -> s.afterFrame(frame.frameId(), analysis));
        timings.put(analysis.optimisation() == null ? "detect" : "optimise", millis(System.nanoTime() - t1));
        return new Analysed(frame, analysis, timings, before, after, unetResult);
    }

    /** Hands the frame to the U-Net thread; the future completes on this verticle's context. */
    private Future<UnetOutcome> startUnet(Frame frame) {
        Promise<UnetOutcome> promise = Promise.promise();
        io.vertx.core.Context ctx = context;
        try {
            unetThread.execute(() -> {
                try {
                    UnetDetector.Result r = unet.apply(frame);
                    UnetOutcome outcome = new UnetOutcome(r.atoms(), r.inferenceMs() + r.coordsMs());
                    ctx.runOnContext(v -> promise.complete(outcome));
                } catch (RuntimeException | Error e) {
                    ctx.runOnContext(v -> promise.fail(e));
                }
            });
        } catch (RejectedExecutionException e) {
            promise.fail(new IllegalStateException("the U-Net is stopping", e));
        }
        return promise.future();
    }

    /**
     * After LoG*'s results went out: the U-Net's detections committed (once per frame) and published, or
     * its failure on the errors topic. A commit that fails fails the frame (not acknowledged, redelivered).
     */
    private Future<Void> finishUnet(Analysed done, long startNanos) {
        String frameId = done.frame().frameId();
        String runId = done.before().runId();
        return done.unet().transform(ar -> {
            if (ar.failed()) {
                FRAMES.warn(frameId, "U-Net failed on frame " + frameId + ": " + ar.cause().getMessage(), ar.cause());
                return publisher.error(frameId, "unet-failed", "U-Net " + unetModel + ": " + ar.cause().getMessage());
            }
            UnetOutcome r = ar.result();
            metrics.unetInference(r.ms());
            return storeThread.executeBlocking(() -> store.commitUnet(runId, frameId, new UnetRecord(unetModel,
                            r.atoms())), true)
                    .compose(c -> publisher.publish(topics.detections(), Payloads.unetDetections(frameId, runId,
                            unetModel, r.atoms(), millis(System.nanoTime() - startNanos), r.ms()), false));
        });
    }

    private FrameMeta meta(String runId, IncomingFrame f, Instant receivedAt) {
        return new FrameMeta(runId, f.frameId(), f.frame().height(), f.frame().width(),
                f.frame().pixelSizeAngstrom().orElse(Double.NaN), f.material(), receivedAt,
                keepRawFrames ? f.npy() : null);
    }

    private Future<AgentStore.Commit> commit(Analysed done, Instant receivedAt) {
        IncomingFrame f = done.frame();
        RunState run = done.before();
        FrameMeta meta = meta(run.runId(), f, receivedAt);
        FrameAnalysis a = done.analysis();
        DetectionRecord detection = a == null ? null
                : new DetectionRecord(a.method(), a.paramSource(), a.params(), a.atoms(), a.qc(), a.er(), a.option());
        ParetoOptions front = a == null ? null : a.front(f.frameId());
        ParetoRecord paretoRecord = front == null ? null : paretoRecord(run.runId(), front);
        List<DecisionRecord> decisions = front == null ? List.of() : decisions(done, front);
        // the state saved with the frame is the newest (read on the store thread, where commits and decisions
        // take turns), so the last snapshot written is always the latest state: a resumed run starts from it
        return storeThread.executeBlocking(() -> store.commitFrame(meta, detection, done.timings(), paretoRecord,
                        decisions, RunStateJson.write(state.get())), true)
                .onSuccess(commit -> {
                    if (commit == AgentStore.Commit.DUPLICATE) {
                        FRAMES.info(f.frameId(), "Frame " + f.frameId() + " seen before in this run: not stored again");
                    } else if (commit == AgentStore.Commit.CLAIMED_ELSEWHERE) {
                        FRAMES.info(f.frameId(), "Frame " + f.frameId() + " was stored by another agent of the share "
                                + "group: not stored nor answered again");
                    } else {
                        decisions.forEach(d -> metrics.decision(d.action(), true));
                    }
                });
    }

    /** The agent's own decisions on an optimised frame: it offered a front, and perhaps applied its recommendation. */
    private static List<DecisionRecord> decisions(Analysed done, ParetoOptions front) {
        RunState after = done.after();
        Instant now = Instant.now();
        String frameId = front.frameId();
        List<DecisionRecord> out = new ArrayList<>();
        out.add(new DecisionRecord(after.runId(), DecisionRecord.AGENT, "optimise",
                Integer.toString(front.recommended()), frameId,
                "trigger %s; %d options for %s; recommended %d".formatted(front.trigger(), front.options().size(),
                        front.kind().describe(), front.recommended()), now));
        Tuning t = after.tuning();
        boolean applied = Tuning.OPTIMISER.equals(t.source()) && after.options() != null
                && after.options().frameId().equals(frameId);
        if (applied) {
            out.add(new DecisionRecord(after.runId(), DecisionRecord.AGENT, "apply", Integer.toString(t.option()),
                    frameId, after.mode() == RunMode.AUTONOMOUS ? "autonomous: the agent applies its recommendation"
                            : "supervised: the recommendation serves until an operator chooses", now));
        }
        return out;
    }

    private static ParetoRecord paretoRecord(String runId, ParetoOptions front) {
        List<ParetoRecord.Option> options = front.options().stream()
                .map(o -> new ParetoRecord.Option(o.id(), o.params(), o.qc(), o.er(), o.atoms())).toList();
        return new ParetoRecord(runId, front.frameId(), front.trigger(), front.kind().lattice().name(),
                front.kind().lattice().pixelSize(), front.recommended(), front.searchMs(), options, Instant.now());
    }

    /** The Pareto options first (retained), so a client reading a detection already knows its option. */
    private Future<Void> publishResults(Analysed done, long startNanos) {
        FrameAnalysis a = done.analysis();
        ParetoOptions front = a.front(done.frame().frameId());
        Future<Void> pareto = front == null ? Future.succeededFuture()
                : publisher.publish(topics.pareto(), ParetoMessage.of(front, done.after()), true);
        return pareto.compose(v -> {
            ObjectNode json = Payloads.detectionsNode(done.frame().frameId(), done.before().runId(), a.method(),
                    a.params(), a.paramSource(), a.option(), a.atoms(), a.qc(), a.er(),
                    millis(System.nanoTime() - startNanos));
            FrameClasses c = a.classes();
            if (c != null) {
                Payloads.addClasses(json, c.labels(), c.classes(), c.patchSide(), c.skipped(), c.ms());
            }
            return publisher.publish(topics.detections(), Payloads.bytes(json), false);
        });
    }

    private Future<Void> reject(FrameRejected rejected) {
        FRAMES.warn(rejected.frameId(), "Frame rejected: " + rejected.getMessage(), null);
        metrics.frameRejected();
        return publisher.error(rejected.frameId(), rejected.error(), rejected.getMessage());
    }

    /** The one error handler: say so on the errors topic and leave the frame unacknowledged. */
    private void fail(Message<Buffer> message, Throwable e) {
        String frameId = message.headers().get(FrameCodec.FRAME_ID);
        FRAMES.error(frameId, "Frame " + frameId + " failed, not acknowledged: " + e.getMessage(), e);
        publisher.error(frameId, "internal", String.valueOf(e.getMessage()))
                .onFailure(p -> LOG.error("Cannot report the failure of frame " + frameId + ": " + p.getMessage()));
        message.fail(500, String.valueOf(e.getMessage()));
    }

    private static Map<String, String> headers(MultiMap headers) {
        Map<String, String> out = new HashMap<>();
        headers.forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    private static Instant receivedAt(MultiMap headers) {
        String ms = headers.get(Addresses.RECEIVED_AT);
        return ms == null ? Instant.now() : Instant.ofEpochMilli(Long.parseLong(ms));
    }

    private static double millis(long nanos) {
        return nanos / 1e6;
    }

    /**
     * A decoded frame with its analysis ({@code null} when the run is paused), stage timings, the
     * run state before and after it, and the U-Net's result to come ({@code null}: no U-Net, or paused).
     */
    private record Analysed(IncomingFrame frame, FrameAnalysis analysis, Map<String, Double> timings, RunState before,
                            RunState after, Future<UnetOutcome> unet) {
    }

    /** A frame message waiting for the analysis thread, with when it reached this verticle. */
    private record Waiting(Message<Buffer> message, long startNanos, Instant receivedAt) {
    }

    /** The U-Net's atoms on a frame and the milliseconds it took (inference and coordinates). */
    private record UnetOutcome(List<UnetAtom> atoms, double ms) {
    }
}
