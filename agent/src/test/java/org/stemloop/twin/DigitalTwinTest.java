package org.stemloop.twin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.IMqttMessageListener;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stemloop.mqtt.FrameCodec;
import org.stemloop.mqtt.IncomingFrame;
import org.stemloop.mqtt.Topics;
import org.stemloop.reward.Material;
import org.stemloop.sim.SimulationSpec;
import org.stemloop.testsupport.Mosquitto;

/** The digital twin against a real broker (a private Mosquitto): frames, truth beside them, control of size and rate. */
@Tag("integration")
class DigitalTwinTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Mosquitto broker;
    private MqttClient client;
    private final LinkedBlockingQueue<Heard> heard = new LinkedBlockingQueue<>();
    private final java.util.List<Heard> later = new java.util.ArrayList<>();
    private final Topics topics = new Topics("twin-test");

    @BeforeEach
    void start() throws Exception {
        broker = Mosquitto.start(dir);
        client = new MqttClient(broker.url(), "twin-test-listener", new MemoryPersistence());
        client.connect(new MqttConnectionOptions());
        String[] t = {topics.frames(), topics.truth(), topics.errors()};
        IMqttMessageListener listener = (topic, m) -> heard.add(new Heard(topic, m));
        client.subscribe(new MqttSubscription[] {new MqttSubscription(t[0], 1), new MqttSubscription(t[1], 1),
                new MqttSubscription(t[2], 1)}, new IMqttMessageListener[] {listener, listener, listener});
    }

    @AfterEach
    void stop() throws Exception {
        client.disconnect();
        client.close();
        broker.close();
    }

    @Test
    void publishesFramesWithTheirTruthAndObeysSizeAndRate() throws Exception {
        SimulationSpec spec = SimulationSpec.of(Material.GRAPHENE, 64).withNoiseLevel(0.05);
        try (DigitalTwin twin = DigitalTwin.start(broker.url(), topics, spec, 20, 0)) {
            Map<String, Object> first = next(topics.frames());
            IncomingFrame frame = (IncomingFrame) first.get("frame");
            assertThat(frame.frameId()).isEqualTo("twin-000001");
            assertThat(frame.frame().height()).isEqualTo(64);
            assertThat(frame.material()).isEqualTo("graphene");
            JsonNode truth = truthOf("twin-000001");
            assertThat(truth.get("atoms").size()).isGreaterThan(20);

            client.publish(topics.twin(), new MqttMessage("{\"size\": 96, \"rate\": 50}".getBytes(StandardCharsets.UTF_8),
                    1, false, null));
            IncomingFrame resized = null;
            for (int i = 0; i < 20 && (resized == null || resized.frame().height() != 96); i++) {
                resized = (IncomingFrame) next(topics.frames()).get("frame");
            }
            assertThat(resized.frame().height()).isEqualTo(96);
            assertThat(twin.rate()).isEqualTo(50);

            client.publish(topics.twin(), new MqttMessage("{\"size\": 3}".getBytes(StandardCharsets.UTF_8), 1, false, null));
            JsonNode error = JSON.readTree((byte[]) next(topics.errors()).get("payload"));
            assertThat(error.get("error").asText()).isEqualTo("bad-twin-control");
            assertThat(error.get("detail").asText()).contains("Height must be in [16, 8192]");
            assertThat(twin.spec().height()).isEqualTo(96);
        }
    }

    private JsonNode truthOf(String frameId) throws Exception {
        for (int i = 0; i < 50; i++) {
            JsonNode t = JSON.readTree((byte[]) next(topics.truth()).get("payload"));
            if (t.get("frame_id").asText().equals(frameId)) {
                return t;
            }
        }
        throw new AssertionError("No truth for " + frameId + " among the next 50");
    }

    /** The next message on {@code topic} (others stay for later calls), decoded when it is a frame. */
    private Map<String, Object> next(String topic) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            Heard h = later.stream().filter(x -> x.topic().equals(topic)).findFirst().orElse(null);
            if (h != null) {
                later.remove(h);
            } else {
                h = heard.poll(1, TimeUnit.SECONDS);
                if (h == null) {
                    continue;
                }
                if (!h.topic().equals(topic)) {
                    later.add(h);
                    continue;
                }
            }
            Map<String, Object> out = new HashMap<>();
            out.put("payload", h.message().getPayload());
            if (topic.equals(topics.frames())) {
                Map<String, String> props = new HashMap<>();
                h.message().getProperties().getUserProperties().forEach(p -> props.put(p.getKey(), p.getValue()));
                out.put("frame", FrameCodec.decode(h.message().getPayload(), props));
            }
            return out;
        }
        throw new AssertionError("Nothing on " + topic + " within 20 s");
    }

    private record Heard(String topic, MqttMessage message) {
    }
}
