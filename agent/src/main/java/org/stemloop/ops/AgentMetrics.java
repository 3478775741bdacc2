package org.stemloop.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;

/**
 * The agent's meters in one Micrometer registry, scraped in Prometheus text format at {@code /metrics}
 * ({@link OpsVerticle}). Created by the agent and handed to its verticles; the compute core never sees it.
 * The names below are Micrometer's; Prometheus shows them with underscores and unit suffixes
 * ({@code stemloop.frame.latency} becomes {@code stemloop_frame_latency_seconds_bucket}, ...), every series
 * tagged {@code instrument}. {@code docs/operations.md} lists them.
 *
 * <p>Thread-safe: meters are updated from the event loop and the worker threads, read by the scrape.
 */
public final class AgentMetrics {

    /** Frames the agent finished with, tagged {@code outcome}: analysed, skipped, paused, rejected, repeated. */
    public static final String FRAMES = "stemloop.frames";
    /** Arrival at the agent to detections published (LoG*), queueing included. */
    public static final String FRAME_LATENCY = "stemloop.frame.latency";
    /**
     * Frames that found the hand-off queue full ({@code every}: left unacknowledged, asked for again); each
     * delivery counts, so a frame deferred twice counts twice.
     */
    public static final String FRAMES_DEFERRED = "stemloop.frames.deferred";
    /** Frames waiting in the agent's hand-off queue for the analysis thread. */
    public static final String QUEUE_DEPTH = "stemloop.frame.queue.depth";
    /** The most frames that ever waited at once since the agent started (for sizing {@code queue-size}). */
    public static final String QUEUE_PEAK = "stemloop.frame.queue.peak";
    /** The bound on {@link #QUEUE_DEPTH} ({@code queue-size}). */
    public static final String QUEUE_CAPACITY = "stemloop.frame.queue.capacity";
    /** LoG* searches (frames that were optimised), the search's own time. */
    public static final String OPTIMISATION = "stemloop.optimisation";
    /** U-Net inference and coordinates on one frame, when a U-Net is configured. */
    public static final String UNET_INFERENCE = "stemloop.unet.inference";
    /** Messages on the errors topic, tagged {@code kind} (its {@code error} field). */
    public static final String ERRORS = "stemloop.errors";
    /** Decisions recorded, tagged {@code action} and {@code actor} ({@code agent} or {@code operator}). */
    public static final String DECISIONS = "stemloop.decisions";
    /** 1 while the agent's MQTT client is connected to the broker, else 0. */
    public static final String BROKER_CONNECTED = "stemloop.broker.connected";

    private final PrometheusMeterRegistry registry;
    private final Counter analysed;
    private final Counter skipped;
    private final Counter paused;
    private final Counter rejected;
    private final Counter repeated;
    private final Timer latency;
    private final Timer optimisation;
    private final Timer unet;

    private AgentMetrics(PrometheusMeterRegistry registry) {
        this.registry = registry;
        analysed = outcomeCounter("analysed");
        skipped = outcomeCounter("skipped");
        paused = outcomeCounter("paused");
        rejected = outcomeCounter("rejected");
        repeated = outcomeCounter("repeated");
        // buckets for percentiles across agents, plus the design's goals (p50 100 ms, p99 300 ms) as exact edges
        latency = Timer.builder(FRAME_LATENCY).description("Frame arrival at the agent to its detections published")
                .publishPercentileHistogram().serviceLevelObjectives(Duration.ofMillis(100), Duration.ofMillis(300))
                .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofMinutes(2))
                .register(registry);
        optimisation = Timer.builder(OPTIMISATION).description("LoG* search time on an optimised frame")
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(10))
                .maximumExpectedValue(Duration.ofMinutes(2)).register(registry);
        unet = Timer.builder(UNET_INFERENCE).description("U-Net inference and coordinates on one frame")
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofMinutes(1)).register(registry);
    }

    /**
     * A registry for one agent, every series tagged with its instrument, with the JVM's memory, threads,
     * CPU and uptime beside the agent's own meters (memory flat overnight is one of the goals).
     */
    public static AgentMetrics create(String instrument) {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.config().commonTags("instrument", Objects.requireNonNull(instrument, "instrument"));
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        return new AgentMetrics(registry);
    }

    private Counter outcomeCounter(String outcome) {
        return Counter.builder(FRAMES).description("Frames the agent finished with, by outcome")
                .tag("outcome", outcome).register(registry);
    }

    /** The registry, for meters of other parts. */
    public MeterRegistry registry() {
        return registry;
    }

    /** Every meter in Prometheus text format (version 0.0.4). */
    public String scrape() {
        return registry.scrape();
    }

    /** A frame analysed and its detections published {@code latencyNanos} after it reached the agent. */
    public void frameAnalysed(long latencyNanos) {
        analysed.increment();
        latency.record(latencyNanos, TimeUnit.NANOSECONDS);
    }

    /** A frame recorded as skipped (the {@code newest} policy). */
    public void frameSkipped() {
        skipped.increment();
    }

    /** A delivery that found the queue full and was left to the broker to send again. */
    public void frameDeferred() {
        registry.counter(FRAMES_DEFERRED).increment();
    }

    /** A frame kept without analysis because the run is paused. */
    public void framePaused() {
        paused.increment();
    }

    /** A frame refused as bad input (its error is counted under {@link #ERRORS} too). */
    public void frameRejected() {
        rejected.increment();
    }

    /** A frame id the instrument had already stored, answered again with its stored detections (issue 14). */
    public void frameRepeated() {
        repeated.increment();
    }

    /** The value of a gauge of this registry (e.g. {@link #QUEUE_PEAK}), NaN when it does not exist. */
    public double gauge(String name) {
        Gauge g = registry.find(name).gauge();
        return g == null ? Double.NaN : g.value();
    }

    /** The count of frames with this outcome ({@code analysed}, {@code skipped}, {@code paused}, {@code rejected}). */
    public long frames(String outcome) {
        Counter c = registry.find(FRAMES).tag("outcome", outcome).counter();
        return c == null ? 0 : (long) c.count();
    }

    /** Frames skipped since the agent started (the status topic reports it). */
    public long framesSkipped() {
        return (long) skipped.count();
    }

    /** A LoG* search that took {@code millis}. */
    public void optimised(double millis) {
        optimisation.record(Duration.ofNanos((long) (millis * 1e6)));
    }

    /** A U-Net pass over one frame that took {@code millis}. */
    public void unetInference(double millis) {
        unet.record(Duration.ofNanos((long) (millis * 1e6)));
    }

    /** A message of this kind on the errors topic. */
    public void error(String kind) {
        Counter.builder(ERRORS).description("Messages on the errors topic, by kind").tag("kind", kind)
                .register(registry).increment();
    }

    /**
     * A decision recorded; operators' names are folded into {@code operator} so that the series stay few.
     *
     * @param agent whether the agent took it (else an operator)
     */
    public void decision(String action, boolean agent) {
        Counter.builder(DECISIONS).description("Decisions recorded, by action and actor").tag("action", action)
                .tag("actor", agent ? "agent" : "operator").register(registry).increment();
    }

    /** Reports the hand-off queue's depth and peak (read at each scrape) and its bound. */
    public void frameQueue(IntSupplier depth, IntSupplier peak, int capacity) {
        Gauge.builder(QUEUE_DEPTH, depth::getAsInt).description("Frames waiting for the analysis thread")
                .register(registry);
        Gauge.builder(QUEUE_PEAK, peak::getAsInt).description("The most frames that waited at once")
                .register(registry);
        Gauge.builder(QUEUE_CAPACITY, () -> capacity).description("The bound on the frames waiting (queue-size)")
                .register(registry);
    }

    /** Reports whether the broker connection is up (read at each scrape). */
    public void brokerConnected(BooleanSupplier connected) {
        Gauge.builder(BROKER_CONNECTED, () -> connected.getAsBoolean() ? 1 : 0)
                .description("1 while the agent is connected to its MQTT broker").register(registry);
    }
}
