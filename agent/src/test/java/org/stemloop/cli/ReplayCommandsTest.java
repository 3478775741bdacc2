package org.stemloop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.IMqttMessageListener;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stemloop.mqtt.Topics;
import org.stemloop.testsupport.Mosquitto;

/** {@code simulate --mqtt --replay} and {@code demo --replay}: a recorded stack as the live stream. */
@Tag("integration")
class ReplayCommandsTest {

    @TempDir
    Path dir;

    @Test
    void simulateReplaysEveryFrameOfTheStackToTheBroker() throws Exception {
        Path stack = SeriesCommandsTest.grapheneStack(dir);
        LinkedBlockingQueue<MqttMessage> heard = new LinkedBlockingQueue<>();
        try (Mosquitto broker = Mosquitto.start(dir)) {
            MqttClient listener = new MqttClient(broker.url(), "replay-cli-listener", new MemoryPersistence());
            listener.connect(new MqttConnectionOptions());
            listener.subscribe(new MqttSubscription[] {new MqttSubscription(new Topics("lab").frames(), 1)},
                    new IMqttMessageListener[] {(t, m) -> heard.add(m)});

            CliRun run = CliRun.of("simulate", "--mqtt", broker.url(), "--instrument", "lab", "--replay", stack.toString(),
                    "--rate", "20");

            assertThat(run.code()).as(run.err()).isZero();
            assertThat(run.out()).contains("stemloop replay: 2 frames of " + stack).contains("published 2 frames");
            assertThat(heard.poll(20, TimeUnit.SECONDS)).isNotNull();
            assertThat(heard.poll(20, TimeUnit.SECONDS)).isNotNull();
            listener.disconnect();
            listener.close();
        }
    }

    @Test
    void demoReplaysAStackAndTheAgentAnswersEachFrame() throws Exception {
        Path stack = SeriesCommandsTest.grapheneStack(dir);

        CliRun run = CliRun.of("demo", "--mqtt-port", "0", "--replay", stack.toString(), "--frames", "2", "--rate", "5",
                "--unet-model", "none", "--db", "jdbc:h2:" + dir.resolve("demo").toAbsolutePath());

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).contains("replay   2 frames of " + stack)
                .contains("frame replay-000001: ", "frame replay-000002: ").contains("the replay published 2 frames");
    }

    @Test
    void replayWithoutABrokerIsABadOption() {
        CliRun run = CliRun.of("simulate", "--replay", dir.toString());

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("--replay needs --mqtt URL");
    }
}
