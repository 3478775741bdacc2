package org.stemloop.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.Test;

class EmbeddedBrokerTest {

    @Test
    void relaysAMessageBetweenTwoMqtt5Clients() throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.start(0)) {
            MqttClient sub = new MqttClient(broker.url(), "sub", new MemoryPersistence());
            MqttClient pub = new MqttClient(broker.url(), "pub", new MemoryPersistence());
            sub.connect(new MqttConnectionOptions());
            pub.connect(new MqttConnectionOptions());
            BlockingQueue<String> got = new ArrayBlockingQueue<>(1);
            sub.subscribe(new org.eclipse.paho.mqttv5.common.MqttSubscription[] {
                    new org.eclipse.paho.mqttv5.common.MqttSubscription("t/#", 1)},
                    new org.eclipse.paho.mqttv5.client.IMqttMessageListener[] {
                            (topic, m) -> got.add(new String(m.getPayload(), StandardCharsets.UTF_8))});
            pub.publish("t/1", new MqttMessage("hello".getBytes(StandardCharsets.UTF_8), 1, false, null));

            assertThat(got.poll(10, TimeUnit.SECONDS)).as("message relayed within 10 s").isEqualTo("hello");
            sub.disconnect();
            pub.disconnect();
            sub.close();
            pub.close();
        }
    }
}
