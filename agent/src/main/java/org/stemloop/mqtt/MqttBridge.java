package org.stemloop.mqtt;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.internal.logging.Logger;
import io.vertx.core.internal.logging.LoggerFactory;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;

/**
 * The only verticle that talks to the broker (Eclipse Paho MQTT 5): frames and control messages in,
 * everything on {@link Addresses#PUBLISH} out.
 *
 * <p>At least once: a persistent session (clean start off, session expiry), QoS 1 both ways,
 * reconnection by itself with the subscriptions renewed on every connect, and manual acknowledgements:
 * an incoming message is acknowledged to the broker only when its consumer on the event bus replies,
 * which the frame pipeline does after the frame is committed. Status: retained {@code online} (or
 * whatever {@code status} says) on every connect, a retained {@code offline} will.
 *
 * <p>In a share group ({@link BrokerSettings#shareGroup()}) frames come through the MQTT 5 shared
 * subscription {@code $share/GROUP/...frames} (each frame to one member), control messages still through a
 * plain subscription (every member sees them), and the status goes to the agent's own status topic.
 *
 * <p>A clean stop hands over ({@link #stop}): deliveries after it are left to the broker, the messages
 * already taken finish and are acknowledged (10 s at most), then the retained {@code offline} and the
 * disconnect.
 *
 * <p>Outages: when the connection is lost the bridge says so in the log, tries again after 1, 2, 4 ...
 * 30 s ({@link Backoff}), and once back records the outage in the shared {@link BrokerLink} (its
 * length, the attempts, the count) before it publishes the status, which carries it. Messages to
 * publish meanwhile wait in memory and go out, in order, right after the status: only frames already
 * taken from the broker (its in-flight window) can produce them, and none of those is acknowledged
 * before its messages are out, so a crash meanwhile loses nothing the broker would not redeliver.
 * The reconnection is the bridge's own, not Paho's automatic one, which reports no attempts, and each
 * connection gets a fresh Paho client: Paho 1.2.5 replays its in-flight state on a resumed session with
 * packets Mosquitto 2.0 rejects as a protocol error, again on every attempt. A message in flight when the
 * connection went is published again on the next one; a frame delivered on a connection that is gone is
 * not acknowledged on the new one (the broker redelivers it there, and that copy is acknowledged).
 *
 * <p>Threading: Paho calls back on its own thread; every callback hops onto this verticle's context.
 */
public final class MqttBridge extends VerticleBase {

    private static final Logger LOG = LoggerFactory.getLogger(MqttBridge.class);
    private static final int QOS = 1;
    /** How long a frame may take from arrival to committed before it stays unacknowledged. */
    private static final long HANDLING_TIMEOUT_MS = 60_000;
    /** Frames (and control messages) the broker may have in flight to the agent, unacknowledged. */
    static final int RECEIVE_MAXIMUM = 20;
    /** Publishes awaiting the broker's PUBACK at once; Paho refuses more than the broker's receive maximum. */
    private static final int MAX_IN_FLIGHT = 10;
    /** How long a clean stop waits for the frames already taken to finish. */
    private static final long DRAIN_MS = 10_000;
    /** Reconnect delays: 1 s, doubling to 30 s. */
    private static final Backoff BACKOFF = new Backoff(1_000, 30_000);

    private final BrokerSettings settings;
    private final Supplier<byte[]> status;
    private final byte[] offline;
    private final int receiveMaximum;
    private final long maximumPacketSize;
    private final AtomicReference<BrokerLink> link;
    /** Messages to publish that wait for the connection to come back, oldest first. */
    private final Deque<Waiting> waiting = new ArrayDeque<>();
    private MqttAsyncClient client;
    private MqttConnectionOptions options;
    // the connection's state, touched on this verticle's context only
    private volatile boolean connected;
    private boolean stopping;
    /** Stopping cleanly: no new deliveries are handled; {@link #drained} completes when {@link #handling} is 0. */
    private boolean draining;
    private Promise<Void> drained;
    /** Messages handed to the event bus and not yet answered. */
    private int handling;
    private int inFlight;
    /** A message of this connection was not acknowledged: ask the broker again once nothing is in hand. */
    private boolean owed;
    /** Acknowledgements since the last time the bridge asked again; none means it makes no headway. */
    private long ackedSinceAsked;
    private int fruitlessAsks;
    private long lostAtNanos;
    private int attempts;
    private String lostCause;

    /**
     * @param settings the broker and topics
     * @param status   the status payload to publish (retained) on every connect
     * @param offline  the will: the status payload the broker publishes when the agent vanishes
     * @param link     where the bridge records its outages (read by {@code status} to tell them)
     */
    public MqttBridge(BrokerSettings settings, Supplier<byte[]> status, byte[] offline) {
        this(settings, status, offline, new AtomicReference<>(BrokerLink.FIRST), RECEIVE_MAXIMUM,
                InputLimits.MQTT_MAX_PACKET);
    }

    /**
     * @param link              the connection's story (outages, reconnects), shared with the status payload
     * @param receiveMaximum    MQTT 5 Receive Maximum (1-65535): the most unacknowledged QoS 1 messages (frames
     *                          and control) the broker may send this client at once; the rest wait at the broker
     * @param maximumPacketSize MQTT 5 Maximum Packet Size ({@link InputLimits#maximumPacketSize()}): the broker
     *                          drops larger packets instead of sending them, so a huge payload never reaches this
     *                          process's memory
     */
    public MqttBridge(BrokerSettings settings, Supplier<byte[]> status, byte[] offline,
                      AtomicReference<BrokerLink> link, int receiveMaximum, long maximumPacketSize) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.status = Objects.requireNonNull(status, "status");
        this.offline = offline.clone();
        this.link = Objects.requireNonNull(link, "link");
        if (receiveMaximum < 1 || receiveMaximum > 65535) {
            throw new IllegalArgumentException("receive-maximum must be 1-65535: " + receiveMaximum);
        }
        this.receiveMaximum = receiveMaximum;
        this.maximumPacketSize = maximumPacketSize;
    }

    /** Whether the bridge is connected to the broker now; safe from any thread. */
    public boolean connected() {
        return connected;
    }

    @Override
    public Future<?> start() throws Exception {
        options = connectionOptions();
        vertx.eventBus().<Buffer>consumer(Addresses.PUBLISH, this::onPublishRequest);
        return connectOnce()
                .recover(e -> Future.failedFuture(new IllegalStateException(
                        "Cannot connect to MQTT broker %s: %s".formatted(settings.url(), settings.explainConnectFailure(e)),
                        e)))
                .compose(v -> subscribeAndAnnounce());
    }

    @Override
    public Future<?> stop() {
        return drain().eventually(this::goodbye);
    }

    /**
     * A clean stop hands over: new deliveries are left unacknowledged (the broker keeps them for the next
     * agent), the frames already taken finish (committed, answered, acknowledged) for up to
     * {@link #DRAIN_MS}, so none of them comes back to be stored again under the next run.
     */
    private Future<Void> drain() {
        draining = true;
        if (handling == 0) {
            return Future.succeededFuture();
        }
        LOG.info("Stopping: finishing the " + handling + " messages taken from the broker");
        drained = Promise.promise();
        vertx.setTimer(DRAIN_MS, id -> {
            if (drained.tryComplete()) {
                LOG.warn(handling + " messages were not finished within " + DRAIN_MS + " ms: the broker redelivers them");
            }
        });
        return drained.future();
    }

    private Future<Void> goodbye() {
        stopping = true;
        failWaiting("the agent is stopping");
        if (!connected) {
            return Future.succeededFuture();
        }
        Promise<Void> done = Promise.promise();
        try {
            // an orderly goodbye: the will is not sent, so say offline ourselves first
            client.publish(settings.statusTopic(), MessageSigning.message(vertx, settings.statusTopic(), offline, QOS, true), null,
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

    private MqttConnectionOptions connectionOptions() {
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(false);
        o.setSessionExpiryInterval(settings.sessionExpirySeconds());
        o.setAutomaticReconnect(false);
        o.setKeepAliveInterval(30);
        o.setConnectionTimeout(10);
        // Mosquitto lets an MQTT 5 client's receive maximum (Paho: 65,535) override its own window of 20:
        // keep the window small, so frames queue at the broker, not in memory, and an outage or a crash
        // leaves at most this many frames taken but not acknowledged (each is redelivered: a duplicate)
        o.setReceiveMaximum(receiveMaximum);
        o.setMaximumPacketSize(maximumPacketSize);
        o.setWill(settings.statusTopic(), new MqttMessage(offline, QOS, true, null));
        o.setWillMessageProperties(MessageSigning.willProperties(vertx, settings.statusTopic(), offline));
        settings.applyTo(o);
        return o;
    }

    /**
     * One connection attempt with a fresh client; on success it is the bridge's client and the bridge counts
     * as connected (publishes go straight out).
     */
    private Future<Void> connectOnce() {
        Promise<Void> done = Promise.promise();
        MqttAsyncClient fresh;
        try {
            // memory persistence is enough: an outgoing message in flight belongs to a frame not yet
            // acknowledged, which the broker redelivers to a restarted agent (docs/operations.md)
            fresh = new MqttAsyncClient(settings.url(), settings.clientId(), new MemoryPersistence());
            fresh.setManualAcks(true);
            fresh.setCallback(new Callback(fresh));
            fresh.connect(options, null, listener(done));
        } catch (MqttException e) {
            return Future.failedFuture(e);
        }
        return done.future().compose(v -> {
            if (stopping) {
                closeQuietly(fresh);
                return Future.failedFuture("the agent is stopping");
            }
            client = fresh;
            inFlight = 0;
            connected = true;
            return Future.succeededFuture();
        }, e -> {
            closeQuietly(fresh);
            return Future.failedFuture(e);
        });
    }

    private void closeQuietly(MqttAsyncClient old) {
        vertx.executeBlocking(() -> {
            old.close(true);
            return null;
        }).onFailure(e -> LOG.debug("Closing a spent MQTT client: " + e.getMessage()));
    }

    /** The connection of {@code source} is gone (Paho said so): log it and start trying again. */
    private void onLost(MqttAsyncClient source, String cause) {
        if (stopping || !connected || source != client) {
            return;
        }
        connected = false;
        closeQuietly(source);
        lostAtNanos = System.nanoTime();
        attempts = 0;
        lostCause = cause;
        LOG.warn("Lost the broker " + settings.url() + " (" + cause + "); reconnecting in "
                + BACKOFF.delayMs(1) / 1000.0 + " s");
        scheduleReconnect();
    }

    private void scheduleReconnect() {
        vertx.setTimer(BACKOFF.delayMs(attempts + 1), id -> reconnect());
    }

    private void reconnect() {
        if (stopping) {
            return;
        }
        attempts++;
        connectOnce().onSuccess(v -> onReconnected()).onFailure(e -> {
            LOG.warn("Reconnect attempt %d to %s failed (%s); next in %.0f s".formatted(attempts, settings.url(),
                    e.getMessage(), BACKOFF.delayMs(attempts + 1) / 1000.0));
            scheduleReconnect();
        });
    }

    private void onReconnected() {
        long outageMs = (System.nanoTime() - lostAtNanos) / 1_000_000;
        BrokerLink now = link.updateAndGet(l -> l.reconnected(outageMs, attempts, lostCause));
        LOG.info("Reconnected to %s after an outage of %d ms (%d attempts; reconnect %d since start); %d messages waited"
                .formatted(settings.url(), outageMs, attempts, now.reconnects(), waiting.size()));
        subscribeAndAnnounce().onFailure(e -> LOG.error("Resubscribe after reconnect failed: " + e.getMessage()));
    }

    /**
     * Renewed on every (re)connect: a broker that lost the session still delivers to us. The status goes
     * out first (it tells of the outage), then what waited for the connection, in order.
     */
    private Future<Void> subscribeAndAnnounce() {
        Promise<Void> subscribed = Promise.promise();
        try {
            client.subscribe(new String[] {settings.frameSubscription(), settings.topics().control()},
                    new int[] {QOS, QOS}, null, listener(subscribed));
        } catch (MqttException e) {
            subscribed.fail(e);
        }
        return subscribed.future().compose(v -> enqueue(settings.statusTopic(), status.get(), true, true));
    }

    private void onPublishRequest(Message<Buffer> message) {
        String topic = message.headers().get(Addresses.TOPIC);
        boolean retain = Boolean.parseBoolean(message.headers().get(Addresses.RETAIN));
        publish(topic, message.body().getBytes(), retain)
                .onSuccess(v -> message.reply(null))
                .onFailure(e -> message.fail(500, "Cannot publish to %s: %s".formatted(topic, e.getMessage())));
    }

    /**
     * Publishes in order, at most {@link #MAX_IN_FLIGHT} at a time (Paho refuses more), and holds what comes
     * while the connection is away until it is back.
     */
    private Future<Void> publish(String topic, byte[] payload, boolean retain) {
        return enqueue(topic, payload, retain, false);
    }

    /** Queues a message ({@code first}: ahead of the others, for the status after a reconnect) and flushes. */
    private Future<Void> enqueue(String topic, byte[] payload, boolean retain, boolean first) {
        if (stopping) {
            return Future.failedFuture("the agent is stopping");
        }
        Waiting w = new Waiting(topic, payload, retain, Promise.promise());
        if (first) {
            waiting.addFirst(w);
        } else {
            waiting.add(w);
        }
        flushWaiting();
        return w.sent().future();
    }

    private void flushWaiting() {
        while (connected && inFlight < MAX_IN_FLIGHT && !waiting.isEmpty()) {
            if (!send(waiting.poll())) {
                return;
            }
        }
    }

    /**
     * Publishes {@code w}; if the connection goes before the broker has it, {@code w} waits for the next one.
     *
     * @return false when Paho refused it at once for want of a connection ({@code w} is back at the head)
     */
    private boolean send(Waiting w) {
        MqttAsyncClient used = client;
        try {
            Promise<Void> attempt = Promise.promise();
            used.publish(w.topic(), MessageSigning.message(vertx, w.topic(), w.payload(), QOS, w.retain()), null,
                    listener(attempt));
            inFlight++;
            attempt.future().onComplete(ar -> sent(used, w, ar.cause()));
            return true;
        } catch (MqttException e) {
            if ((lostConnection(e) || e.getReasonCode() == MqttClientException.REASON_CODE_MAX_INFLIGHT) && !stopping) {
                // Paho learns of a lost connection before its callback tells us; the reconnect flushes the queue
                LOG.debug("Paho refused a publish for now (" + e.getMessage() + "): " + w.topic() + " waits");
                waiting.addFirst(w);
                return false;
            }
            w.sent().tryFail(e);
            return true;
        }
    }

    /** A publish on {@code used} ended: {@code failure} is {@code null} once the broker has it. */
    private void sent(MqttAsyncClient used, Waiting w, Throwable failure) {
        if (used == client) {
            inFlight--; // a spent client's publishes no longer count: the new one starts at 0
        }
        if (failure == null) {
            w.sent().tryComplete();
        } else if (lostConnection(failure) && !stopping) {
            // back to the head of the queue; it goes out again once connected (onReconnected flushes)
            waiting.addFirst(w);
        } else {
            w.sent().tryFail(failure);
        }
        flushWaiting();
    }

    private static boolean lostConnection(Throwable e) {
        return e instanceof MqttException m && (m.getReasonCode() == MqttClientException.REASON_CODE_CONNECTION_LOST
                || m.getReasonCode() == MqttClientException.REASON_CODE_CLIENT_NOT_CONNECTED);
    }

    private void failWaiting(String why) {
        while (!waiting.isEmpty()) {
            waiting.poll().sent().tryFail(why);
        }
    }

    private void onMessage(MqttAsyncClient source, String topic, MqttMessage message) {
        String address = topic.equals(settings.topics().frames()) ? Addresses.FRAMES_IN : Addresses.CONTROL_IN;
        DeliveryOptions options = new DeliveryOptions().setSendTimeout(HANDLING_TIMEOUT_MS)
                .addHeader(Addresses.RECEIVED_AT, Long.toString(System.currentTimeMillis()));
        MqttProperties props = message.getProperties();
        if (props != null && props.getUserProperties() != null) {
            for (UserProperty p : props.getUserProperties()) {
                options.addHeader(p.getKey(), p.getValue());
            }
        }
        if (draining) {
            return; // stopping: left unacknowledged, the broker keeps it for the next agent
        }
        handling++;
        vertx.eventBus().request(address, Buffer.buffer(message.getPayload()), options)
                .onSuccess(reply -> acknowledge(source, message))
                .onFailure(e -> {
                    LOG.error("Not acknowledged, the broker will redeliver it: message " + message.getId() + " on "
                            + topic + ": " + e.getMessage());
                    owed |= source == client;
                })
                .onComplete(ar -> {
                    handling--;
                    if (draining && handling == 0 && drained != null) {
                        drained.tryComplete();
                    } else if (owed && handling == 0) {
                        askAgain();
                    }
                });
    }

    /**
     * Messages left unacknowledged (a full frame queue, a failed commit) come back only on a new connection:
     * MQTT resends unacknowledged messages of a session at reconnect, never during one. So once nothing is
     * in hand the bridge reconnects on purpose, at once while frames get acknowledged in between, else after
     * the backoff's delays (a database that is down is not hammered). Brokers that honour Receive Maximum
     * never get here for a full queue; Mosquitto 2.0 sends past it (docs/operations.md, "Backpressure").
     */
    private void askAgain() {
        owed = false;
        fruitlessAsks = ackedSinceAsked > 0 ? 0 : fruitlessAsks + 1;
        ackedSinceAsked = 0;
        long delayMs = fruitlessAsks == 0 ? 1 : BACKOFF.delayMs(fruitlessAsks);
        vertx.setTimer(delayMs, id -> {
            if (stopping || draining || !connected) {
                return; // an outage's reconnect asks again by itself
            }
            if (handling > 0) {
                owed = true; // new deliveries came meanwhile: ask when they are done
                return;
            }
            MqttAsyncClient old = client;
            connected = false;
            LOG.info("Reconnecting to " + settings.url() + " so the broker sends the unacknowledged messages again");
            disconnectQuietly(old);
            connectOnce().compose(v -> subscribeAndAnnounce()).onFailure(e -> {
                lostAtNanos = System.nanoTime();
                attempts = 0;
                lostCause = "reconnect to ask again failed: " + e.getMessage();
                LOG.warn("Cannot reconnect to " + settings.url() + " (" + e.getMessage() + "); trying again");
                scheduleReconnect();
            });
        });
    }

    private void disconnectQuietly(MqttAsyncClient old) {
        try {
            old.disconnect(1_000, null, PahoListeners.completing(context, Promise.<Void>promise()), 0,
                    new MqttProperties());
        } catch (MqttException e) {
            LOG.debug("Disconnecting a spent MQTT client: " + e.getMessage());
        }
        vertx.setTimer(2_000, id -> closeQuietly(old));
    }

    private void acknowledge(MqttAsyncClient source, MqttMessage message) {
        if (source != client || !connected) {
            // its packet id means nothing on another connection; the broker redelivers it on the new one
            LOG.debug("Message " + message.getId() + " came on a connection that is gone: the broker redelivers it");
            return;
        }
        try {
            source.messageArrivedComplete(message.getId(), message.getQos());
            ackedSinceAsked++;
        } catch (MqttException e) {
            LOG.error("Cannot acknowledge message " + message.getId() + ": " + e.getMessage());
        }
    }

    /** A message to publish that waits for the connection. */
    private record Waiting(String topic, byte[] payload, boolean retain, Promise<Void> sent) {
    }

    private MqttActionListener listener(Promise<Void> promise) {
        return PahoListeners.completing(context, promise);
    }

    /** Paho's callbacks for one client (one connection), each moved onto the verticle's context. */
    private final class Callback implements MqttCallback {

        private final MqttAsyncClient source;

        Callback(MqttAsyncClient source) {
            this.source = source;
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            context.runOnContext(v -> onMessage(source, topic, message));
        }

        @Override
        public void connectComplete(boolean reconnect, String serverUri) {
            // the bridge reconnects by itself and subscribes when its own connect completes
        }

        @Override
        public void disconnected(MqttDisconnectResponse response) {
            String cause = response.getException() != null ? response.getException().getMessage()
                    : response.getReasonString() != null ? response.getReasonString() : "reason " + response.getReturnCode();
            context.runOnContext(v -> onLost(source, cause));
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
