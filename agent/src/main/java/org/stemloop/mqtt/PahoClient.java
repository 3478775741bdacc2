package org.stemloop.mqtt;

import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;

/**
 * The part of a Paho MQTT 5 asynchronous client the bridge uses, one client per connection: the seam where the
 * bridge's unit tests put a fake client that delivers, loses connections and completes publishes on cue.
 * Every call returns at once; results come through the listeners and the {@link MqttCallback} on Paho's threads.
 */
interface PahoClient {

    /** Makes a client for one connection attempt, with manual acknowledgements, calling back {@code callback}. */
    @FunctionalInterface
    interface Factory {
        PahoClient create(MqttCallback callback) throws MqttException;
    }

    void connect(MqttConnectionOptions options, MqttActionListener listener) throws MqttException;

    void subscribe(String[] topics, int[] qos, MqttActionListener listener) throws MqttException;

    void unsubscribe(String[] topics, MqttActionListener listener) throws MqttException;

    void publish(String topic, MqttMessage message, MqttActionListener listener) throws MqttException;

    /** Sends the PUBACK of a message received on this client's connection. */
    void acknowledge(int messageId, int qos) throws MqttException;

    void disconnect(long quiesceMs, MqttActionListener listener) throws MqttException;

    /** Releases the client's threads and sockets; blocking. */
    void close() throws MqttException;

    /** The real client: Eclipse Paho's {@code MqttAsyncClient} with memory persistence and manual acknowledgements. */
    static Factory paho(String url, String clientId) {
        return callback -> new PahoAsyncClient(url, clientId, callback);
    }
}
