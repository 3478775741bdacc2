package org.stemloop.agent;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.internal.logging.Logger;
import io.vertx.core.internal.logging.LoggerFactory;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.stemloop.image.Frame;
import org.stemloop.mqtt.Addresses;
import org.stemloop.mqtt.FrameCodec;
import org.stemloop.mqtt.FrameRejected;
import org.stemloop.mqtt.IncomingFrame;
import org.stemloop.mqtt.InputLimits;
import org.stemloop.store.AgentStore;
import org.stemloop.store.StoredFrame;
import org.stemloop.unet.UnetDetector;

/**
 * The analysis step of the frame path, on the analysis thread, one frame at a time in arrival order: decode,
 * look the frame id up among what its instrument already stored (one index lookup: a frame stored before, in
 * this run or any other, is answered from the database and neither analysed nor stored again, so it cannot
 * move the run state either), then LoG (or LoG*) and the rewards unless the run is paused, the U-Net started
 * beside it on its own thread.
 */
final class FrameAnalysisStep {

    private static final Logger LOG = LoggerFactory.getLogger(FrameAnalysisStep.class);

    private final AgentStore store;
    private final FrameAnalyzer analyzer;
    private final AtomicReference<RunState> state;
    private final InputLimits limits;
    private final Function<Frame, UnetDetector.Result> unet;
    private final ExecutorService unetThread;
    private final Context context;

    /**
     * @param unet    the U-Net to run beside LoG* on every analysed frame, or {@code null}
     * @param context where the U-Net's result completes (the frame verticle's)
     */
    FrameAnalysisStep(AgentStore store, FrameAnalyzer analyzer, AtomicReference<RunState> state, InputLimits limits,
                      Function<Frame, UnetDetector.Result> unet, Context context) {
        this.store = store;
        this.analyzer = analyzer;
        this.state = state;
        this.limits = limits;
        this.unet = unet;
        this.context = context;
        this.unetThread = unet == null ? null : Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "stemloop-unet");
            t.setDaemon(true);
            return t;
        });
    }

    /** Blocking (the analysis thread): one frame from its message body and headers to {@link Analysed}. */
    Analysed analyse(byte[] body, Map<String, String> headers) throws FrameRejected {
        long t0 = System.nanoTime();
        IncomingFrame frame = FrameCodec.decode(body, headers, headers.get(Addresses.CONTENT_TYPE), limits);
        long t1 = System.nanoTime();
        RunState before = state.get();
        Map<String, Double> timings = new LinkedHashMap<>();
        timings.put("decode", millis(t1 - t0));
        Optional<StoredFrame> stored = store.storedFrame(before.runId(), frame.frameId());
        if (stored.isPresent()) {
            timings.put("lookup", millis(System.nanoTime() - t1));
            return Analysed.repeated(frame, before, timings, stored.get());
        }
        if (before.paused()) {
            return new Analysed(frame, null, timings, before, before, null, null);
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
        return new Analysed(frame, analysis, timings, before, after, unetResult, null);
    }

    /** Hands the frame to the U-Net thread; the future completes on the verticle's context. */
    private Future<UnetOutcome> startUnet(Frame frame) {
        Promise<UnetOutcome> promise = Promise.promise();
        try {
            unetThread.execute(() -> {
                try {
                    UnetDetector.Result r = unet.apply(frame);
                    UnetOutcome outcome = new UnetOutcome(r.atoms(), r.inferenceMs() + r.coordsMs());
                    context.runOnContext(v -> promise.complete(outcome));
                } catch (RuntimeException | Error e) {
                    context.runOnContext(v -> promise.fail(e));
                }
            });
        } catch (RejectedExecutionException e) {
            promise.fail(new IllegalStateException("the U-Net is stopping", e));
        }
        return promise.future();
    }

    /** Lets a frame the U-Net is working on finish (60 s at most): the U-Net is closed after this step. */
    Future<Void> stop() {
        if (unetThread == null) {
            return Future.succeededFuture();
        }
        unetThread.shutdownNow();
        return context.owner().executeBlocking(() -> {
            if (!unetThread.awaitTermination(60, TimeUnit.SECONDS)) {
                LOG.warn("The U-Net thread did not stop within 60 s");
            }
            return null;
        });
    }

    static double millis(long nanos) {
        return nanos / 1e6;
    }
}
