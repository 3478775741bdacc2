package org.stemloop.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stemloop.mqtt.BrokerSettings;
import org.stemloop.mqtt.EmbeddedBroker;
import org.stemloop.mqtt.Topics;
import org.stemloop.reward.Material;
import org.stemloop.sim.Defects;
import org.stemloop.sim.SimulationSpec;
import org.stemloop.store.LoopStore;
import org.stemloop.twin.DigitalTwin;

/**
 * The loop end to end (issue 20): embedded HiveMQ, the agent on a real H2 file, the digital twin imaging graphene
 * with Si dopants and answering acquisition requests, and an outside Paho client that sees poi, acquire, spectra
 * and sites.
 */
@Tag("integration")
class LoopEndToEndTest {

    private static final int WAIT_S = 90;
    private static final AtomicInteger INSTRUMENTS = new AtomicInteger();
    private static EmbeddedBroker broker;
    private static Vertx vertx;

    @TempDir
    Path dir;

    private Topics topics;
    private Agent agent;
    private DigitalTwin twin;
    private TestClient client;

    @BeforeAll
    static void startBroker() {
        broker = EmbeddedBroker.start(0);
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stopBroker() throws Exception {
        await(vertx.close());
        broker.close();
    }

    @AfterEach
    void stop() throws Exception {
        if (twin != null) {
            twin.close();
        }
        client.close();
        await(agent.stop());
    }

    private void start(RunMode mode) throws Exception {
        topics = new Topics("loop-" + INSTRUMENTS.incrementAndGet());
        AgentConfig config = new AgentConfig(new BrokerSettings(broker.url(), "agent-" + topics.instrument(), null,
                null, topics, 60), "jdbc:h2:" + dir.resolve("db").toAbsolutePath(),
                AnalysisSettings.of(mode, AgentConfig.DEFAULT_PARAMS, "graphene"),
                org.stemloop.mqtt.InputLimits.DEFAULT, new OperationsSettings(Backpressure.DEFAULT, null,
                org.stemloop.ops.LogFormat.PLAIN, true));
        agent = await(Agent.start(vertx, config));
        client = new TestClient(broker.url(), topics, topics.poi(), topics.acquire(), topics.spectra(), topics.sites(),
                topics.tracks());
        client.awaitField(topics.status(), "state", "online", 20);
        SimulationSpec spec = SimulationSpec.of(Material.GRAPHENE, 256).withNoiseLevel(0.1).withSeed(4)
                .withDefects(Defects.NONE.withDopants(0.02).withVacancies(0.01));
        twin = DigitalTwin.start(broker.url(), topics, spec, 0.5, 3);
    }

    @Test
    void autonomousPointsOfInterestGetSpectraAndConfirmedSites() throws Exception {
        start(RunMode.AUTONOMOUS);
        JsonNode poi = client.await(topics.poi(), p -> !p.get("request").isNull(), "poi with a request", WAIT_S);
        assertThat(poi.get("points").size()).isPositive();
        assertThat(poi.get("points").get(0).get("kind").asText()).isEqualTo("dopant");
        String requestId = poi.get("request").get("request_id").asText();
        JsonNode acquire = client.awaitField(topics.acquire(), "request_id", requestId, WAIT_S);
        assertThat(acquire.get("dwell_ms_total").asDouble()).isLessThanOrEqualTo(200);
        client.await(topics.spectra(), s -> s.path("type").asText().equals("ack")
                && s.path("request_id").asText().equals(requestId), "the twin's ack", WAIT_S);
        JsonNode spectrum = client.await(topics.spectra(), s -> s.path("type").asText().equals("spectrum")
                && s.path("request_id").asText().equals(requestId), "a spectrum", WAIT_S);
        assertThat(spectrum.get("counts").size()).isEqualTo(600);
        // the first point is the brightest atom: a dopant the twin has a Si atom under
        String dopant = poi.get("points").get(0).get("poi_id").asText();
        JsonNode site = client.await(topics.sites(), s -> s.path("request_id").asText().equals(requestId)
                && s.path("poi_id").asText().equals(dopant), "the dopant's site", WAIT_S);
        assertThat(site.get("element").asText()).as(site.toString()).isEqualTo("Si");
        assertThat(site.get("atom").isInt()).isTrue();
        int positions = acquire.get("positions").size();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        LoopStore store = new LoopStore(agentDb());
        while (store.spectra(requestId) < positions && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertThat(store.sites(agent.runId())).containsKey("Si");
        assertThat(agent.decisions().list(agent.runId())).anySatisfy(d -> {
            assertThat(d.action()).isEqualTo("acquire-request");
            assertThat(d.optionId()).isEqualTo(requestId);
        });

        // tracking across frames: the twin's sample does not drift; its dopants keep their track ids
        JsonNode first = client.await(topics.tracks(), t -> t.path("frame_in_series").asInt() == 0, "tracks of frame 1",
                WAIT_S);
        JsonNode second = client.await(topics.tracks(), t -> t.path("frame_in_series").asInt() == 1, "tracks of frame 2",
                WAIT_S);
        assertThat(second.get("atom_tracks").size()).isPositive();
        assertThat(Math.hypot(second.get("drift").get("step_row").asDouble(), second.get("drift").get("step_col")
                .asDouble())).as("drift of a still sample, px").isLessThan(0.5);
        java.util.Set<Integer> before = new java.util.HashSet<>();
        first.get("dopants").forEach(d -> before.add(d.get("track").asInt()));
        assertThat(second.get("dopants")).as("dopants followed").anySatisfy(d ->
                assertThat(before).contains(d.get("track").asInt()));

        // the same spectrum again is stored once and not answered again; one for an unknown request is an error
        byte[] again = spectrumFor(requestId, dopant);
        publish(topics.spectra(), again);
        publish(topics.spectra(), spectrumFor("acq-nope", "p1"));
        JsonNode error = client.awaitField(topics.errors(), "error", "unknown-request", 20);
        assertThat(error.get("detail").asText()).contains("acq-nope");
        publish(topics.spectra(), "{\"type\": \"spectrum\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(client.awaitField(topics.errors(), "error", "bad-spectrum", 20).get("detail").asText())
                .contains("request_id");
        assertThat(store.spectra(requestId)).isEqualTo(positions);
    }

    @Test
    void supervisedNothingGoesToAcquireBeforeTheOperatorApproves() throws Exception {
        start(RunMode.SUPERVISED);
        JsonNode poi = client.await(topics.poi(), p -> !p.get("request").isNull(), "poi with a request", WAIT_S);
        JsonNode request = poi.get("request");
        assertThat(request.get("state").asText()).isEqualTo("pending");
        String requestId = request.get("request_id").asText();
        String first = request.get("positions").get(0).get("poi_id").asText();
        // frames keep coming; their requests wait too: nothing reaches acquire until the approval
        client.await(topics.poi(), p -> !p.get("frame_id").asText().equals(poi.get("frame_id").asText()),
                "the next frame's poi", WAIT_S);
        assertThat(client.transcript()).doesNotContain(topics.acquire() + " ");
        client.publishControl("{\"action\": \"approve-acquire\", \"request_id\": \"" + requestId
                + "\", \"positions\": [\"" + first + "\"], \"by\": \"ada\"}");
        JsonNode acquire = client.awaitField(topics.acquire(), "request_id", requestId, WAIT_S);
        assertThat(acquire.get("positions").size()).isEqualTo(1);
        assertThat(acquire.get("positions").get(0).get("poi_id").asText()).isEqualTo(first);
        client.await(topics.sites(), s -> s.path("request_id").asText().equals(requestId), "the site", WAIT_S);
        assertThat(agent.decisions().list(agent.runId())).anySatisfy(d -> {
            assertThat(d.action()).isEqualTo("approve-acquire");
            assertThat(d.actor()).isEqualTo("ada");
        });
        client.publishControl("{\"action\": \"approve-acquire\", \"request_id\": \"acq-unknown\"}");
        assertThat(client.awaitField(topics.errors(), "error", "bad-control", 20).get("detail").asText())
                .contains("no acquisition request acq-unknown");
    }

    private org.stemloop.store.Database agentDb() {
        return agent.database();
    }

    private static byte[] spectrumFor(String requestId, String poiId) {
        StringBuilder counts = new StringBuilder();
        for (int i = 0; i < 600; i++) {
            counts.append(i == 0 ? "" : ",").append(1000);
        }
        return ("{\"type\": \"spectrum\", \"request_id\": \"%s\", \"poi_id\": \"%s\", \"row\": 1, \"col\": 1, "
                + "\"dwell_ms\": 20, \"offset_ev\": 60, \"step_ev\": 0.5, \"counts\": [%s]}")
                .formatted(requestId, poiId, counts).getBytes(StandardCharsets.UTF_8);
    }

    private void publish(String topic, byte[] payload) throws Exception {
        MqttClient c = new MqttClient(broker.url(), "loop-test-pub-" + System.nanoTime(), new MemoryPersistence());
        c.connect(new MqttConnectionOptions());
        c.publish(topic, new MqttMessage(payload, 1, false, null));
        c.disconnect();
        c.close();
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }
}
