package org.stemloop.mqtt;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;

/**
 * A fake broker side for the bridge's unit tests: every {@link PahoClient} the bridge makes is a {@link Client}
 * recorded here, whose connect succeeds (or fails while {@link #down} is set), whose publishes complete at once
 * (or wait, with {@link #holdPublishes}), and which the test drives: deliver a message, lose the connection.
 * Listeners and callbacks run on the calling thread, as Paho's own threads would call them.
 */
final class FakePaho implements PahoClient.Factory {

    final List<Client> clients = new CopyOnWriteArrayList<>();
    volatile boolean down;
    volatile boolean holdPublishes;

    @Override
    public PahoClient create(MqttCallback callback) {
        Client c = new Client(callback);
        clients.add(c);
        return c;
    }

    /** The client of the latest connection attempt. */
    Client last() {
        return clients.get(clients.size() - 1);
    }

    /** A frame message as a microscope publishes it: NPY bytes (any here) and the frame id user property. */
    static MqttMessage frame(int packetId, String frameId) {
        MqttMessage m = new MqttMessage(new byte[] {1, 2, 3}, 1, false, null);
        m.setId(packetId);
        MqttProperties p = new MqttProperties();
        p.setUserProperties(List.of(new UserProperty("frame_id", frameId)));
        m.setProperties(p);
        return m;
    }

    /** One connection's client. */
    final class Client implements PahoClient {

        final MqttCallback callback;
        volatile MqttConnectionOptions options;
        volatile boolean connected;
        volatile boolean closed;
        final List<Integer> acks = new CopyOnWriteArrayList<>();
        final List<String> published = new CopyOnWriteArrayList<>();
        final List<MqttActionListener> heldPublishes = new ArrayList<>();
        final List<String> subscribed = new CopyOnWriteArrayList<>();
        final List<String> unsubscribed = new CopyOnWriteArrayList<>();

        Client(MqttCallback callback) {
            this.callback = callback;
        }

        @Override
        public void connect(MqttConnectionOptions o, MqttActionListener listener) {
            options = o;
            if (down) {
                listener.onFailure(null, new MqttException(MqttClientException.REASON_CODE_SERVER_CONNECT_ERROR));
                return;
            }
            connected = true;
            listener.onSuccess(null);
        }

        @Override
        public void subscribe(String[] topics, int[] qos, MqttActionListener listener) {
            subscribed.addAll(List.of(topics));
            listener.onSuccess(null);
        }

        @Override
        public void unsubscribe(String[] topics, MqttActionListener listener) {
            unsubscribed.addAll(List.of(topics));
            listener.onSuccess(null);
        }

        @Override
        public void publish(String topic, MqttMessage message, MqttActionListener listener) throws MqttException {
            if (!connected) {
                throw new MqttException(MqttClientException.REASON_CODE_CLIENT_NOT_CONNECTED);
            }
            published.add(topic + " " + new String(message.getPayload()));
            if (holdPublishes) {
                synchronized (heldPublishes) {
                    heldPublishes.add(listener);
                }
            } else {
                listener.onSuccess(null);
            }
        }

        @Override
        public void acknowledge(int messageId, int qos) {
            acks.add(messageId);
        }

        @Override
        public void disconnect(long quiesceMs, MqttActionListener listener) {
            connected = false;
            listener.onSuccess(null);
        }

        @Override
        public void close() {
            closed = true;
        }

        /** The broker sends {@code message} on this connection. */
        void deliver(String topic, MqttMessage message) throws Exception {
            callback.messageArrived(topic, message);
        }

        /** The connection drops (a broker restart): held publishes fail, Paho reports the loss. */
        void lose() {
            connected = false;
            List<MqttActionListener> held;
            synchronized (heldPublishes) {
                held = new ArrayList<>(heldPublishes);
                heldPublishes.clear();
            }
            MqttException lost = new MqttException(MqttClientException.REASON_CODE_CONNECTION_LOST);
            held.forEach(l -> l.onFailure((IMqttToken) null, lost));
            callback.disconnected(new MqttDisconnectResponse(lost));
        }
    }
}
