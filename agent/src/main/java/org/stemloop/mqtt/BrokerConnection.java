package org.stemloop.mqtt;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.internal.logging.Logger;
import io.vertx.core.internal.logging.LoggerFactory;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/**
 * The bridge's connection to the broker and its reconnection: one step of the intake, on the bridge's context.
 *
 * <p>Every connection is a fresh {@link PahoClient} with the same client id, clean start off and a session
 * expiry ({@link MqttBridge#connectionOptions}), so the broker keeps the session (subscriptions, unacknowledged
 * and queued messages) across an outage, an agent restart and a hand-over. The reconnection is this class's
 * own, not Paho's automatic one (which reports no attempts), and a fresh client per connection because Paho
 * 1.2.5 replays its in-flight state on a resumed session with packets Mosquitto 2.0 rejects as a protocol
 * error. After a lost connection it tries again after 1, 2, 4 ... 30 s ({@link Backoff}); once back it records
 * the outage in the shared {@link BrokerLink} and tells the bridge ({@link Listener#connected}), which
 * subscribes again and sends what waited. {@link #reconnectToAskAgain} drops a healthy connection on purpose:
 * MQTT resends a session's unacknowledged messages only on a new connection, never during one.
 */
final class BrokerConnection {

    private static final Logger LOG = LoggerFactory.getLogger(BrokerConnection.class);
    /** Reconnect delays: 1 s, doubling to 30 s. */
    static final Backoff BACKOFF = new Backoff(1_000, 30_000);

    /** What the bridge does with the connection's events, called on its context. */
    interface Listener {
        /** A (re)connection is up ({@code reconnect}: not the first); subscribe and announce. */
        void connected(boolean reconnect);

        /** A message arrived on the connection of {@code source}. */
        void message(PahoClient source, String topic, MqttMessage message);
    }

    private final Context context;
    private final BrokerSettings settings;
    private final MqttConnectionOptions options;
    private final PahoClient.Factory clients;
    private final AtomicReference<BrokerLink> link;
    private final Listener listener;
    private final String label;
    private PahoClient client;
    private volatile boolean connected;
    private boolean stopping;
    private long lostAtNanos;
    private int attempts;
    private String lostCause;

    BrokerConnection(Context context, BrokerSettings settings, MqttConnectionOptions options, PahoClient.Factory clients,
                     AtomicReference<BrokerLink> link, Listener listener) {
        this(context, settings, options, clients, link, listener, "");
    }

    /** As above; {@code label} names the session in log lines (" (control session)"; "" for the frames'). */
    BrokerConnection(Context context, BrokerSettings settings, MqttConnectionOptions options, PahoClient.Factory clients,
                     AtomicReference<BrokerLink> link, Listener listener, String label) {
        this.label = Objects.requireNonNull(label, "label");
        this.context = Objects.requireNonNull(context, "context");
        this.settings = settings;
        this.options = options;
        this.clients = clients;
        this.link = link;
        this.listener = listener;
    }

    /** Whether a connection is up now; safe from any thread. */
    boolean connected() {
        return connected;
    }

    /** The client of the current (or last) connection. */
    PahoClient client() {
        return client;
    }

    /** The first connection; fails when the broker cannot be reached (the agent does not start then). */
    Future<Void> connectFirst() {
        return connectOnce();
    }

    /** Subscribes the current connection to {@code topics} at QoS 1. */
    Future<Void> subscribe(String... topics) {
        Promise<Void> subscribed = Promise.promise();
        int[] qos = new int[topics.length];
        java.util.Arrays.fill(qos, 1);
        try {
            client.subscribe(topics, qos, PahoListeners.completing(context, subscribed));
        } catch (MqttException e) {
            subscribed.fail(e);
        }
        return subscribed.future();
    }

    /** Unsubscribes the current connection from {@code topics} (none held is no error). */
    Future<Void> unsubscribe(String... topics) {
        Promise<Void> done = Promise.promise();
        try {
            client.unsubscribe(topics, PahoListeners.completing(context, done));
        } catch (MqttException e) {
            done.fail(e);
        }
        return done.future();
    }

    /** One attempt with a fresh client; on success it is the current client and the connection is up. */
    private Future<Void> connectOnce() {
        Promise<Void> done = Promise.promise();
        PahoClient fresh;
        try {
            Callback callback = new Callback();
            fresh = clients.create(callback);
            callback.source = fresh;
            fresh.connect(options, PahoListeners.completing(context, done));
        } catch (MqttException e) {
            return Future.failedFuture(e);
        }
        return done.future().compose(v -> {
            if (stopping) {
                closeQuietly(fresh);
                return Future.failedFuture("the agent is stopping");
            }
            client = fresh;
            connected = true;
            return Future.succeededFuture();
        }, e -> {
            closeQuietly(fresh);
            return Future.failedFuture(e);
        });
    }

    /** The connection of {@code source} is gone (Paho said so): log it and start trying again. */
    private void lost(PahoClient source, String cause) {
        if (stopping || !connected || source != client) {
            return;
        }
        connected = false;
        closeQuietly(source);
        outageStarts(cause);
        LOG.warn("Lost the broker " + settings.url() + label + " (" + cause + "); reconnecting in "
                + BACKOFF.delayMs(1) / 1000.0 + " s");
        scheduleReconnect();
    }

    private void outageStarts(String cause) {
        lostAtNanos = System.nanoTime();
        attempts = 0;
        lostCause = cause;
    }

    private void scheduleReconnect() {
        context.owner().setTimer(BACKOFF.delayMs(attempts + 1), id -> reconnect());
    }

    private void reconnect() {
        if (stopping) {
            return;
        }
        attempts++;
        connectOnce().onSuccess(v -> {
            long outageMs = (System.nanoTime() - lostAtNanos) / 1_000_000;
            BrokerLink now = link.updateAndGet(l -> l.reconnected(outageMs, attempts, lostCause));
            LOG.info("Reconnected to %s%s after an outage of %d ms (%d attempts; reconnect %d since start)"
                    .formatted(settings.url(), label, outageMs, attempts, now.reconnects()));
            listener.connected(true);
        }).onFailure(e -> {
            LOG.warn("Reconnect attempt %d to %s%s failed (%s); next in %.0f s".formatted(attempts, settings.url(), label,
                    e.getMessage(), BACKOFF.delayMs(attempts + 1) / 1000.0));
            scheduleReconnect();
        });
    }

    /**
     * Drops a healthy connection and opens a new one at once, so that the broker sends the session's
     * unacknowledged messages again; a failure turns into an ordinary outage (backoff, reconnect).
     */
    void reconnectToAskAgain() {
        if (stopping || !connected) {
            return; // an outage's reconnect asks again by itself
        }
        PahoClient old = client;
        connected = false;
        LOG.info("Reconnecting to " + settings.url() + label + " so the broker sends the unacknowledged messages again");
        try {
            old.disconnect(1_000, PahoListeners.completing(context, Promise.<Void>promise()));
        } catch (MqttException e) {
            LOG.debug("Disconnecting a spent MQTT client: " + e.getMessage());
        }
        context.owner().setTimer(2_000, id -> closeQuietly(old));
        connectOnce().onSuccess(v -> listener.connected(false)).onFailure(e -> {
            outageStarts("reconnect to ask again failed: " + e.getMessage());
            LOG.warn("Cannot reconnect to " + settings.url() + " (" + e.getMessage() + "); trying again");
            scheduleReconnect();
        });
    }

    /**
     * No more reconnects; the retained {@code offline} status (none when {@code null}: the control session has no
     * status of its own) and an orderly disconnect when connected.
     */
    Future<Void> close(MqttMessage offline) {
        stopping = true;
        if (!connected) {
            return Future.succeededFuture();
        }
        connected = false;
        Promise<Void> done = Promise.promise();
        try {
            // an orderly goodbye: the will is not sent, so say offline ourselves first
            if (offline != null) {
                client.publish(settings.statusTopic(), offline, PahoListeners.completing(context, Promise.promise()));
            }
            client.disconnect(2_000, PahoListeners.completing(context, done));
        } catch (MqttException e) {
            done.fail(e);
        }
        PahoClient last = client;
        return done.future().eventually(() -> context.owner().executeBlocking(() -> {
            last.close();
            return null;
        }));
    }

    private void closeQuietly(PahoClient old) {
        context.owner().executeBlocking(() -> {
            old.close();
            return null;
        }).onFailure(e -> LOG.debug("Closing a spent MQTT client: " + e.getMessage()));
    }

    /** Paho's callbacks for one client (one connection), each moved onto the bridge's context. */
    private final class Callback implements MqttCallback {

        private volatile PahoClient source;

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            PahoClient from = source;
            context.runOnContext(v -> listener.message(from, topic, message));
        }

        @Override
        public void connectComplete(boolean reconnect, String serverUri) {
            // the connection reconnects by itself and the bridge subscribes when its own connect completes
        }

        @Override
        public void disconnected(MqttDisconnectResponse response) {
            String cause = response.getException() != null ? response.getException().getMessage()
                    : response.getReasonString() != null ? response.getReasonString() : "reason " + response.getReturnCode();
            PahoClient from = source;
            context.runOnContext(v -> lost(from, cause));
        }

        @Override
        public void mqttErrorOccurred(MqttException e) {
            LOG.error("MQTT error" + label + ": " + e.getMessage());
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
