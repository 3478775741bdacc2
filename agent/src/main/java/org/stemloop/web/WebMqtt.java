package org.stemloop.web;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;
import org.stemloop.mqtt.BrokerSettings;
import org.stemloop.mqtt.MessageSigning;
import org.stemloop.mqtt.PahoListeners;
import org.stemloop.mqtt.Topics;

/**
 * The web UI's own MQTT 5 client, an operator's client like any other: it reads what the agent and
 * the microscope publish (frames at QoS 0, for display only; detections, Pareto options, status and
 * errors, and the loop's poi, acquire, sites and tracks at QoS 1) and publishes operator actions on the control topic (QoS 1). It does not go
 * through the agent's bridge, so a broker's ACL can give it its own user (read results, write control)
 * while the agent's user keeps read-only access to control.
 *
 * <p>Clean start (no session: the live view wants the present, the retained status and Pareto
 * messages give it at once); automatic reconnect. Messages are handed to {@code onMessage} on the
 * given Vert.x context.
 */
final class WebMqtt {

    /** One message: its topic, payload and MQTT 5 user properties. */
    record Received(String topic, byte[] payload, Map<String, String> userProperties) {
    }

    private final BrokerSettings settings;
    private final Context context;
    private final io.vertx.core.Handler<Received> onMessage;
    private final MessageSigning signing;
    private MqttAsyncClient client;

    WebMqtt(BrokerSettings settings, Context context, io.vertx.core.Handler<Received> onMessage,
            MessageSigning signing) {
        this.signing = signing;
        this.settings = settings;
        this.context = context;
        this.onMessage = onMessage;
    }

    Future<Void> connect() {
        Topics t = settings.topics();
        Promise<Void> connected = Promise.promise();
        try {
            client = new MqttAsyncClient(settings.url(), "stemloop-web-" + t.instrument() + "-"
                    + UUID.randomUUID().toString().substring(0, 8), new MemoryPersistence());
            client.setCallback(new Callback());
            MqttConnectionOptions options = new MqttConnectionOptions();
            options.setCleanStart(true);
            options.setAutomaticReconnect(true);
            options.setAutomaticReconnectDelay(1, 30);
            settings.applyTo(options);
            client.connect(options, null, listener(connected));
        } catch (MqttException | IllegalArgumentException e) {
            connected.fail(e);
        }
        return connected.future()
                .recover(e -> Future.failedFuture(new IllegalStateException("Web UI cannot connect to MQTT broker %s: %s"
                        .formatted(settings.url(), settings.explainConnectFailure(e)), e)))
                .compose(v -> subscribe());
    }

    private Future<Void> subscribe() {
        Topics t = settings.topics();
        Promise<Void> done = Promise.promise();
        try {
            client.subscribe(new String[] {t.frames(), t.detections(), t.pareto(), t.status(), t.errors(), t.poi(),
                    t.acquire(), t.sites(), t.tracks()}, new int[] {0, 1, 1, 1, 1, 1, 1, 1, 1}, null, listener(done));
        } catch (MqttException e) {
            done.fail(e);
        }
        return done.future();
    }

    boolean connected() {
        return client != null && client.isConnected();
    }

    /** Publishes {@code json} on the control topic, signed; completes when the broker has it. */
    Future<Void> publishControl(String json) {
        Promise<Void> sent = Promise.promise();
        try {
            byte[] payload = json.getBytes(StandardCharsets.UTF_8);
            MqttMessage m = new MqttMessage(payload, 1, false, null);
            // signed: the agent takes "by" as the operator's identity only from messages it can verify
            m.setProperties(signing.properties(settings.topics().control(), payload));
            client.publish(settings.topics().control(), m, null, listener(sent));
        } catch (MqttException e) {
            sent.fail(e);
        }
        return sent.future();
    }

    Future<Void> close() {
        if (client == null) {
            return Future.succeededFuture();
        }
        Promise<Void> done = Promise.promise();
        try {
            if (client.isConnected()) {
                client.disconnect(1_000, null, listener(done), 0, new MqttProperties());
            } else {
                done.complete();
            }
        } catch (MqttException e) {
            done.complete();
        }
        return done.future().eventually(() -> context.owner().executeBlocking(() -> {
            client.close(true);
            return null;
        }));
    }

    private MqttActionListener listener(Promise<Void> promise) {
        return PahoListeners.completing(context, promise);
    }

    private final class Callback implements MqttCallback {

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            Map<String, String> props = new HashMap<>();
            MqttProperties p = message.getProperties();
            if (p != null && p.getUserProperties() != null) {
                for (UserProperty u : p.getUserProperties()) {
                    props.put(u.getKey(), u.getValue());
                }
            }
            Received r = new Received(topic, message.getPayload(), props);
            context.runOnContext(v -> onMessage.handle(r));
        }

        @Override
        public void connectComplete(boolean reconnect, String serverUri) {
            if (reconnect) {
                context.runOnContext(v -> subscribe());
            }
        }

        @Override
        public void disconnected(MqttDisconnectResponse response) {
            // automatic reconnect; /api/health reports the connection
        }

        @Override
        public void mqttErrorOccurred(MqttException e) {
            // reported through the publish futures and /api/health
        }

        @Override
        public void deliveryComplete(IMqttToken token) {
            // each publish has its own listener
        }

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {
            // no enhanced authentication
        }
    }
}
