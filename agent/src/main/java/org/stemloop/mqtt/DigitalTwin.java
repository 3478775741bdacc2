package org.stemloop.mqtt;

import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;
import org.stemloop.image.NpyCodec;
import org.stemloop.sim.SimulatedFrame;
import org.stemloop.sim.SimulationSpec;
import org.stemloop.sim.Simulator;

/**
 * A minimal digital-twin microscope: publishes simulated frames ({@link Simulator}) on the frames
 * topic at a fixed rate, as NPY with MQTT 5 user properties, each with the next seed so every
 * frame is new and reproducible. Frame ids are {@code twin-000001}, {@code twin-000002}, ...
 *
 * <p>Not yet: evolving samples (hopping dopants, growing holes), truth on a side topic, obeying
 * control messages for size and rate.
 */
public final class DigitalTwin implements AutoCloseable {

    private final MqttClient client;
    private final Topics topics;
    private final SimulationSpec spec;
    private final ScheduledExecutorService timer;
    private final AtomicLong published = new AtomicLong();

    private DigitalTwin(MqttClient client, Topics topics, SimulationSpec spec) {
        this.client = client;
        this.topics = topics;
        this.spec = spec;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "stemloop-twin");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Connects to {@code brokerUrl} and publishes {@code framesPerSecond} frames of {@code spec}
     * (seed {@code spec.seed() + i} for frame i) until {@code maxFrames} (0: until closed).
     *
     * @throws MqttException when the broker cannot be reached
     */
    public static DigitalTwin start(String brokerUrl, Topics topics, SimulationSpec spec, double framesPerSecond,
                                    long maxFrames) throws MqttException {
        Objects.requireNonNull(spec, "spec");
        if (!(framesPerSecond > 0 && framesPerSecond <= 100)) {
            throw new IllegalArgumentException("Frame rate must be in (0, 100] frames/s: " + framesPerSecond);
        }
        if (maxFrames < 0) {
            throw new IllegalArgumentException("Frame count must not be negative: " + maxFrames);
        }
        MqttClient client = new MqttClient(brokerUrl, "stemloop-twin-" + topics.instrument(), new MemoryPersistence());
        client.connect(new MqttConnectionOptions());
        DigitalTwin twin = new DigitalTwin(client, topics, spec);
        long periodMicros = Math.round(1e6 / framesPerSecond);
        twin.timer.scheduleAtFixedRate(() -> twin.publishNext(maxFrames), 0, periodMicros, TimeUnit.MICROSECONDS);
        return twin;
    }

    /** Frames published so far. */
    public long published() {
        return published.get();
    }

    private void publishNext(long maxFrames) {
        if (maxFrames > 0 && published.get() >= maxFrames) {
            timer.shutdown();
            return;
        }
        long index = published.get() + 1;
        SimulatedFrame sim = Simulator.simulate(spec.withSeed(spec.seed() + index));
        MqttMessage message = new MqttMessage(NpyCodec.encode(sim.frame()), 1, false, null);
        MqttProperties props = new MqttProperties();
        props.setUserProperties(FrameCodec.userProperties(frameId(index), spec.pixelSizeAngstrom(),
                spec.material().id()).entrySet().stream().map(e -> new UserProperty(e.getKey(), e.getValue())).toList());
        message.setProperties(props);
        try {
            client.publish(topics.frames(), message);
            published.incrementAndGet();
        } catch (MqttException e) {
            // a scheduled task that throws is silently cancelled: say why the twin stops
            System.err.println("stemloop twin: cannot publish frame " + index + ", stopping: " + e.getMessage());
            timer.shutdown();
        }
    }

    /** The id of the frame with this 1-based index. */
    public static String frameId(long index) {
        return "twin-%06d".formatted(index);
    }

    @Override
    public void close() throws MqttException {
        timer.shutdownNow();
        try {
            client.disconnect();
        } finally {
            client.close();
        }
    }
}
