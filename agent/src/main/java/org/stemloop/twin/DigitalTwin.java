package org.stemloop.twin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.mqttv5.client.IMqttMessageListener;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;
import org.stemloop.image.NpyCodec;
import org.stemloop.mqtt.BrokerSettings;
import org.stemloop.mqtt.FrameCodec;
import org.stemloop.mqtt.Payloads;
import org.stemloop.mqtt.Topics;
import org.stemloop.sim.EvolvingSample;
import org.stemloop.sim.SimulatedFrame;
import org.stemloop.sim.SimulationSpec;
import org.stemloop.sim.TrueAtom;

/**
 * The digital-twin microscope: images an {@link EvolvingSample} (graphene whose dopants hop and
 * whose vacancies grow into holes under the beam, or SrTiO3) and publishes each frame on the
 * frames topic (NPY, MQTT 5 user properties {@code frame_id}, {@code pixel_size_angstrom},
 * {@code material}, QoS 1), its true atoms on the {@code truth} topic so a run can be scored live,
 * at a set rate. It obeys {@code {"size"?: px, "rate"?: frames/s}} on the {@code twin} topic: a new
 * size restarts the sample at that size; a bad message is answered on the errors topic.
 * Frame ids are {@code twin-000001}, {@code twin-000002}, ...
 *
 * <p>Threading: one publishing thread ({@code stemloop-twin}); control messages arrive on Paho's thread
 * and take effect from the next frame.
 */
public final class DigitalTwin implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final MqttClient client;
    private final Topics topics;
    private final long maxFrames;
    private final AtomicLong published = new AtomicLong();
    private final Thread thread;
    private volatile EvolvingSample sample;
    private volatile double framesPerSecond;
    private volatile boolean running = true;
    private final TwinShutdown shutdown = new TwinShutdown();
    /** The twin's recent frames, so acquisition requests on them can be answered (issue 20). */
    private final Map<String, SimulatedFrame> recentFrames = Collections.synchronizedMap(new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, SimulatedFrame> eldest) {
            return size() > 64;
        }
    });
    /** Answers acquisition requests off Paho's callback thread (a blocking publish there would stall it). */
    private final ExecutorService spectrometer = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "stemloop-twin-eels");
        t.setDaemon(true);
        return t;
    });

    private DigitalTwin(MqttClient client, Topics topics, SimulationSpec spec, double framesPerSecond, long maxFrames) {
        this.client = client;
        this.topics = topics;
        this.maxFrames = maxFrames;
        this.sample = EvolvingSample.of(spec, EvolvingSample.Rates.DEFAULT);
        this.framesPerSecond = framesPerSecond;
        this.thread = new Thread(this::loop, "stemloop-twin");
        this.thread.setDaemon(true);
    }

    /**
     * Connects to {@code brokerUrl} and publishes {@code framesPerSecond} frames of an evolving
     * sample of {@code spec} until {@code maxFrames} (0: until closed).
     *
     * @throws MqttException when the broker cannot be reached
     */
    public static DigitalTwin start(String brokerUrl, Topics topics, SimulationSpec spec, double framesPerSecond,
                                    long maxFrames) throws MqttException {
        return start(new BrokerSettings(brokerUrl, "stemloop-twin-" + topics.instrument(), null, null, topics, 0),
                spec, framesPerSecond, maxFrames);
    }

    /**
     * As {@link #start(String, Topics, SimulationSpec, double, long)}, logging in with the credentials and
     * TLS settings of {@code broker} (the ACL's {@code microscope} user); a clean session, no will.
     */
    public static DigitalTwin start(BrokerSettings broker, SimulationSpec spec, double framesPerSecond,
                                    long maxFrames) throws MqttException {
        Objects.requireNonNull(spec, "spec");
        Topics topics = broker.topics();
        requireRate(framesPerSecond);
        if (maxFrames < 0) {
            throw new IllegalArgumentException("Frame count must not be negative: " + maxFrames);
        }
        MqttClient client = new MqttClient(broker.url(), broker.clientId(), new MemoryPersistence());
        MqttConnectionOptions options = new MqttConnectionOptions();
        broker.applyTo(options);
        client.connect(options);
        DigitalTwin twin = new DigitalTwin(client, topics, spec, framesPerSecond, maxFrames);
        client.subscribe(new MqttSubscription[] {new MqttSubscription(topics.twin(), 1),
                        new MqttSubscription(topics.acquire(), 1)},
                new IMqttMessageListener[] {(topic, message) -> twin.onControl(message.getPayload()),
                        (topic, message) -> twin.onAcquire(message.getPayload())});
        twin.thread.start();
        return twin;
    }

    private static void requireRate(double fps) {
        if (!(fps > 0 && fps <= 100)) {
            throw new IllegalArgumentException("Frame rate must be in (0, 100] frames/s: " + fps);
        }
    }

    /** Frames published so far. */
    public long published() {
        return published.get();
    }

    /** Frames per second now. */
    public double rate() {
        return framesPerSecond;
    }

    /** The spec of the sample now (its size follows control messages). */
    public SimulationSpec spec() {
        return sample.spec();
    }

    /** Waits until the twin stopped by itself (its frame count reached) or {@code millis} passed. */
    public boolean awaitDone(long millis) throws InterruptedException {
        thread.join(millis);
        return !thread.isAlive();
    }

    private void loop() {
        long next = System.nanoTime();
        while (running && (maxFrames == 0 || published.get() < maxFrames)) {
            try {
                publishNext();
                next += Math.round(1e9 / framesPerSecond);
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    if (!shutdown.pause(wait)) {
                        return;
                    }
                } else {
                    next = System.nanoTime();
                }
            } catch (InterruptedException e) {
                return;
            } catch (MqttException | RuntimeException e) {
                System.err.println("stemloop twin: cannot publish frame " + (published.get() + 1) + ", stopping: "
                        + e.getMessage());
                return;
            }
        }
    }

    private void publishNext() throws MqttException {
        long index = published.get() + 1;
        String id = frameId(index);
        SimulatedFrame sim = sample.next();
        SimulationSpec spec = sim.spec();
        MqttMessage message = new MqttMessage(NpyCodec.encode(sim.frame()), 1, false, null);
        MqttProperties props = new MqttProperties();
        props.setUserProperties(FrameCodec.userProperties(id, spec.pixelSizeAngstrom(), spec.material().id())
                .entrySet().stream().map(e -> new UserProperty(e.getKey(), e.getValue())).toList());
        message.setProperties(props);
        // the truth first: a scorer that hears the detections already has it
        client.publish(topics.truth(), new MqttMessage(truth(id, sim), 1, false, null));
        recentFrames.put(id, sim);
        client.publish(topics.frames(), message);
        published.incrementAndGet();
    }

    /** {@code {"frame_id", "material", "pixel_size_angstrom", "height", "width", "atoms": [[row, col, label], ...]}}. */
    static byte[] truth(String frameId, SimulatedFrame sim) {
        ObjectNode root = JSON.createObjectNode().put("frame_id", frameId).put("material", sim.spec().material().id())
                .put("pixel_size_angstrom", sim.spec().pixelSizeAngstrom()).put("height", sim.spec().height())
                .put("width", sim.spec().width());
        ArrayNode atoms = root.putArray("atoms");
        for (TrueAtom a : sim.atoms()) {
            atoms.addArray().add(a.row()).add(a.col()).add(a.label());
        }
        return root.toString().getBytes(StandardCharsets.UTF_8);
    }

    private void onControl(byte[] payload) {
        try {
            JsonNode json = JSON.readTree(payload);
            if (json == null || !json.isObject() || (!json.has("size") && !json.has("rate"))) {
                throw new IllegalArgumentException("Twin control needs a JSON object with \"size\" and/or \"rate\"");
            }
            Double rate = null;
            if (json.has("rate")) {
                if (!json.get("rate").isNumber()) {
                    throw new IllegalArgumentException("Twin rate must be a number of frames/s: " + json.get("rate"));
                }
                rate = json.get("rate").asDouble();
                requireRate(rate);
            }
            EvolvingSample resized = null;
            if (json.has("size")) {
                if (!json.get("size").canConvertToInt() || !json.get("size").isIntegralNumber()) {
                    throw new IllegalArgumentException("Twin size must be a whole number of pixels: " + json.get("size"));
                }
                int size = json.get("size").asInt();
                resized = EvolvingSample.of(sample.spec().withSize(size, size), EvolvingSample.Rates.DEFAULT);
            }
            if (resized != null) {
                sample = resized;
            }
            if (rate != null) {
                framesPerSecond = rate;
            }
        } catch (java.io.IOException | IllegalArgumentException e) {
            String detail = e instanceof com.fasterxml.jackson.core.JacksonException j
                    ? "Twin control is not valid JSON: " + j.getOriginalMessage() : e.getMessage();
            try {
                client.publish(topics.errors(), new MqttMessage(Payloads.error(null, "bad-twin-control", detail), 1,
                        false, null));
            } catch (MqttException p) {
                System.err.println("stemloop twin: " + detail + " (and cannot say so: " + p.getMessage() + ")");
            }
        }
    }

    private void onAcquire(byte[] payload) {
        byte[] copy = payload.clone();
        try {
            spectrometer.execute(() -> {
                try {
                    TwinAcquisition.answer(copy, recentFrames::get, topics, (topic, body) ->
                            client.publish(topic, new MqttMessage(body, 1, false, null)));
                } catch (MqttException e) {
                    System.err.println("stemloop twin: cannot answer an acquisition request: " + e.getMessage());
                }
            });
        } catch (RejectedExecutionException e) {
            // the twin is closing: a throw here, on Paho's thread, would drop the connection under the last spectra
        }
    }

    /** The id of the frame with this 1-based index. */
    public static String frameId(long index) {
        return "twin-%06d".formatted(index);
    }

    @Override
    public void close() throws MqttException {
        running = false;
        // the spectra in hand are finished first: an interrupt in the middle of a publish half-closes Paho
        spectrometer.shutdown();
        try {
            spectrometer.awaitTermination(3, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        spectrometer.shutdownNow();
        shutdown.stop(thread, client);
    }
}
