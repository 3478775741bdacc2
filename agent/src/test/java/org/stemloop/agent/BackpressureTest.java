package org.stemloop.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stemloop.image.NpyCodec;
import org.stemloop.mqtt.BrokerSettings;
import org.stemloop.mqtt.EmbeddedBroker;
import org.stemloop.mqtt.FrameCodec;
import org.stemloop.mqtt.InputLimits;
import org.stemloop.mqtt.Topics;
import org.stemloop.ops.AgentMetrics;
import org.stemloop.ops.LogFormat;
import org.stemloop.reward.Material;
import org.stemloop.sim.SimulationSpec;
import org.stemloop.sim.Simulator;
import org.stemloop.testsupport.Mosquitto;

/**
 * Frames arriving much faster than the agent analyses them (a burst of {@value #FRAMES} published at once,
 * each analysis held to at least {@value #ANALYSIS_MS} ms), through a real broker (the embedded HiveMQ, which
 * honours the agent's Receive Maximum; see docs/operations.md for Mosquitto) and a real H2 file:
 * the queue never passes its bound, and every frame is either analysed or recorded as skipped, with the
 * counts on the metrics, the status topic and in the database agreeing.
 */
@Tag("integration")
class BackpressureTest {

    private static final int FRAMES = 10;
    private static final long ANALYSIS_MS = 150;
    private static final int WAIT_S = 30;

    @TempDir
    Path dir;

    private static final java.util.concurrent.atomic.AtomicInteger INSTRUMENTS = new java.util.concurrent.atomic.AtomicInteger();
    private static EmbeddedBroker broker;

    private Vertx vertx;
    private Agent agent;
    private TestClient client;
    private Topics topics;

    @BeforeAll
    static void startBroker() {
        broker = EmbeddedBroker.start(0);
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @BeforeEach
    void startVertx() {
        // one instrument per test: topics and the persistent session stay apart
        topics = new Topics("burst-" + INSTRUMENTS.incrementAndGet());
        vertx = Vertx.vertx();
    }

    @AfterEach
    void stop() throws Exception {
        if (client != null) {
            client.close();
        }
        if (agent != null) {
            await(agent.stop());
        }
        await(vertx.close());
    }

    @Test
    void everyAnalysesEveryFrameWhileTheBrokerHoldsTheBacklog() throws Exception {
        start(new Backpressure(FramePolicy.EVERY, 3, 3));
        List<String> ids = burst();

        for (String id : ids) {
            client.awaitField(topics.detections(), "frame_id", id, WAIT_S);
        }
        AgentMetrics m = agent.metrics();
        awaitFinished(m);
        assertThat(m.frames("analysed")).isEqualTo(FRAMES);
        assertThat(m.frames("skipped")).isZero();
        // Receive Maximum 3: one frame analysing, at most two more waiting (the others stay at the broker)
        assertThat(m.gauge(AgentMetrics.QUEUE_PEAK)).as("most frames waiting at once").isBetween(1.0, 3.0);
        assertThat(agent.queries().frameIds(agent.runId())).containsExactlyElementsOf(ids);
        assertThat(agent.queries().skippedFrameIds(agent.runId())).isEmpty();
    }

    @Test
    void newestSkipsOlderWaitingFramesAndRecordsEachOne() throws Exception {
        start(new Backpressure(FramePolicy.NEWEST, FRAMES, 1));
        List<String> ids = burst();

        // the newest frame is always analysed
        client.awaitField(topics.detections(), "frame_id", ids.get(FRAMES - 1), WAIT_S);
        AgentMetrics m = agent.metrics();
        awaitFinished(m);
        long skipped = m.frames("skipped");
        assertThat(skipped).as("frames skipped of a burst of %d, each analysis %d ms", FRAMES, ANALYSIS_MS)
                .isPositive();
        assertThat(m.frames("analysed") + skipped).isEqualTo(FRAMES);
        assertThat(m.gauge(AgentMetrics.QUEUE_PEAK)).isEqualTo(1.0);

        List<String> skippedIds = agent.queries().skippedFrameIds(agent.runId());
        assertThat(skippedIds).hasSize((int) skipped).doesNotContain(ids.get(FRAMES - 1));
        assertThat(agent.queries().frameIds(agent.runId())).as("every frame has its row")
                .containsExactlyInAnyOrderElementsOf(ids);
        List<String> analysed = new ArrayList<>(ids.subList(0, FRAMES - 1));
        analysed.removeAll(skippedIds);
        for (String id : analysed) {
            client.awaitField(topics.detections(), "frame_id", id, WAIT_S);
        }
        JsonNode status = client.await(topics.status(), j -> j.path("frames_skipped").asLong() == skipped,
                "frames_skipped=" + skipped, WAIT_S);
        assertThat(status.get("frame_policy").asText()).isEqualTo("newest");
    }

    /**
     * Debian's Mosquitto 2.0.11 sends this client more unacknowledged frames than its Receive Maximum (measured:
     * docs/operations.md); the agent's own queue-size is then the bound that holds, and with room for the burst
     * every frame is still analysed.
     */
    @Test
    void theAgentsOwnBoundHoldsWhenTheBrokerIgnoresReceiveMaximum() throws Exception {
        try (Mosquitto mosquitto = Mosquitto.start(dir)) {
            start(mosquitto.url(), new Backpressure(FramePolicy.EVERY, 3, 2 * FRAMES));
            List<String> ids = burst();
            for (String id : ids) {
                client.awaitField(topics.detections(), "frame_id", id, WAIT_S);
            }
            AgentMetrics m = agent.metrics();
            awaitFinished(m);
            double peak = m.gauge(AgentMetrics.QUEUE_PEAK);
            System.out.printf("Mosquitto, receive-maximum 3, burst of %d: at most %.0f frames waited%n", FRAMES, peak);
            assertThat(peak).isLessThanOrEqualTo(2 * FRAMES);
            assertThat(m.frames("analysed")).isEqualTo(FRAMES);
            client.close();
            client = null;
            await(agent.stop());
            agent = null;
        }
    }

    private void start(Backpressure backpressure) throws Exception {
        start(broker.url(), backpressure);
    }

    private void start(String brokerUrl, Backpressure backpressure) throws Exception {
        AgentConfig config = new AgentConfig(new BrokerSettings(brokerUrl, "agent-" + topics.instrument(), null, null, topics, 60),
                "jdbc:h2:" + dir.resolve("db").toAbsolutePath(),
                AnalysisSettings.of(RunMode.SUPERVISED, AgentConfig.DEFAULT_PARAMS, "graphene"), InputLimits.DEFAULT,
                new OperationsSettings(backpressure, null, LogFormat.PLAIN, false));
        FrameAnalyzer fixed = new FixedParamsAnalyzer();
        agent = await(Agent.start(vertx, config, (frame, material, state) -> {
            long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ANALYSIS_MS);
            FrameAnalysis a = fixed.analyze(frame, material, state);
            // slower than the burst, whatever the machine: the backlog is certain
            long left = until - System.nanoTime();
            if (left > 0) {
                java.util.concurrent.locks.LockSupport.parkNanos(left);
            }
            return a;
        }));
        client = new TestClient(brokerUrl, topics);
        client.awaitField(topics.status(), "state", "online", WAIT_S);
    }

    /** Publishes {@value #FRAMES} small frames back to back; returns their ids in order. */
    private List<String> burst() throws Exception {
        byte[] npy = NpyCodec.encode(Simulator.simulate(SimulationSpec.of(Material.GRAPHENE, 64)
                .withNoiseLevel(0.05).withSeed(7)).frame());
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= FRAMES; i++) {
            String id = "b-%02d".formatted(i);
            ids.add(id);
            client.publishFrame(npy, Map.of(FrameCodec.FRAME_ID, id));
        }
        return ids;
    }

    /** Waits until every frame of the burst has its outcome counted (skips are counted after their commit). */
    private static void awaitFinished(AgentMetrics m) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_S);
        while (m.frames("analysed") + m.frames("skipped") < FRAMES && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(WAIT_S, TimeUnit.SECONDS);
    }
}
