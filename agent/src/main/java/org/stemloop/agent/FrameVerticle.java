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

/**
 * The path of one frame: decode and analyse on a worker thread, commit to the database (one store
 * thread, in arrival order), publish the detections, then reply so the bridge acknowledges the frame
 * to the broker. A frame that cannot be analysed goes to the errors topic and is acknowledged too,
 * so the broker does not redeliver it forever; a frame whose commit fails is not acknowledged.
 */
final class FrameVerticle extends VerticleBase {

    private static final Logger LOG = LoggerFactory.getLogger(FrameVerticle.class);

    private final AgentStore store;
    private final FrameAnalyzer analyzer;
    private final AtomicReference<RunState> state;
    private final Topics topics;
    private final boolean keepRawFrames;
    private Publisher publisher;
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
        storeThread = vertx.createSharedWorkerExecutor("stemloop-store", 1);
        return vertx.eventBus().<Buffer>consumer(Addresses.FRAMES_IN, this::onFrame).completion();
    }

    @Override
    public Future<?> stop() {
        return storeThread.close();
    }

    private void onFrame(Message<Buffer> message) {
        long startNanos = System.nanoTime();
        Instant receivedAt = receivedAt(message.headers());
        RunState run = state.get();
        process(message, run, receivedAt, startNanos)
                .recover(e -> e instanceof FrameRejected rejected ? reject(rejected) : Future.failedFuture(e))
                .onSuccess(v -> message.reply(null))
                .onFailure(e -> fail(message, e));
    }

    private Future<Void> process(Message<Buffer> message, RunState run, Instant receivedAt, long startNanos) {
        return vertx.executeBlocking(() -> analyse(message, run), false)
                .compose(done -> commit(done, run, receivedAt)
                        .compose(commit -> done.analysis() == null ? Future.succeededFuture()
                                : publishDetections(done, run, startNanos)));
    }

    /** Worker thread: decode, then LoG and rewards unless the run is paused. */
    private Analysed analyse(Message<Buffer> message, RunState run) throws FrameRejected {
        long t0 = System.nanoTime();
        IncomingFrame frame = FrameCodec.decode(message.body().getBytes(), headers(message.headers()));
        long t1 = System.nanoTime();
        FrameAnalysis analysis = run.paused() ? null : analyzer.analyze(frame.frame(), frame.material(), run);
        long t2 = System.nanoTime();
        Map<String, Double> timings = new LinkedHashMap<>();
        timings.put("decode", millis(t1 - t0));
        if (analysis != null) {
            timings.put("detect", millis(t2 - t1));
        }
        return new Analysed(frame, analysis, timings);
    }

    private Future<AgentStore.Commit> commit(Analysed done, RunState run, Instant receivedAt) {
        IncomingFrame f = done.frame();
        FrameMeta meta = new FrameMeta(run.runId(), f.frameId(), f.frame().height(), f.frame().width(),
                f.frame().pixelSizeAngstrom().orElse(Double.NaN), f.material(), receivedAt,
                keepRawFrames ? f.npy() : null);
        FrameAnalysis a = done.analysis();
        DetectionRecord detection = a == null ? null
                : new DetectionRecord(a.method(), a.paramSource(), a.params(), a.atoms(), a.qc(), a.er());
        return storeThread.executeBlocking(() -> store.commitFrame(meta, detection, done.timings()), true)
                .onSuccess(commit -> {
                    if (commit == AgentStore.Commit.DUPLICATE) {
                        LOG.info("Frame " + f.frameId() + " seen before in this run: not stored again");
                    }
                });
    }

    private Future<Void> publishDetections(Analysed done, RunState run, long startNanos) {
        FrameAnalysis a = done.analysis();
        byte[] json = Payloads.detections(done.frame().frameId(), run.runId(), a.method(), a.params(), a.atoms(),
                a.qc(), a.er(), millis(System.nanoTime() - startNanos));
        return publisher.publish(topics.detections(), json, false);
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

    /** A decoded frame with its analysis ({@code null} when the run is paused) and stage timings. */
    private record Analysed(IncomingFrame frame, FrameAnalysis analysis, Map<String, Double> timings) {
    }
}
