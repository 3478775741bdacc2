package org.stemloop.agent;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.internal.logging.Logger;
import io.vertx.core.internal.logging.LoggerFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.stemloop.image.Frame;
import org.stemloop.mqtt.BrokerLink;
import org.stemloop.mqtt.BrokerSettings;
import org.stemloop.mqtt.MqttBridge;
import org.stemloop.mqtt.Payloads;
import org.stemloop.mqtt.Topics;
import org.stemloop.ops.AgentMetrics;
import org.stemloop.ops.OpsVerticle;
import org.stemloop.ops.Readiness;
import org.stemloop.store.AgentStore;
import org.stemloop.store.DecisionStore;
import org.stemloop.store.RunQueries;
import org.stemloop.store.LoopStore;
import org.stemloop.store.TrackStore;
import org.stemloop.poi.DoseBudget;
import org.stemloop.store.Database;
import org.stemloop.store.ShareScope;
import org.stemloop.unet.ShippedModels;
import org.stemloop.unet.UnetDetector;
import org.stemloop.unet.UnetModelException;

/**
 * One running agent: the database opened and migrated, a run recorded (or, when the last agent with
 * this instrument and MQTT client id was killed before it ended its run, that run resumed with the state
 * it last committed), the frame and control verticles deployed, then the MQTT bridge (last, so nothing
 * arrives before its consumer exists).
 *
 * <pre>{@code
 * Agent agent = Agent.start(vertx, config).await();
 * ...
 * agent.stop().await();
 * }</pre>
 *
 * <p>The flow of a frame: {@link MqttBridge} -> {@code FrameVerticle} (decode, {@link FrameAnalyzer}
 * on the analysis thread, commit, publish) -> reply -> the bridge acknowledges the frame to the broker.
 * Control messages: {@link MqttBridge} -> {@code ControlVerticle} (change the run state, record the
 * decision). The agent serves no HTTP of its own but the optional ops endpoints below: the web UI is
 * {@code org.stemloop.web.WebServer}, which {@code cli/AgentLauncher} starts apart, in the same Vert.x
 * instance (so it stops with it), and which talks to the agent only through the broker and the database.
 *
 * <p>Every agent has its own {@link AgentMetrics} registry, handed to the verticles; with
 * {@link AgentConfig#metrics()} set, an {@link OpsVerticle} serves it with {@code /health} and {@code /ready}.
 * That verticle deploys first, so that {@code /ready} says "starting" (503) until the bridge is up.
 */
public final class Agent {

    private static final Logger LOG = LoggerFactory.getLogger(Agent.class);

    private final Vertx vertx;
    private final Database db;
    private final AgentStore store;
    private final AtomicReference<RunState> state;
    private final List<String> deployments;
    private final UnetDetector unet;
    private final AgentMetrics metrics;
    private final OpsVerticle ops;
    private final boolean resumed;

    private Agent(Vertx vertx, Database db, AgentStore store, AtomicReference<RunState> state, List<String> deployments,
                  UnetDetector unet, AgentMetrics metrics, OpsVerticle ops, boolean resumed) {
        this.unet = unet;
        this.metrics = metrics;
        this.ops = ops;
        this.resumed = resumed;
        this.vertx = vertx;
        this.db = db;
        this.store = store;
        this.state = state;
        this.deployments = List.copyOf(deployments);
    }

    /** Starts an agent with LoG* as configured ({@link AgentConfig#optimiser()}, crystal mask, refinement, contrast and pixel calibration). */
    public static Future<Agent> start(Vertx vertx, AgentConfig config) {
        return start(vertx, config, new LogStarAnalyzer(config.optimiser(), config.analysis().mask(),
                config.analysis().refinement(), config.analysis().preparation()));
    }

    /**
     * Starts an agent; the future fails with the reason when the U-Net model cannot be loaded (a
     * {@link UnetModelException} naming it), or the database or the broker cannot be reached (nothing stays
     * deployed then).
     */
    public static Future<Agent> start(Vertx vertx, AgentConfig config, FrameAnalyzer analyzer) {
        return start(vertx, config, analyzer, UnaryOperator.identity());
    }

    /** As {@link #start(Vertx, AgentConfig, FrameAnalyzer)}, with the loaded U-Net's calls wrapped (tests: failures). */
    static Future<Agent> start(Vertx vertx, AgentConfig config, FrameAnalyzer logStar,
                               UnaryOperator<Function<Frame, UnetDetector.Result>> unetWrapper) {
        Objects.requireNonNull(logStar, "analyzer");
        FrameAnalyzer analyzer = config.classes() == null ? logStar : new ClassifyingAnalyzer(logStar, config.classes());
        Topics topics = config.broker().topics();
        AgentMetrics metrics = AgentMetrics.create(topics.instrument());
        Backpressure backpressure = config.backpressure();
        return vertx.executeBlocking(() -> loadUnet(config)).compose(unet -> vertx.executeBlocking(
                () -> OpenedRun.open(config)).onFailure(e -> closeUnet(unet)).compose(opened -> {
            Database db = opened.db();
            RunState initial = opened.state();
            AtomicReference<RunState> state = new AtomicReference<>(initial);
            AtomicReference<BrokerLink> link = new AtomicReference<>(BrokerLink.FIRST);
            Function<RunState, byte[]> statusOf = s -> statusPayload(s, topics, backpressure.policy(), metrics,
                    link.get());
            BrokerSettings b = config.broker();
            AgentStore store = new AgentStore(db, b.shared()
                    ? new ShareScope(b.shareGroup(), topics.instrument(), b.clientId()) : null);
            List<String> deployed = new ArrayList<>();
            MqttBridge bridge = new MqttBridge(b, () -> statusOf.apply(state.get()),
                    Payloads.status("offline", topics.instrument(), initial.runId(), null), link,
                    backpressure.receiveMaximum(), config.limits().maximumPacketSize());
            metrics.brokerConnected(bridge::connected);
            AtomicBoolean started = new AtomicBoolean();
            OpsVerticle ops = config.metrics() == null ? null : new OpsVerticle(config.metrics().host(),
                    config.metrics().port(), metrics, new Readiness(started::get, bridge::connected, store::ping));
            Future<Void> opsUp = ops == null ? Future.succeededFuture() : deploy(vertx, deployed, ops);
            return opsUp
                    .compose(v -> deploy(vertx, deployed, new FrameVerticle(store, analyzer, state, topics,
                            config.keepRawFrames(), unet == null ? null : unetWrapper.apply(unet::detect),
                            unet == null ? null : unetName(config.unetModel()), config.limits(), metrics,
                            backpressure, statusOf, b.statusTopic())))
                    .compose(v -> deploy(vertx, deployed, new ControlVerticle(new DecisionStore(db), state, b,
                            config.limits().maxControlBytes(), metrics, statusOf)))
                    .compose(v -> deploy(vertx, deployed, new LoopVerticle(new LoopStore(db), state, topics, metrics,
                            config.dose(), new AcquisitionExpiry(config.acquireExpiry(), java.time.Clock.systemUTC()),
                            b.shared() ? b.clientId() : null)))
                    .compose(v -> deploy(vertx, deployed, new TrackVerticle(new TrackStore(db), topics, metrics)))
                    .compose(v -> deploy(vertx, deployed, bridge))
                    .compose(v -> opened.resumed() ? offerAgain(vertx, topics, state.get(), metrics)
                            : Future.succeededFuture())
                    .onSuccess(v -> started.set(true))
                    .map(v -> new Agent(vertx, db, store, state, deployed, unet, metrics, ops, opened.resumed()))
                    .recover(e -> undeploy(vertx, deployed)
                            .eventually(() -> vertx.executeBlocking(() -> {
                                closeUnet(unet);
                                db.close();
                                return null;
                            }))
                            .transform(done -> Future.failedFuture(e)));
        }));
    }

    /**
     * A resumed run's Pareto front goes out again (retained): the agent may have died between committing
     * a front and publishing it, and an operator's pending choice needs the options in front of them.
     */
    private static Future<Void> offerAgain(Vertx vertx, Topics topics, RunState s, AgentMetrics metrics) {
        if (s.options() == null) {
            return Future.succeededFuture();
        }
        return new Publisher(vertx, topics, metrics).publish(topics.pareto(), ParetoMessage.of(s.options(), s), true)
                .recover(e -> {
                    LOG.warn("Cannot offer the resumed run's Pareto front again: " + e.getMessage());
                    return Future.succeededFuture();
                });
    }

    /** The configured U-Net, loaded and checked, or {@code null} when none is configured. */
    private static UnetDetector loadUnet(AgentConfig config) {
        return config.unetModel() == null ? null : UnetDetector.load(config.unetModel());
    }

    private static void closeUnet(UnetDetector unet) {
        if (unet != null) {
            unet.close();
        }
    }

    /** A model's name in detections and the database: a shipped model's name, or the file's name. */
    static String unetName(String model) {
        if (ShippedModels.isShipped(model)) {
            return model;
        }
        java.nio.file.Path name = java.nio.file.Path.of(model).getFileName();
        return name == null ? model : name.toString();
    }

    private static Future<Void> deploy(Vertx vertx, List<String> deployed, io.vertx.core.Deployable verticle) {
        return vertx.deployVerticle(verticle).map(id -> {
            deployed.add(id);
            return null;
        });
    }

    /** Undeploys in reverse order of deployment: the bridge first, so no frame arrives at a stopped consumer. */
    private static Future<Void> undeploy(Vertx vertx, List<String> deployed) {
        Future<Void> done = Future.succeededFuture();
        for (int i = deployed.size() - 1; i >= 0; i--) {
            String id = deployed.get(i);
            done = done.compose(v -> vertx.undeploy(id));
        }
        return done;
    }

    /** This run's id, as in the detections and the database. */
    public String runId() {
        return state.get().runId();
    }

    /** Whether this agent resumed a run its predecessor (same instrument and client id) never ended. */
    public boolean resumed() {
        return resumed;
    }

    /** The current run state. */
    public RunState state() {
        return state.get();
    }

    /** This agent's meters (frames, latency, queue depth, errors, decisions, ...). */
    public AgentMetrics metrics() {
        return metrics;
    }

    /** The port {@code /metrics}, {@code /health} and {@code /ready} are served on, or -1 when not served. */
    public int opsPort() {
        return ops == null ? -1 : ops.port();
    }

    /** The open database (tests of the loop read its tables through {@link org.stemloop.store.LoopStore}). */
    Database database() {
        return db;
    }

    /** The store this agent writes to (blocking: use from worker threads or tests). */
    public AgentStore store() {
        return store;
    }

    /** The decisions of this agent's database (blocking: use from worker threads or tests). */
    public DecisionStore decisions() {
        return new DecisionStore(db);
    }

    /** Read-only questions about the runs in this agent's database (blocking: use from worker threads or tests). */
    public RunQueries queries() {
        return new RunQueries(db);
    }

    /** Stops the bridge first (no new frames; the status says offline), then the rest; ends the run. */
    public Future<Void> stop() {
        Future<Void> undeployed = undeploy(vertx, deployments);
        // the run ends and the database closes even when an undeploy failed; either failure is reported
        return undeployed.transform(u -> vertx.<Void>executeBlocking(() -> {
            try {
                store.endRun(runId(), Instant.now());
            } finally {
                try {
                    db.close();
                } finally {
                    closeUnet(unet);
                }
            }
            return null;
        }).compose(v -> u.succeeded() ? Future.succeededFuture() : Future.failedFuture(u.cause())));
    }

    /**
     * The retained status message of a run state, with the frame policy and the frames skipped so far, and the
     * broker connection's story once it had an outage.
     */
    static byte[] statusPayload(RunState s, Topics topics, FramePolicy policy, AgentMetrics metrics, BrokerLink link) {
        return Payloads.status(s.statusWord(), topics.instrument(), s.runId(), s.mode().id(), policy.id(),
                metrics.framesSkipped(), link);
    }
}
