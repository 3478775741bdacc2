package org.stemloop.mqtt;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.internal.logging.Logger;
import io.vertx.core.internal.logging.LoggerFactory;
import java.util.Objects;
import java.util.function.Supplier;
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

/**
 * The only verticle that talks to the broker (Eclipse Paho MQTT 5): frames and control messages in,
 * everything on {@link Addresses#PUBLISH} out.
 *
 * <p>At least once: a persistent session (clean start off, session expiry), QoS 1 both ways,
 * automatic reconnect with the subscriptions renewed on every connect, and manual acknowledgements:
 * an incoming message is acknowledged to the broker only when its consumer on the event bus replies,
 * which the frame pipeline does after the frame is committed. Status: retained {@code online} (or
 * whatever {@code status} says) on every connect, a retained {@code offline} will.
 *
 * <p>In a share group ({@link BrokerSettings#shareGroup()}) frames come through the MQTT 5 shared
 * subscription {@code $share/GROUP/...frames} (each frame to one member), control messages still through a
 * plain subscription (every member sees them), and the status goes to the agent's own status topic.
 *
 * <p>Threading: Paho calls back on its own thread; every callback hops onto this verticle's context.
 */
public final class MqttBridge extends VerticleBase {

    private static final Logger LOG = LoggerFactory.getLogger(MqttBridge.class);
    private static final int QOS = 1;
    /** How long a frame may take from arrival to committed before it stays unacknowledged. */
    private static final long HANDLING_TIMEOUT_MS = 60_000;

    private final BrokerSettings settings;
    private final Supplier<byte[]> status;
    private final byte[] offline;
    private final int receiveMaximum;
    private final long maximumPacketSize;
    private volatile MqttAsyncClient client;

    /**
     * @param settings the broker and topics
     * @param status   the status payload to publish (retained) on every connect
     * @param offline  the will: the status payload the broker publishes when the agent vanishes
     */
    public MqttBridge(BrokerSettings settings, Supplier<byte[]> status, byte[] offline) {
        this(settings, status, offline, 65535, InputLimits.MQTT_MAX_PACKET);
    }

    /**
     * @param receiveMaximum    MQTT 5 Receive Maximum (1-65535): the most unacknowledged QoS 1 messages (frames
     *                          and control) the broker may send this client at once; the rest wait at the broker
     * @param maximumPacketSize MQTT 5 Maximum Packet Size ({@link InputLimits#maximumPacketSize()}): the broker
     *                          drops larger packets instead of sending them, so a huge payload never reaches this
     *                          process's memory
     */
    public MqttBridge(BrokerSettings settings, Supplier<byte[]> status, byte[] offline, int receiveMaximum,
                      long maximumPacketSize) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.status = Objects.requireNonNull(status, "status");
        this.offline = offline.clone();
        if (receiveMaximum < 1 || receiveMaximum > 65535) {
            throw new IllegalArgumentException("receive-maximum must be 1-65535: " + receiveMaximum);
        }
        this.receiveMaximum = receiveMaximum;
        this.maximumPacketSize = maximumPacketSize;
    }

    /** Whether the client is connected to the broker now; safe from any thread. */
    public boolean connected() {
        MqttAsyncClient c = client;
        return c != null && c.isConnected();
    }

    @Override
    public Future<?> start() throws Exception {
        client = new MqttAsyncClient(settings.url(), settings.clientId(), new MemoryPersistence());
        client.setManualAcks(true);
        client.setCallback(new Callback());
        vertx.eventBus().<Buffer>consumer(Addresses.PUBLISH, this::onPublishRequest);
        return connect();
    }

    @Override
    public Future<?> stop() {
        Promise<Void> done = Promise.promise();
        try {
            // an orderly goodbye: the will is not sent, so say offline ourselves first
            client.publish(settings.statusTopic(), new MqttMessage(offline, QOS, true, null), null,
                    listener(Promise.<Void>promise()));
            client.disconnect(2_000, null, listener(done), 0, new MqttProperties());
        } catch (MqttException e) {
            done.fail(e);
        }
        return done.future().eventually(() -> vertx.executeBlocking(() -> {
            client.close(true);
            return null;
        }));
    }

    private Future<Void> connect() throws MqttException {
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(false);
        options.setSessionExpiryInterval(settings.sessionExpirySeconds());
        options.setAutomaticReconnect(true);
        options.setAutomaticReconnectDelay(1, 30);
        options.setKeepAliveInterval(30);
        options.setMaximumPacketSize(maximumPacketSize);
        // the broker's in-flight window towards us: unacknowledged frames beyond it wait at the broker
        options.setReceiveMaximum(receiveMaximum);
        options.setWill(settings.statusTopic(), new MqttMessage(offline, QOS, true, null));
        settings.applyTo(options);
        Promise<Void> connected = Promise.promise();
        client.connect(options, null, listener(connected));
        return connected.future()
                .recover(e -> Future.failedFuture(new IllegalStateException("Cannot connect to MQTT broker %s: %s"
                        .formatted(settings.url(), settings.explainConnectFailure(e)), e)))
                .compose(v -> subscribeAndAnnounce());
    }

    /** Renewed on every (re)connect: a broker that lost the session still delivers to us. */
    private Future<Void> subscribeAndAnnounce() {
        Promise<Void> subscribed = Promise.promise();
        try {
            client.subscribe(new String[] {settings.frameSubscription(), settings.topics().control()},
                    new int[] {QOS, QOS}, null, listener(subscribed));
        } catch (MqttException e) {
            subscribed.fail(e);
        }
        return subscribed.future().compose(v -> publish(settings.statusTopic(), status.get(), true));
    }

    private void onPublishRequest(Message<Buffer> message) {
        String topic = message.headers().get(Addresses.TOPIC);
        boolean retain = Boolean.parseBoolean(message.headers().get(Addresses.RETAIN));
        publish(topic, message.body().getBytes(), retain)
                .onSuccess(v -> message.reply(null))
                .onFailure(e -> message.fail(500, "Cannot publish to %s: %s".formatted(topic, e.getMessage())));
    }

    private Future<Void> publish(String topic, byte[] payload, boolean retain) {
        Promise<Void> sent = Promise.promise();
        try {
            client.publish(topic, new MqttMessage(payload, QOS, retain, null), null, listener(sent));
        } catch (MqttException e) {
            sent.fail(e);
        }
        return sent.future();
    }

    private void onMessage(String topic, MqttMessage message) {
        String address = topic.equals(settings.topics().frames()) ? Addresses.FRAMES_IN : Addresses.CONTROL_IN;
        DeliveryOptions options = new DeliveryOptions().setSendTimeout(HANDLING_TIMEOUT_MS)
                .addHeader(Addresses.RECEIVED_AT, Long.toString(System.currentTimeMillis()));
        MqttProperties props = message.getProperties();
        if (props != null && props.getUserProperties() != null) {
            for (UserProperty p : props.getUserProperties()) {
                options.addHeader(p.getKey(), p.getValue());
            }
        }
        vertx.eventBus().request(address, Buffer.buffer(message.getPayload()), options)
                .onSuccess(reply -> acknowledge(message))
                .onFailure(e -> LOG.error("Not acknowledged, the broker will redeliver it: message "
                        + message.getId() + " on " + topic + ": " + e.getMessage()));
    }

    private void acknowledge(MqttMessage message) {
        try {
            client.messageArrivedComplete(message.getId(), message.getQos());
        } catch (MqttException e) {
            LOG.error("Cannot acknowledge message " + message.getId() + ": " + e.getMessage());
        }
    }

    private MqttActionListener listener(Promise<Void> promise) {
        return PahoListeners.completing(context, promise);
    }

    /** Paho's callbacks, each moved onto the verticle's context. */
    private final class Callback implements MqttCallback {

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            context.runOnContext(v -> onMessage(topic, message));
        }

        @Override
        public void connectComplete(boolean reconnect, String serverUri) {
            if (reconnect) {
                context.runOnContext(v -> subscribeAndAnnounce()
                        .onFailure(e -> LOG.error("Resubscribe after reconnect failed: " + e.getMessage())));
            }
        }

        @Override
        public void disconnected(MqttDisconnectResponse response) {
            LOG.warn("Disconnected from " + settings.url() + ": " + response.getReasonString() + "; reconnecting");
        }

        @Override
        public void mqttErrorOccurred(MqttException e) {
            LOG.error("MQTT error: " + e.getMessage());
        }

        @Override
        public void deliveryComplete(IMqttToken token) {
            // the publish listeners already report each delivery
        }

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {
            // no enhanced authentication
        }
    }
}
