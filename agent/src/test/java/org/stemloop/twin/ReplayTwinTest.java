package org.stemloop.twin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.IMqttMessageListener;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stemloop.image.DmWriter;
import org.stemloop.image.ImageFile;
import org.stemloop.image.ImageReaders;
import org.stemloop.image.ImageSeries;
import org.stemloop.mqtt.FrameCodec;
import org.stemloop.mqtt.IncomingFrame;
import org.stemloop.mqtt.Topics;
import org.stemloop.testsupport.Mosquitto;

/** A recorded stack replayed to a real broker (a private Mosquitto) and heard by a plain Paho subscriber. */
@Tag("integration")
class ReplayTwinTest {

    @TempDir
    Path dir;

    /** A DM4 stack of 3 frames of 16 x 20 float32, frame k filled with k * 1000 + row * 20 + col, 0.05 nm pixels. */
    private Path stack() throws Exception {
        ByteBuffer b = ByteBuffer.allocate(3 * 16 * 20 * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int k = 0; k < 3; k++) {
            for (int i = 0; i < 16 * 20; i++) {
                b.putFloat(k * 1000 + i);
            }
        }
        byte[] dm4 = new DmWriter(4, ByteOrder.LITTLE_ENDIAN).image(6, 2, b.array(), new long[] {20, 16, 3},
                new double[] {0.05, 0.05, 1}, new String[] {"nm", "nm", "s"}, DmWriter.group(), "session");
        return Files.write(dir.resolve("session.dm4"), dm4);
    }

    @Test
    void everyFrameOfTheStackIsPublishedOnceInOrderWithItsPixelSize() throws Exception {
        Path file = stack();
        ImageFile image = ImageReaders.open(file);
        Topics topics = new Topics("replay-test");
        LinkedBlockingQueue<MqttMessage> heard = new LinkedBlockingQueue<>();
        try (Mosquitto broker = Mosquitto.start(dir)) {
            MqttClient listener = new MqttClient(broker.url(), "replay-listener", new MemoryPersistence());
            listener.connect(new MqttConnectionOptions());
            listener.subscribe(new MqttSubscription[] {new MqttSubscription(topics.frames(), 1)},
                    new IMqttMessageListener[] {(t, m) -> heard.add(m)});
            List<String> notices = new ArrayList<>();
            try (ReplayTwin replay = ReplayTwin.start(broker.url(), topics, ImageSeries.open(file), null, 50, 0, false,
                    notices::add)) {
                assertThat(replay.awaitDone(20_000)).isTrue();
                assertThat(replay.published()).isEqualTo(3);
            }
            for (int k = 0; k < 3; k++) {
                MqttMessage m = heard.poll(20, TimeUnit.SECONDS);
                assertThat(m).as("frame %d", k).isNotNull();
                Map<String, String> props = new java.util.HashMap<>();
                for (UserProperty p : m.getProperties().getUserProperties()) {
                    props.put(p.getKey(), p.getValue());
                }
                IncomingFrame in = FrameCodec.decode(m.getPayload(), props);
                assertThat(in.frameId()).isEqualTo(ReplayTwin.frameId(k + 1));
                assertThat(in.material()).isNull();
                assertThat(in.frame().pixelSizeAngstrom().getAsDouble()).isEqualTo(image.pixelSize().row());
                assertThat(in.frame().pixels()).containsExactly(image.frame(k).pixels());
            }
            assertThat(heard.poll(500, TimeUnit.MILLISECONDS)).as("nothing after the last frame").isNull();
            assertThat(notices).isEmpty();
            listener.disconnect();
            listener.close();
        }
    }
}
