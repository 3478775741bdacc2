package org.stemloop.twin;

import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.common.MqttException;

/** How a twin stops: its publishing thread first (up to 5 s), then its MQTT connection, closed even if disconnect fails. */
final class TwinShutdown {

    private TwinShutdown() {
    }

    static void stop(Thread publisher, MqttClient client) throws MqttException {
        publisher.interrupt();
        try {
            publisher.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            client.disconnect();
        } finally {
            client.close();
        }
    }
}
