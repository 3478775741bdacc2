package org.stemloop.web;

import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.eclipse.paho.mqttv5.client.IMqttMessageListener;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;
import org.stemloop.agent.Agent;
import org.stemloop.agent.AgentConfig;
import org.stemloop.agent.AnalysisSettings;
import org.stemloop.agent.Backpressure;
import org.stemloop.agent.OperationsSettings;
import org.stemloop.agent.OptimiserSettings;
import org.stemloop.agent.RunMode;
import org.stemloop.image.NpyCodec;
import org.stemloop.mqtt.BrokerSettings;
import org.stemloop.mqtt.EmbeddedBroker;
import org.stemloop.mqtt.FrameCodec;
import org.stemloop.mqtt.InputLimits;
import org.stemloop.mqtt.Topics;
import org.stemloop.ops.LogFormat;
import org.stemloop.reward.Material;
import org.stemloop.sim.SimulationSpec;
import org.stemloop.sim.Simulator;
import org.stemloop.store.Database;
import org.stemloop.store.WebQueries;

/**
 * A real agent with its web UI: one embedded HiveMQ for the whole test JVM, an agent (supervised,
 * raw frames kept) on an H2 file, the web server on a free port with an operator and a viewer, and a
 * Paho client that plays the microscope (frames) and listens to the agent (detections, its own Pareto
 * fronts) and on the control topic. The agent's LoG* optimises real simulated frames: every front the
 * web shows is the agent's.
 */
final class WebFixture implements AutoCloseable {

    static final String OPERATOR = "operator";
    static final String OPERATOR_PASSWORD = "op-secret-0001";
    static final String VIEWER = "ada";
    static final String VIEWER_PASSWORD = "view-secret-0001";
    /** Seconds to wait for the agent; {@code -Dstemloop.test.waitSeconds=N} on a loaded machine. */
    static final int WAIT_S = Integer.getInteger("stemloop.test.waitSeconds", 20);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger INSTRUMENTS = new AtomicInteger();
    private static EmbeddedBroker broker;
    /** The last fixture's message-signing key: what the agent signs with. */
    static volatile org.stemloop.mqtt.MessageSigning signing;

    final Vertx vertx;
    final Topics topics;
    final Agent agent;
    final WebServer web;
    final String jdbcUrl;
    private final MqttClient mqtt;
    private final LinkedBlockingQueue<JsonNode> control = new LinkedBlockingQueue<>();
    private final java.util.Map<String, JsonNode> detections = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.Map<String, JsonNode> pareto = new java.util.concurrent.ConcurrentHashMap<>();

    private WebFixture(Vertx vertx, Topics topics, Agent agent, WebServer web, String jdbcUrl, MqttClient mqtt) {
        this.vertx = vertx;
        this.topics = topics;
        this.agent = agent;
        this.web = web;
        this.jdbcUrl = jdbcUrl;
        this.mqtt = mqtt;
    }

    static synchronized EmbeddedBroker broker() {
        if (broker == null) {
            broker = EmbeddedBroker.start(0);
            Runtime.getRuntime().addShutdownHook(new Thread(broker::close));
        }
        return broker;
    }

    static WebFixture start(Path dir) throws Exception {
        return start(dir, null);
    }

    /** As {@link #start(Path)}, the agent sorting each frame's atoms into classes ({@code null}: off). */
    static WebFixture start(Path dir, org.stemloop.cluster.ClassSettings classes) throws Exception {
        String url = broker().url();
        Topics topics = new Topics("web-" + INSTRUMENTS.incrementAndGet() + "-" + ProcessHandle.current().pid());
        String jdbc = "jdbc:h2:" + dir.resolve("db").toAbsolutePath();
        Path users = dir.resolve("users.txt");
        UserFile.ensureFirstOperator(users, OPERATOR_PASSWORD);
        UserFile.load(users).put(VIEWER, Role.VIEWER, VIEWER_PASSWORD.toCharArray());
        Vertx vertx = Vertx.vertx(new io.vertx.core.VertxOptions().setWarningExceptionTime(1_500_000_000L));
        // the key agent and web UI share, installed before the agent's first (signed) status
        signing = org.stemloop.mqtt.MessageSigning.loadOrCreate(dir.resolve("mqtt-signing.key")).installOn(vertx);
        BrokerSettings settings = new BrokerSettings(url, "agent-" + topics.instrument(), null, null, topics, 60);
        Agent agent = await(Agent.start(vertx, new AgentConfig(settings, jdbc,
                new AnalysisSettings(RunMode.SUPERVISED, AgentConfig.DEFAULT_PARAMS, "graphene", OptimiserSettings.DEFAULT,
                        null, classes), InputLimits.DEFAULT, new OperationsSettings(Backpressure.DEFAULT, null,
                        LogFormat.PLAIN, true))));
        WebServer web = await(WebServer.start(vertx, new WebConfig("127.0.0.1", 0, users, jdbc, settings, false)));
        MqttClient client = new MqttClient(url, "test-web-" + topics.instrument(), new MemoryPersistence());
        client.connect(new MqttConnectionOptions());
        WebFixture f = new WebFixture(vertx, topics, agent, web, jdbc, client);
        client.subscribe(new MqttSubscription[] {new MqttSubscription(topics.control(), 1),
                        new MqttSubscription(topics.detections(), 1), new MqttSubscription(topics.pareto(), 1)},
                new IMqttMessageListener[] {(t, m) -> f.control.add(JSON.readTree(m.getPayload())),
                        (t, m) -> f.on(f.detections, m), (t, m) -> f.on(f.pareto, m)});
        return f;
    }

    private void on(java.util.Map<String, JsonNode> byFrame, MqttMessage m) throws java.io.IOException {
        if (m.getPayload().length > 0) {
            JsonNode json = JSON.readTree(m.getPayload());
            byFrame.put(json.path("frame_id").asText(), json);
        }
    }

    String base() {
        return "http://127.0.0.1:" + web.port();
    }

    /**
     * A simulated 128 x 128 graphene frame with dopants, an amorphous patch and noise, as the microscope sends it:
     * its front has distinct readings to choose from (a clean frame's has one).
     */
    void publishFrame(String frameId, long seed) throws Exception {
        publishFrame(frameId, Simulator.simulate(org.stemloop.testsupport.AmbiguousFrames.graphene(128, seed)).frame());
    }

    /** Publishes {@code frame} as graphene at 0.14 Å/px, as the microscope sends it. */
    void publishFrame(String frameId, org.stemloop.image.Frame frame) throws Exception {
        byte[] npy = NpyCodec.encode(frame);
        MqttMessage message = new MqttMessage(npy, 1, false, null);
        MqttProperties props = new MqttProperties();
        props.setUserProperties(FrameCodec.userProperties(frameId, 0.14, "graphene").entrySet().stream()
                .map(e -> new UserProperty(e.getKey(), e.getValue())).toList());
        message.setProperties(props);
        mqtt.publish(topics.frames(), message);
    }

    /** Publishes a frame and waits until the agent has published its detections. */
    void publishFrameAndAwaitDetections(String frameId, long seed) throws Exception {
        publishFrame(frameId, seed);
        awaitDetections(frameId);
    }

    /**
     * Asks the agent on the control topic (as any operator's console may) to optimise the next frame,
     * waits until it has recorded that request, then publishes the frame and returns the agent's own
     * Pareto front of it (retained on {@code pareto}, published before the frame's detections).
     */
    JsonNode publishOptimisedFrame(String frameId, long seed) throws Exception {
        String requestId = java.util.UUID.randomUUID().toString();
        mqtt.publish(topics.control(), new MqttMessage(JSON.createObjectNode().put("action", "reoptimize")
                .put("by", "test-fixture").put("request_id", requestId).toString()
                .getBytes(StandardCharsets.UTF_8), 1, false, null));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_S);
        while (decisions().stream().noneMatch(d -> d.action().equals("reoptimize") && d.detail().contains(requestId))) {
            if (System.nanoTime() > deadline) {
                fail("The agent did not record reoptimize " + requestId + " within " + WAIT_S + " s");
            }
            Thread.sleep(50);
        }
        publishFrameAndAwaitDetections(frameId, seed);
        JsonNode front = pareto.get(frameId);
        // "reoptimize", or "no-parameters" when it is the agent's first frame
        if (front == null || !front.path("options").isArray() || front.path("options").isEmpty()) {
            fail("The agent published no front of its own for " + frameId + "; last: " + front);
        }
        return front;
    }

    /** The agent's last Pareto message for {@code frameId} (a re-announcement replaces the first), or null. */
    JsonNode pareto(String frameId) {
        return pareto.get(frameId);
    }

    /** The agent's detections of {@code frameId}, waited for. */
    JsonNode awaitDetections(String frameId) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_S);
        while (!detections.containsKey(frameId)) {
            if (System.nanoTime() > deadline) {
                fail("No detections for " + frameId + " within " + WAIT_S + " s");
            }
            Thread.sleep(50);
        }
        return detections.get(frameId);
    }

    /** The next control message that satisfies {@code test}, or a failure after {@link #WAIT_S}. */
    JsonNode awaitControl(Predicate<JsonNode> test, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_S);
        while (System.nanoTime() < deadline) {
            JsonNode m = control.poll(200, TimeUnit.MILLISECONDS);
            if (m != null && test.test(m)) {
                return m;
            }
        }
        return fail("No control message with " + what + " within " + WAIT_S + " s");
    }

    /** The decisions of the agent's run, read through a connection of our own. */
    List<WebQueries.DecisionRow> decisions() {
        try (Database db = Database.open(jdbcUrl)) {
            return new WebQueries(db).decisions(agent.runId());
        }
    }

    @Override
    public void close() throws Exception {
        mqtt.publish(topics.pareto(), new MqttMessage(new byte[0], 1, true, null));
        mqtt.disconnect();
        mqtt.close();
        await(web.stop());
        await(agent.stop());
        await(vertx.close());
    }

    static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(WAIT_S, TimeUnit.SECONDS);
    }
}
