package org.stemloop.agent;

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
import org.stemloop.mqtt.IncomingFrame;
import org.stemloop.mqtt.Payloads;
import org.stemloop.mqtt.Topics;
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
 */
final class FrameVerticle extends VerticleBase {

    private static final Logger LOG = LoggerFactory.getLogger(FrameVerticle.class);

    private final AgentStore store;
    private final FrameAnalyzer analyzer;
    private final AtomicReference<RunState> state;
    private final Topics topics;
    private final boolean keepRawFrames;
    private final Function<Frame, UnetDetector.Result> unet;
    private final String unetModel;
    private Publisher publisher;
    private ExecutorService unetThread;
    private WorkerExecutor analysisThread;
    private WorkerExecutor storeThread;

    FrameVerticle(AgentStore store, FrameAnalyzer analyzer, AtomicReference<RunState> state, Topics topics,
                  boolean keepRawFrames) {
        this(store, analyzer, state, topics, keepRawFrames, null, null);
    }

    /**
     * @param unet      the U-Net to run beside LoG* on every analysed frame ({@link UnetDetector#detect}), or
     *                  {@code null}; its detector is not closed here
     * @param unetModel its name in the detections and the database
     */
    FrameVerticle(AgentStore store, FrameAnalyzer analyzer, AtomicReference<RunState> state, Topics topics,
                  boolean keepRawFrames, Function<Frame, UnetDetector.Result> unet, String unetModel) {
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
        publisher = new Publisher(vertx);
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

    private void onFrame(Message<Buffer> message) {
        long startNanos = System.nanoTime();
        Instant receivedAt = receivedAt(message.headers());
        analysisThread.executeBlocking(() -> analyse(message), true)
                .compose(done -> commit(done, receivedAt)
                        .compose(commit -> done.analysis() == null ? Future.succeededFuture()
                                : publishResults(done, startNanos))
                        .compose(v -> done.unet() == null ? Future.succeededFuture() : finishUnet(done, startNanos)))
                .recover(e -> e instanceof FrameRejected rejected ? reject(rejected) : Future.failedFuture(e))
                .onSuccess(v -> message.reply(null))
                .onFailure(e -> fail(message, e));
    }

    /** Analysis thread: decode, then LoG (or LoG*) and rewards unless the run is paused; moves the run state on. */
    private Analysed analyse(Message<Buffer> message) throws FrameRejected {
        long t0 = System.nanoTime();
        IncomingFrame frame = FrameCodec.decode(message.body().getBytes(), headers(message.headers()));
        long t1 = System.nanoTime();
        RunState before = state.get();
        Map<String, Double> timings = new LinkedHashMap<>();
        timings.put("decode", millis(t1 - t0));
        if (before.paused()) {
            return new Analysed(frame, null, timings, before, before, null);
        }
        Future<UnetOutcome> unetResult = unet == null ? null : startUnet(frame.frame());
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
                LOG.warn("U-Net failed on frame " + frameId + ": " + ar.cause().getMessage(), ar.cause());
                return publisher.publish(topics.errors(), Payloads.error(frameId, "unet-failed",
                        "U-Net " + unetModel + ": " + ar.cause().getMessage()), false);
            }
            UnetOutcome r = ar.result();
            return storeThread.executeBlocking(() -> store.commitUnet(runId, frameId, new UnetRecord(unetModel,
                            r.atoms())), true)
                    .compose(c -> publisher.publish(topics.detections(), Payloads.unetDetections(frameId, runId,
                            unetModel, r.atoms(), millis(System.nanoTime() - startNanos), r.ms()), false));
        });
    }

    private Future<AgentStore.Commit> commit(Analysed done, Instant receivedAt) {
        IncomingFrame f = done.frame();
        RunState run = done.before();
        FrameMeta meta = new FrameMeta(run.runId(), f.frameId(), f.frame().height(), f.frame().width(),
                f.frame().pixelSizeAngstrom().orElse(Double.NaN), f.material(), receivedAt,
                keepRawFrames ? f.npy() : null);
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
                        LOG.info("Frame " + f.frameId() + " seen before in this run: not stored again");
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
            byte[] json = Payloads.detections(done.frame().frameId(), done.before().runId(), a.method(), a.params(),
                    a.paramSource(), a.option(), a.atoms(), a.qc(), a.er(), millis(System.nanoTime() - startNanos));
            return publisher.publish(topics.detections(), json, false);
        });
    }

    private Future<Void> reject(FrameRejected rejected) {
        LOG.warn("Frame rejected: " + rejected.getMessage());
        return publisher.publish(topics.errors(),
                Payloads.error(rejected.frameId(), rejected.error(), rejected.getMessage()), false);
    }

    /** The one error handler: say so on the errors topic and leave the frame unacknowledged. */
    private void fail(Message<Buffer> message, Throwable e) {
        String frameId = message.headers().get(FrameCodec.FRAME_ID);
        LOG.error("Frame " + frameId + " failed, not acknowledged: " + e.getMessage(), e);
        publisher.publish(topics.errors(), Payloads.error(frameId, "internal", String.valueOf(e.getMessage())), false)
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

    /** The U-Net's atoms on a frame and the milliseconds it took (inference and coordinates). */
    private record UnetOutcome(List<UnetAtom> atoms, double ms) {
    }
}
