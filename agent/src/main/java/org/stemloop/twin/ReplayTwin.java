package org.stemloop.twin;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;
import org.stemloop.image.Frame;
import org.stemloop.image.ImageFormatException;
import org.stemloop.image.ImageSeries;
import org.stemloop.image.NpyCodec;
import org.stemloop.mqtt.BrokerSettings;
import org.stemloop.mqtt.FrameCodec;
import org.stemloop.mqtt.Topics;

/**
 * A recorded session played back as a live microscope: the frames of a stack or a folder
 * ({@link ImageSeries}) published on the frames topic at a set rate, as the {@link DigitalTwin}
 * publishes simulated ones (NPY payload, MQTT 5 user properties {@code frame_id} =
 * {@code replay-000001}, ..., {@code pixel_size_angstrom} from the file, {@code material} when one is
 * named; QoS 1). There is no truth topic: recorded data has no known atoms. Non-square pixels are
 * resampled to square first (said once on {@code notices}). After the last frame it stops, or starts
 * over with {@code loop}.
 *
 * <p>Threading: one publishing thread ({@code stemloop-replay}).
 */
public final class ReplayTwin implements AutoCloseable {

    private final MqttClient client;
    private final Topics topics;
    private final ImageSeries series;
    private final String material;
    private final double framesPerSecond;
    private final long maxFrames;
    private final boolean loop;
    private final Consumer<String> notices;
    private final AtomicLong published = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;
    private final TwinShutdown shutdown = new TwinShutdown();

    private ReplayTwin(MqttClient client, Topics topics, ImageSeries series, String material, double framesPerSecond,
            long maxFrames, boolean loop, Consumer<String> notices) {
        this.client = client;
        this.topics = topics;
        this.series = series;
        this.material = material;
        this.framesPerSecond = framesPerSecond;
        this.maxFrames = maxFrames;
        this.loop = loop;
        java.util.Set<String> said = java.util.concurrent.ConcurrentHashMap.newKeySet();
        this.notices = message -> {
            if (said.add(message)) { // resampling is said once per file, not once per frame
                notices.accept(message);
            }
        };
        this.thread = new Thread(this::run, "stemloop-replay");
        this.thread.setDaemon(true);
    }

    /**
     * Connects with the settings of {@code broker} and starts publishing.
     *
     * @param material {@code graphene}, {@code srtio3}, or null (the agent then estimates the lattice)
     * @param framesPerSecond in (0, 100]
     * @param maxFrames stop after this many; 0: after the series (or never, with {@code loop})
     * @param notices told about resampling and about a frame that cannot be read (which is skipped)
     * @throws MqttException when the broker cannot be reached
     */
    public static ReplayTwin start(BrokerSettings broker, ImageSeries series, String material, double framesPerSecond,
            long maxFrames, boolean loop, Consumer<String> notices) throws MqttException {
        Objects.requireNonNull(series, "series");
        if (!(framesPerSecond > 0 && framesPerSecond <= 100)) {
            throw new IllegalArgumentException("Frame rate must be in (0, 100] frames/s: " + framesPerSecond);
        }
        if (maxFrames < 0) {
            throw new IllegalArgumentException("Frame count must not be negative: " + maxFrames);
        }
        MqttClient client = new MqttClient(broker.url(), broker.clientId(), new MemoryPersistence());
        MqttConnectionOptions options = new MqttConnectionOptions();
        broker.applyTo(options);
        client.connect(options);
        ReplayTwin replay = new ReplayTwin(client, broker.topics(), series, material, framesPerSecond, maxFrames, loop,
                notices);
        replay.thread.start();
        return replay;
    }

    /** As {@link #start(BrokerSettings, ImageSeries, String, double, long, boolean, Consumer)}, anonymous, no TLS. */
    public static ReplayTwin start(String brokerUrl, Topics topics, ImageSeries series, String material,
            double framesPerSecond, long maxFrames, boolean loop, Consumer<String> notices) throws MqttException {
        return start(new BrokerSettings(brokerUrl, "stemloop-replay-" + topics.instrument(), null, null, topics, 0),
                series, material, framesPerSecond, maxFrames, loop, notices);
    }

    /** Frames published so far. */
    public long published() {
        return published.get();
    }

    /** Waits until the replay stopped by itself or {@code millis} passed; true when it has stopped. */
    public boolean awaitDone(long millis) throws InterruptedException {
        thread.join(millis);
        return !thread.isAlive();
    }

    /** The id of the frame with this 1-based index. */
    public static String frameId(long index) {
        return "replay-%06d".formatted(index);
    }

    private void run() {
        long next = System.nanoTime();
        int position = 0;
        while (running && (maxFrames == 0 || published.get() < maxFrames)) {
            if (position == series.size()) {
                if (!loop) {
                    return;
                }
                position = 0;
            }
            try {
                publish(position++);
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
            } catch (ImageFormatException e) {
                notices.accept("stemloop replay: skipping a frame: " + e.getMessage());
            } catch (MqttException | RuntimeException e) {
                notices.accept("stemloop replay: cannot publish frame " + (published.get() + 1) + ", stopping: "
                        + e.getMessage());
                return;
            }
        }
    }

    private void publish(int position) throws ImageFormatException, MqttException {
        Frame frame = series.frame(position, notices);
        String id = frameId(published.get() + 1);
        MqttMessage message = new MqttMessage(NpyCodec.encode(frame), 1, false, null);
        MqttProperties props = new MqttProperties();
        props.setUserProperties(FrameCodec.userProperties(id, frame.pixelSizeAngstrom().orElse(Double.NaN), material)
                .entrySet().stream().map(e -> new UserProperty(e.getKey(), e.getValue())).toList());
        message.setProperties(props);
        client.publish(topics.frames(), message);
        published.incrementAndGet();
    }

    @Override
    public void close() throws MqttException {
        running = false;
        shutdown.stop(thread, client);
    }
}
