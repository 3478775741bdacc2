package org.stemloop.bench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.mqttv5.client.IMqttMessageListener;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;
import org.stemloop.mqtt.FrameCodec;
import org.stemloop.mqtt.Topics;

/**
 * A bystander on the broker that times each frame from when the broker hands it out (the probe sees the
 * frame) to when the LoG detections of that frame come back: the agent's whole path, on one clock, whoever
 * published the frame (here the digital twin, which cannot stamp its frames with this process's clock).
 *
 * <p>Thread-safe: Paho's thread adds, the sampler drains. Keeps 8 bytes per answered frame for the whole-run
 * percentiles (2.3 MB for 8 hours at 10 frames/s).
 */
final class LatencyProbe implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final MqttClient client;
    private final Map<String, Long> seen = new ConcurrentHashMap<>();
    private final AtomicLong framesSeen = new AtomicLong();
    private final AtomicLong answered = new AtomicLong();
    private double[] interval = new double[64];
    private int intervalSize;
    private double[] all = new double[1024];
    private int allSize;

    private LatencyProbe(MqttClient client) {
        this.client = client;
    }

    /** Connects and listens to the frames and detections of {@code topics}. */
    static LatencyProbe start(String url, String clientId, Topics topics) throws MqttException {
        MqttClient client = new MqttClient(url, clientId, new MemoryPersistence());
        client.connect(new MqttConnectionOptions());
        LatencyProbe probe = new LatencyProbe(client);
        client.subscribe(new MqttSubscription[] {new MqttSubscription(topics.frames(), 0),
                new MqttSubscription(topics.detections(), 0)},
                new IMqttMessageListener[] {(t, m) -> probe.onFrame(m), (t, m) -> probe.onDetections(m)});
        return probe;
    }

    private void onFrame(MqttMessage message) {
        long now = System.nanoTime();
        if (message.getProperties() != null && message.getProperties().getUserProperties() != null) {
            for (UserProperty p : message.getProperties().getUserProperties()) {
                if (FrameCodec.FRAME_ID.equals(p.getKey())) {
                    seen.put(p.getValue(), now);
                    framesSeen.incrementAndGet();
                }
            }
        }
    }

    private void onDetections(MqttMessage message) throws java.io.IOException {
        long now = System.nanoTime();
        JsonNode d = JSON.readTree(message.getPayload());
        if (!"log*".equals(d.path("method").asText())) {
            return; // the U-Net's answer to the same frame, when one runs
        }
        Long at = seen.remove(d.path("frame_id").asText());
        if (at != null) {
            answered.incrementAndGet();
            add((now - at) / 1e6);
        }
    }

    private synchronized void add(double ms) {
        if (intervalSize == interval.length) {
            interval = Arrays.copyOf(interval, intervalSize * 2);
        }
        interval[intervalSize++] = ms;
        if (allSize == all.length) {
            all = Arrays.copyOf(all, allSize * 2);
        }
        all[allSize++] = ms;
    }

    /** The latencies (ms) of the frames answered since the last call. */
    synchronized double[] drainInterval() {
        double[] out = Arrays.copyOf(interval, intervalSize);
        intervalSize = 0;
        return out;
    }

    /** Every latency (ms) measured so far. */
    synchronized double[] all() {
        return Arrays.copyOf(all, allSize);
    }

    /** Frames the probe saw on the broker. */
    long framesSeen() {
        return framesSeen.get();
    }

    /** Frames whose detections came back. */
    long answered() {
        return answered.get();
    }

    @Override
    public void close() throws MqttException {
        try {
            client.disconnect();
        } finally {
            client.close();
        }
    }
}
