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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
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

/**
 * The path of one frame: decode and analyse on the analysis thread (one frame at a time, in arrival
 * order, so each frame sees the parameters the previous one or an operator left), commit to the
 * database (one store thread), publish the Pareto options (when the frame was optimised) and the
 * detections, then reply so the bridge acknowledges the frame to the broker. A frame that cannot be
 * analysed goes to the errors topic and is acknowledged too, so the broker does not redeliver it
 * forever; a frame whose commit fails is not acknowledged.
 */
final class FrameVerticle extends VerticleBase {

    private static final Logger LOG = LoggerFactory.getLogger(FrameVerticle.class);

    private final AgentStore store;
    private final FrameAnalyzer analyzer;
    private final AtomicReference<RunState> state;
    private final Topics topics;
    private final boolean keepRawFrames;
    private Publisher publisher;
    private WorkerExecutor analysisThread;
    private WorkerExecutor storeThread;

    FrameVerticle(AgentStore store, FrameAnalyzer analyzer, AtomicReference<RunState> state, Topics topics,
                  boolean keepRawFrames) {
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
        return vertx.eventBus().<Buffer>consumer(Addresses.FRAMES_IN, this::onFrame).completion();
    }

    @Override
    public Future<?> stop() {
        return Future.all(analysisThread.close(), storeThread.close());
    }

    private void onFrame(Message<Buffer> message) {
        long startNanos = System.nanoTime();
        Instant receivedAt = receivedAt(message.headers());
        analysisThread.executeBlocking(() -> analyse(message), true)
                .compose(done -> commit(done, receivedAt)
                        .compose(commit -> done.analysis() == null ? Future.succeededFuture()
                                : publishResults(done, startNanos)))
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
            return new Analysed(frame, null, timings, before, before);
        }
        FrameAnalysis analysis;
        try {
            analysis = analyzer.analyze(frame.frame(), frame.material(), before);
        } catch (IllegalArgumentException e) {
            // the frame's content, not the agent, is at fault (e.g. NaN pixels): answer, do not retry
            throw new FrameRejected(frame.frameId(), "bad-frame", e.getMessage());
        }
        RunState after = state.updateAndGet(s -> s.afterFrame(frame.frameId(), analysis));
        timings.put(analysis.optimisation() == null ? "detect" : "optimise", millis(System.nanoTime() - t1));
        return new Analysed(frame, analysis, timings, before, after);
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
        return storeThread.executeBlocking(() -> store.commitFrame(meta, detection, done.timings(), paretoRecord,
                        decisions), true)
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
     * A decoded frame with its analysis ({@code null} when the run is paused), stage timings, and the
     * run state before and after it.
     */
    private record Analysed(IncomingFrame frame, FrameAnalysis analysis, Map<String, Double> timings, RunState before,
                            RunState after) {
    }
}
