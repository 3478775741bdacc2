package org.stemloop.mqtt;

import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/**
 * {@link PahoClient} over Eclipse Paho's {@link MqttAsyncClient}. Memory persistence is enough: an outgoing
 * message in flight belongs to a frame not yet acknowledged, which the broker redelivers to a restarted agent.
 */
final class PahoAsyncClient implements PahoClient {

    private final MqttAsyncClient client;

    PahoAsyncClient(String url, String clientId, MqttCallback callback) throws MqttException {
        client = new MqttAsyncClient(url, clientId, new MemoryPersistence());
        client.setManualAcks(true);
        client.setCallback(callback);
    }

    @Override
    public void connect(MqttConnectionOptions options, MqttActionListener listener) throws MqttException {
        client.connect(options, null, listener);
    }

    @Override
    public void subscribe(String[] topics, int[] qos, MqttActionListener listener) throws MqttException {
        client.subscribe(topics, qos, null, listener);
    }

    @Override
    public void unsubscribe(String[] topics, MqttActionListener listener) throws MqttException {
        client.unsubscribe(topics, null, listener, new MqttProperties());
    }

    @Override
    public void publish(String topic, MqttMessage message, MqttActionListener listener) throws MqttException {
        client.publish(topic, message, null, listener);
    }

    @Override
    public void acknowledge(int messageId, int qos) throws MqttException {
        client.messageArrivedComplete(messageId, qos);
    }

    @Override
    public void disconnect(long quiesceMs, MqttActionListener listener) throws MqttException {
        client.disconnect(quiesceMs, null, listener, 0, new MqttProperties());
    }

    @Override
    public void close() throws MqttException {
        client.close(true);
    }
}
