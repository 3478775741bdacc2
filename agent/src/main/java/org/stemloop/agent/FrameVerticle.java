package org.stemloop.agent;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.VerticleBase;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.Message;
import io.vertx.core.internal.logging.Logger;
import io.vertx.core.internal.logging.LoggerFactory;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.stemloop.image.Frame;
import org.stemloop.mqtt.Addresses;
import org.stemloop.mqtt.FrameCodec;
import org.stemloop.mqtt.FrameRejected;
import org.stemloop.mqtt.IncomingFrame;
import org.stemloop.mqtt.InputLimits;
import org.stemloop.mqtt.Topics;
import org.stemloop.ops.AgentMetrics;
import org.stemloop.ops.BurstLog;
import org.stemloop.ops.FrameLog;
import org.stemloop.store.AgentStore;
import org.stemloop.unet.UnetDetector;

/**
 * The path of one frame, as steps: the queue ({@link FrameQueue}, on this verticle's event loop), analysis
 * ({@link FrameAnalysisStep}, on the analysis thread, one frame at a time in arrival order, so each frame sees
 * the parameters the previous one or an operator left), commit ({@link FrameCommitStep}, one store thread),
 * publish ({@link FrameAnswers}), then the reply that makes the bridge acknowledge the frame to the broker:
 * never before the commit. A frame that cannot be analysed goes to the errors topic and is acknowledged too,
 * so the broker does not redeliver it forever; a frame whose commit fails is not acknowledged.
 *
 * <p>Once per instrument: a frame id the instrument already stored, in this run or any earlier one, is
 * answered again with its stored detections and acknowledged, never analysed nor stored again.
 *
 * <p>With a U-Net configured, each analysed frame also goes to the U-Net on its own thread, beside LoG*.
 * LoG* never waits for it; the U-Net's detections are committed after the frame's own commit and published
 * after LoG*'s; the frame is acknowledged only when both are done. A U-Net that fails on a frame is reported
 * on the errors topic ({@code unet-failed}) and the frame is still acknowledged with its LoG* results.
 *
 * <p>Backpressure ({@link Backpressure}): with the {@code newest} policy a newer frame makes the waiting ones
 * obsolete: each is decoded, stored as a skipped frame row, counted, announced on the status topic (at most
 * once a second) and acknowledged. Every frame ends in exactly one outcome of {@link AgentMetrics#FRAMES},
 * or unacknowledged (redelivered) on failure. In a share group, a frame another member already stored is
 * acknowledged without being stored or answered again ({@link AgentStore.Commit#CLAIMED_ELSEWHERE}).
 */
final class FrameVerticle extends VerticleBase {

    private static final Logger LOG = LoggerFactory.getLogger(FrameVerticle.class);
    private static final FrameLog FRAMES = FrameLog.of(FrameVerticle.class);
    /** Skips within this window share one status message; deferrals within it share one log line. */
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
    private final BurstLog deferrals = new BurstLog(FrameVerticle.class, STATUS_EVERY_MS, n -> n + " frames deferred "
            + "in a burst (the frame queue was full): the broker sends them again after the bridge reconnects");
    private boolean analysing;
    private boolean statusDue;
    private Publisher publisher;
    private WorkerExecutor analysisThread;
    private WorkerExecutor storeThread;
    private FrameAnalysisStep analysis;
    private FrameCommitStep commits;
    private FrameAnswers answers;

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
        analysis = new FrameAnalysisStep(store, analyzer, state, limits, unet, context);
        commits = new FrameCommitStep(store, state, storeThread, metrics, keepRawFrames);
        answers = new FrameAnswers(publisher, topics, metrics, commits, unetModel);
        return vertx.eventBus().<Buffer>consumer(Addresses.FRAMES_IN, this::onFrame).completion();
    }

    @Override
    public Future<?> stop() {
        deferrals.flush();
        return Future.all(analysisThread.close(), storeThread.close(), analysis.stop());
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
        byte[] body = next.message().body().getBytes();
        Map<String, String> headers = headers(next.message().headers());
        // not "ordered": this queue already runs one analysis at a time in arrival order, and Vert.x orders
        // blocking tasks per verticle across executors, which would hold the previous frame's commit behind it
        Future<Analysed> analysed = analysisThread.executeBlocking(() -> analysis.analyse(body, headers), false);
        analysed.onComplete(ar -> {
            analysing = false;
            takeNext();
        });
        handle(next, analysed);
    }

    /** Commit, then publish, then reply (the acknowledgement); one failure handler for the whole path. */
    private void handle(Waiting frame, Future<Analysed> analysed) {
        long startNanos = frame.startNanos();
        analysed.compose(done -> done.stored() != null
                        ? answers.repeat(done.frame().frameId(), done.before().runId(), done.stored(), startNanos)
                        : commits.commit(done, frame.receivedAt()).compose(commit -> answer(done, commit, startNanos)))
                .recover(e -> e instanceof FrameRejected rejected ? answers.reject(rejected) : Future.failedFuture(e))
                .onSuccess(v -> frame.message().reply(null))
                .onFailure(e -> fail(frame.message(), e));
    }

    private Future<Void> answer(Analysed done, AgentStore.Commit commit, long startNanos) {
        if (commit == AgentStore.Commit.CLAIMED_ELSEWHERE) {
            // another member of the share group answered it: one answer, one row per frame
            return Future.succeededFuture();
        }
        if (done.analysis() == null) {
            metrics.framePaused();
            return Future.succeededFuture();
        }
        return answers.results(done, startNanos)
                .onSuccess(v -> {
                    metrics.frameAnalysed(System.nanoTime() - startNanos);
                    if (done.analysis().optimisation() != null) {
                        metrics.optimised(done.analysis().optimisation().searchMs());
                    }
                })
                .onSuccess(v -> announce(done))
                .compose(v -> done.unet() == null ? Future.<Void>succeededFuture() : answers.unet(done, startNanos));
    }

    /** The steps after the analysis (points of interest, {@link LoopVerticle}) hear of the frame. */
    private void announce(Analysed done) {
        FrameAnalysis a = done.analysis();
        vertx.eventBus().publish(Addresses.ANALYSED, new AnalysedFrame(done.before().runId(), done.frame().frameId(),
                done.frame().frame(), a.atoms(), a.classes() == null ? null : a.classes().labels(),
                done.after().tuning().kind(), a.mask()));
    }

    /**
     * A frame the {@code newest} policy made obsolete: decoded on the store thread (for its id and size),
     * stored as a skipped row, counted and acknowledged. A frame that does not decode is rejected as usual.
     */
    private void skip(Waiting frame) {
        Message<Buffer> message = frame.message();
        String runId = state.get().runId();
        vertx.executeBlocking(() -> decode(message),
                        false)
                .compose(f -> commits.commitSkipped(runId, f, frame.receivedAt()).map(c -> f.frameId()))
                .onSuccess(frameId -> {
                    FRAMES.info(frameId, "Frame " + frameId + " skipped (frame-policy newest): a newer frame waits");
                    metrics.frameSkipped();
                    announceSkips();
                })
                .<Void>mapEmpty()
                .recover(e -> e instanceof FrameRejected rejected ? answers.reject(rejected) : Future.failedFuture(e))
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
     * {@code every} past the queue's bound and its overflow: only a broker that ignores Receive Maximum gets
     * here. The frame is not at fault, so nothing goes to the errors topic: it stays unacknowledged, is
     * counted as deferred (one log line per burst), and the bridge asks the broker for it again.
     */
    private void refuse(Waiting frame, FrameQueue.QueueFull full) {
        metrics.frameDeferred();
        deferrals.add(vertx);
        frame.message().fail(Addresses.DEFERRED, full.getMessage());
    }

    /** The one error handler: say so on the errors topic and leave the frame unacknowledged. */
    private void fail(Message<Buffer> message, Throwable e) {
        String frameId = message.headers().get(FrameCodec.FRAME_ID);
        FRAMES.error(frameId, "Frame " + frameId + " failed, not acknowledged: " + e.getMessage(), e);
        answers.failed(frameId, e)
                .onFailure(p -> LOG.error("Cannot report the failure of frame " + frameId + ": " + p.getMessage()));
        message.fail(500, String.valueOf(e.getMessage()));
    }

    private IncomingFrame decode(Message<Buffer> message) throws FrameRejected {
        Map<String, String> h = headers(message.headers());
        return FrameCodec.decode(message.body().getBytes(), h, h.get(Addresses.CONTENT_TYPE), limits);
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

    /** A frame message waiting for the analysis thread, with when it reached this verticle. */
    private record Waiting(Message<Buffer> message, long startNanos, Instant receivedAt) {
    }
}
