package org.stemloop.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stemloop.image.NpyCodec;
import org.stemloop.mqtt.BrokerAccess;
import org.stemloop.mqtt.BrokerSettings;
import org.stemloop.mqtt.EmbeddedBroker;
import org.stemloop.mqtt.FrameCodec;
import org.stemloop.mqtt.InputLimits;
import org.stemloop.mqtt.Topics;
import org.stemloop.ops.LogFormat;
import org.stemloop.reward.Material;
import org.stemloop.sim.SimulationSpec;
import org.stemloop.sim.Simulator;
import org.stemloop.store.DecisionRecord;
import org.stemloop.store.LoopStore;
import org.stemloop.testsupport.PahoControlProbe;

/**
 * Control messages and spectra on the agent's own control session (docs/loop.md): the embedded HiveMQ with the demo's
 * users and ACL, the agent logged in as its user, a burst of {@value #FRAMES} frames each held to {@value #ANALYSIS_MS}
 * ms of analysis with a Receive Maximum of {@value #RECEIVE_MAXIMUM}, so most frames wait at the broker,
 * unacknowledged. A Python paho probe then sends {@code pause} as the web UI's user and a spectrum as the microscope's:
 * both must take effect within {@value #EFFECT_S} s. On one session they waited behind every frame published before
 * them: at least {@code FRAMES - RECEIVE_MAXIMUM} analyses, over 30 s. And the expiry of a pending acquisition request
 * with a late approval and a late spectrum; and two agents of a share group, each with its control session, both
 * paused by one control message.
 */
@Tag("integration")
class ControlSessionTest {

    private static final int FRAMES = 40;
    private static final long ANALYSIS_MS = 1_000;
    private static final int RECEIVE_MAXIMUM = 8;
    private static final int EFFECT_S = 10;
    /** How long the probe waits for each effect: long enough to time the one-session wiring too (docs/loop.md). */
    private static final int PROBE_S = 90;
    private static final int WAIT_S = 60;

    @TempDir
    Path dir;

    private final Topics topics = new Topics("control-session");
    private final BrokerAccess access = BrokerAccess.forDemo(topics);
    private EmbeddedBroker broker;
    private Vertx vertx;
    private Agent agent;
    private TestClient viewer;
    private MqttClient microscope;

    @AfterEach
    void stop() throws Exception {
        if (microscope != null) {
            microscope.disconnect();
            microscope.close();
        }
        if (viewer != null) {
            viewer.close();
        }
        if (agent != null) {
            await(agent.stop());
        }
        if (vertx != null) {
            await(vertx.close());
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void pauseAndASpectrumTakeEffectWhileFramesWaitUnacknowledged() throws Exception {
        start(AgentConfig.DEFAULT_ACQUIRE_EXPIRY);
        byte[] npy = NpyCodec.encode(Simulator.simulate(SimulationSpec.of(Material.GRAPHENE, 64)
                .withNoiseLevel(0.05).withSeed(7)).frame());
        for (int i = 1; i <= FRAMES; i++) {
            publishFrame(npy, "burst-%02d".formatted(i));
        }
        // the agent is behind: its window is full, the rest of the burst waits at the broker
        eventually(() -> agent.metrics().frames("analysed") >= 1, "the first frame analysed");
        String unknown = "acq-000000000000000000000000";
        try (PahoControlProbe probe = probe("{\"action\": \"pause\", \"by\": \"probe\"}", unknown,
                "status:state=paused", "errors:error=unknown-request:" + unknown)) {
            boolean seen = probe.awaitAllAcknowledged(PROBE_S + 30);
            long analysed = agent.metrics().frames("analysed");
            System.out.printf("control session, %d frames of %d ms behind, receive-maximum %d (load %s): %s; frames "
                    + "analysed by then: %d%n", FRAMES, ANALYSIS_MS, RECEIVE_MAXIMUM, load(), probe.output().strip()
                    .replace('\n', ';'), analysed);
            assertThat(seen).as("pause and the spectrum took effect at all: %s", probe.output()).isTrue();
            assertThat(effectMs(probe.output(), "control")).as("pause took effect within %d s", EFFECT_S)
                    .isLessThanOrEqualTo(EFFECT_S * 1000L);
            assertThat(effectMs(probe.output(), "spectrum")).as("the spectrum took effect within %d s", EFFECT_S)
                    .isLessThanOrEqualTo(EFFECT_S * 1000L);
            // on one session they come only after every frame before them: FRAMES - RECEIVE_MAXIMUM analysed at least
            assertThat(analysed).as("frames analysed when both had taken effect").isLessThan(FRAMES - RECEIVE_MAXIMUM);
        }
        assertThat(agent.decisions().list(agent.runId())).extracting(DecisionRecord::action).contains("pause");
    }

    @Test
    void aPendingRequestExpiresAndALateApprovalAndALateSpectrumAreRefused() throws Exception {
        start(Duration.ofSeconds(2));
        String requestId = "acq-0123456789abcdef01234567";
        LoopStore loop = new LoopStore(agent.database());
        loop.commitPoi(agent.runId(), "f-old", List.of(), new LoopStore.Acquisition(requestId, agent.runId(), "f-old",
                "pending", 20, "{\"positions\": []}", Instant.now()), List.of());
        viewer.await(topics.errors(), j -> j.path("error").asText().equals("acquire-expired")
                && j.path("detail").asText().contains(requestId), "acquire-expired for " + requestId, WAIT_S);
        assertThat(loop.acquisition(requestId).orElseThrow().state()).isEqualTo("expired");
        assertThat(agent.decisions().list(agent.runId())).filteredOn(d -> d.action().equals("acquire-expired"))
                .singleElement().satisfies(d -> {
                    assertThat(d.actor()).isEqualTo(DecisionRecord.AGENT);
                    assertThat(d.optionId()).isEqualTo(requestId);
                    assertThat(d.frameId()).isEqualTo("f-old");
                    assertThat(d.detail()).contains("no approve-acquire within 2 s");
                });
        String approve = "{\"action\": \"approve-acquire\", \"request_id\": \"" + requestId + "\", \"by\": \"probe\"}";
        try (PahoControlProbe probe = probe(approve, requestId, "errors:error=bad-control:" + requestId,
                "errors:error=acquire-expired:not stored")) {
            assertThat(probe.awaitAllAcknowledged(PROBE_S + 30)).as("refusals: %s", probe.output()).isTrue();
        }
        assertThat(loop.acquisition(requestId).orElseThrow().state()).as("still expired, nothing sent")
                .isEqualTo("expired");
        assertThat(loop.spectra(requestId)).isZero();
    }

    @Test
    void inAShareGroupEveryMemberStillHearsEachControlMessage() throws Exception {
        broker = EmbeddedBroker.start(0, access);
        vertx = Vertx.vertx();
        Vertx second = Vertx.vertx();
        Agent b = null;
        try {
            agent = await(Agent.start(vertx, member("member-a", "a")));
            b = await(Agent.start(second, member("member-b", "b")));
            // the web UI's user reads the members' status topics (the viewer's grants name .../status only)
            viewer = new TestClient(broker.url(), topics, login(BrokerAccess.WEB), topics.agentStatus("member-a"),
                    topics.agentStatus("member-b"));
            for (String id : List.of("member-a", "member-b")) {
                viewer.awaitField(topics.agentStatus(id), "state", "online", WAIT_S);
            }
            MqttClient operator = new MqttClient(broker.url(), "operator-" + topics.instrument(), new MemoryPersistence());
            operator.connect(login(BrokerAccess.WEB));
            operator.publish(topics.control(), new MqttMessage("{\"action\": \"pause\", \"by\": \"ada\"}"
                    .getBytes(StandardCharsets.UTF_8), 1, false, null));
            operator.disconnect();
            operator.close();
            for (String id : List.of("member-a", "member-b")) {
                viewer.awaitField(topics.agentStatus(id), "state", "paused", WAIT_S);
            }
            assertThat(agent.decisions().list(agent.runId())).extracting(DecisionRecord::action).contains("pause");
            assertThat(b.decisions().list(b.runId())).extracting(DecisionRecord::action).contains("pause");
        } finally {
            if (b != null) {
                await(b.stop());
            }
            await(second.close());
        }
    }

    private AgentConfig member(String clientId, String db) {
        BrokerSettings settings = new BrokerSettings(broker.url(), clientId, BrokerAccess.AGENT,
                access.user(BrokerAccess.AGENT).password(), topics, 60, org.stemloop.mqtt.BrokerTls.DEFAULT, "group");
        return AgentConfig.of(settings, "jdbc:h2:" + dir.resolve(db).toAbsolutePath(),
                AnalysisSettings.of(RunMode.SUPERVISED, AgentConfig.DEFAULT_PARAMS, "graphene"));
    }

    private void start(Duration expiry) throws Exception {
        broker = EmbeddedBroker.start(0, access);
        vertx = Vertx.vertx();
        BrokerSettings settings = new BrokerSettings(broker.url(), "agent-" + topics.instrument(), BrokerAccess.AGENT,
                access.user(BrokerAccess.AGENT).password(), topics, 60);
        AgentConfig config = new AgentConfig(settings, "jdbc:h2:" + dir.resolve("db").toAbsolutePath(),
                AnalysisSettings.of(RunMode.SUPERVISED, AgentConfig.DEFAULT_PARAMS, "graphene"), InputLimits.DEFAULT,
                new OperationsSettings(new Backpressure(FramePolicy.EVERY, RECEIVE_MAXIMUM, RECEIVE_MAXIMUM), null,
                        LogFormat.PLAIN, false), org.stemloop.poi.DoseBudget.DEFAULT, expiry);
        FrameAnalyzer fixed = new FixedParamsAnalyzer();
        agent = await(Agent.start(vertx, config, (frame, material, state) -> {
            long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ANALYSIS_MS);
            FrameAnalysis a = fixed.analyze(frame, material, state);
            long left = until - System.nanoTime();
            if (left > 0) {
                LockSupport.parkNanos(left); // slower than the burst, whatever the machine: the backlog is certain
            }
            return a;
        }));
        viewer = new TestClient(broker.url(), topics, login(BrokerAccess.WATCH));
        viewer.awaitField(topics.status(), "state", "online", WAIT_S);
        microscope = new MqttClient(broker.url(), "microscope-" + topics.instrument(), new MemoryPersistence());
        microscope.connect(login(BrokerAccess.TWIN));
    }

    private MqttConnectionOptions login(String user) {
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setUserName(user);
        o.setPassword(access.user(user).password().getBytes(StandardCharsets.UTF_8));
        return o;
    }

    private PahoControlProbe probe(String control, String requestId, String controlExpect, String spectrumExpect)
            throws Exception {
        return PahoControlProbe.start(broker.port(), dir, topics.instrument(), List.of(credentials(BrokerAccess.WEB),
                credentials(BrokerAccess.TWIN), credentials(BrokerAccess.WATCH)), control, requestId, controlExpect,
                spectrumExpect, PROBE_S);
    }

    /** The probe's "NAME effect after N ms". */
    private static long effectMs(String output, String name) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(name + " effect after (\\d+) ms").matcher(output);
        assertThat(m.find()).as("%s effect timed: %s", name, output).isTrue();
        return Long.parseLong(m.group(1));
    }

    private static String load() {
        try {
            return java.nio.file.Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    private String credentials(String user) {
        return user + ":" + access.user(user).password();
    }

    private void publishFrame(byte[] npy, String frameId) throws Exception {
        MqttMessage m = new MqttMessage(npy, 1, false, null);
        MqttProperties p = new MqttProperties();
        p.setUserProperties(List.of(new UserProperty(FrameCodec.FRAME_ID, frameId)));
        m.setProperties(p);
        microscope.publish(topics.frames(), m);
    }

    private static void eventually(java.util.function.BooleanSupplier condition, String what) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_S);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Not within " + WAIT_S + " s: " + what);
            }
            Thread.sleep(20);
        }
    }

    private static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(WAIT_S, TimeUnit.SECONDS);
    }
}
