package org.stemloop.agent;

import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;
import org.stemloop.mqtt.Topics;

/** A plain Paho MQTT 5 client, as a microscope or an operator would be: publishes, and records what it hears. */
final class TestClient implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final MqttClient client;
    private final Topics topics;
    private final LinkedBlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private final List<Received> seen = new ArrayList<>();
    private final List<String> transcript = java.util.Collections.synchronizedList(new ArrayList<>());

    /** Hears the agent's detections, errors, status and pareto topics, and {@code more} topics. */
    TestClient(String brokerUrl, Topics topics, String... more) throws Exception {
        this(brokerUrl, topics, new MqttConnectionOptions(), more);
    }

    /** A client connecting with {@code options} (credentials, a TLS socket factory). */
    TestClient(String brokerUrl, Topics topics, MqttConnectionOptions options, String... more) throws Exception {
        this.topics = topics;
        client = new MqttClient(brokerUrl, "test-" + topics.instrument(), new MemoryPersistence());
        client.connect(options);
        // only what the agent says: frames and control are ours
        String[] out = java.util.stream.Stream.concat(java.util.stream.Stream.of(topics.detections(), topics.errors(),
                topics.status(), topics.pareto()), java.util.Arrays.stream(more)).toArray(String[]::new);
        MqttSubscription[] subscriptions = new MqttSubscription[out.length];
        org.eclipse.paho.mqttv5.client.IMqttMessageListener[] listeners =
                new org.eclipse.paho.mqttv5.client.IMqttMessageListener[out.length];
        for (int i = 0; i < out.length; i++) {
            subscriptions[i] = new MqttSubscription(out[i], 1);
            listeners[i] = (topic, m) -> {
                transcript.add(topic + " " + new String(m.getPayload(), StandardCharsets.UTF_8));
                received.add(new Received(topic, JSON.readTree(m.getPayload())));
            };
        }
        client.subscribe(subscriptions, listeners);
    }

    void publishFrame(byte[] payload, Map<String, String> userProperties) throws Exception {
        MqttMessage message = new MqttMessage(payload, 1, false, null);
        MqttProperties props = new MqttProperties();
        props.setUserProperties(userProperties.entrySet().stream()
                .map(e -> new UserProperty(e.getKey(), e.getValue())).toList());
        message.setProperties(props);
        client.publish(topics.frames(), message);
    }

    void publishControl(String json) throws Exception {
        client.publish(topics.control(), new MqttMessage(json.getBytes(StandardCharsets.UTF_8), 1, false, null));
    }

    /** The first message on {@code topic} that matches, waiting up to {@code seconds}; fails naming what was awaited. */
    synchronized JsonNode await(String topic, Predicate<JsonNode> match, String what, int seconds) throws InterruptedException {
        for (Received r : seen) {
            if (r.topic.equals(topic) && match.test(r.json)) {
                seen.remove(r);
                return r.json;
            }
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (true) {
            long left = deadline - System.nanoTime();
            Received r = left <= 0 ? null : received.poll(left, TimeUnit.NANOSECONDS);
            if (r == null) {
                return fail("No %s on %s within %d s; heard: %s", what, topic, seconds, seen);
            }
            if (r.topic.equals(topic) && match.test(r.json)) {
                return r.json;
            }
            seen.add(r);
        }
    }

    JsonNode awaitField(String topic, String field, String value, int seconds) throws InterruptedException {
        return await(topic, j -> value.equals(j.path(field).asText(null)), field + "=" + value, seconds);
    }

    /** Every message heard so far, as {@code topic payload} lines. */
    String transcript() {
        synchronized (transcript) {
            return String.join("\n", transcript);
        }
    }

    @Override
    public void close() throws Exception {
        client.disconnect();
        client.close();
    }

    private record Received(String topic, JsonNode json) {
        @Override
        public String toString() {
            String text = topic + " " + json;
            return text.length() > 300 ? text.substring(0, 300) + "..." : text;
        }
    }
}
