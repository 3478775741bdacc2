package org.stemloop.mqtt;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.internal.logging.Logger;
import io.vertx.core.internal.logging.LoggerFactory;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;
import org.stemloop.ops.BurstLog;

/**
 * The inbound step of the bridge: flow control and acknowledgement. Each message from the broker goes to its
 * consumer on the event bus ({@link Addresses#FRAMES_IN}, {@link Addresses#CONTROL_IN}) and is acknowledged
 * to the broker only when the consumer replies, which the frame path does after the frame is committed and
 * answered. A message that came on a connection that is gone is not acknowledged on the new one (its packet
 * id means nothing there): the broker redelivers it on the new connection, and that copy is acknowledged.
 *
 * <p>A message left unacknowledged (deferred by a full queue, a failed commit) comes back only on a new
 * connection: MQTT resends a session's unacknowledged messages at reconnect, never during one. So once nothing
 * is in hand this step asks the connection to reconnect on purpose, at once while messages get acknowledged in
 * between, else after the backoff's delays (a database that is down is not hammered).
 *
 * <p>A clean stop drains ({@link #drain}): deliveries after it are left to the broker (the next agent gets
 * them), the messages already taken finish, for {@code drainMs} at most. Used on the bridge's context only.
 */
final class InboundFlow {

    private static final Logger LOG = LoggerFactory.getLogger(InboundFlow.class);
    /** How long a frame may take from arrival to committed before it stays unacknowledged. */
    static final long HANDLING_TIMEOUT_MS = 60_000;

    private final Context context;
    private final BrokerConnection connection;
    private final Topics topics;
    private final BurstLog deferred = new BurstLog(InboundFlow.class, 1_000, n -> n + " deliveries left "
            + "unacknowledged in a burst (the agent's queue was full): the bridge asks the broker for them again");
    /** Messages handed to the event bus and not yet answered. */
    private int handling;
    private boolean draining;
    private Promise<Void> drained;
    /** A message of this connection was not acknowledged: ask the broker again once nothing is in hand. */
    private boolean owed;
    /** Acknowledgements since the last time the bridge asked again; none means it makes no headway. */
    private long ackedSinceAsked;
    private int fruitlessAsks;

    InboundFlow(Context context, BrokerConnection connection, Topics topics) {
        this.context = context;
        this.connection = connection;
        this.topics = topics;
    }

    /** Messages handed to the agent and not yet answered. */
    int handling() {
        return handling;
    }

    /** A message from the broker on the connection of {@code source}. */
    void deliver(PahoClient source, String topic, MqttMessage message) {
        if (draining) {
            return; // stopping: left unacknowledged, the broker keeps it for the next agent
        }
        String address = topic.equals(topics.frames()) ? Addresses.FRAMES_IN
                : topic.equals(topics.spectra()) ? Addresses.SPECTRA_IN : Addresses.CONTROL_IN;
        DeliveryOptions options = new DeliveryOptions().setSendTimeout(HANDLING_TIMEOUT_MS)
                .addHeader(Addresses.RECEIVED_AT, Long.toString(System.currentTimeMillis()));
        MqttProperties props = message.getProperties();
        if (props != null && props.getContentType() != null) {
            options.addHeader(Addresses.CONTENT_TYPE, props.getContentType());
        }
        if (props != null && props.getUserProperties() != null) {
            for (UserProperty p : props.getUserProperties()) {
                options.addHeader(p.getKey(), p.getValue());
            }
        }
        handling++;
        context.owner().eventBus().request(address, Buffer.buffer(message.getPayload()), options)
                .onSuccess(reply -> acknowledge(source, message))
                .onFailure(e -> {
                    if (e instanceof ReplyException r && r.failureCode() == Addresses.DEFERRED) {
                        deferred.add(context.owner()); // ordinary under Mosquitto: one line per burst
                    } else {
                        LOG.warn("Not acknowledged, the broker will redeliver it: message " + message.getId() + " on "
                                + topic + ": " + e.getMessage());
                    }
                    owed |= source == connection.client();
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

    private void acknowledge(PahoClient source, MqttMessage message) {
        if (source != connection.client() || !connection.connected()) {
            LOG.debug("Message " + message.getId() + " came on a connection that is gone: the broker redelivers it");
            return;
        }
        try {
            source.acknowledge(message.getId(), message.getQos());
            ackedSinceAsked++;
        } catch (MqttException e) {
            LOG.error("Cannot acknowledge message " + message.getId() + ": " + e.getMessage());
        }
    }

    /** Reconnects on purpose once nothing is in hand: at once after headway, else after the backoff's delay. */
    private void askAgain() {
        owed = false;
        fruitlessAsks = ackedSinceAsked > 0 ? 0 : fruitlessAsks + 1;
        ackedSinceAsked = 0;
        long delayMs = fruitlessAsks == 0 ? 1 : BrokerConnection.BACKOFF.delayMs(fruitlessAsks);
        context.owner().setTimer(delayMs, id -> {
            if (draining) {
                return;
            }
            if (handling > 0) {
                owed = true; // new deliveries came meanwhile: ask when they are done
                return;
            }
            connection.reconnectToAskAgain();
        });
    }

    /**
     * A clean stop hands over: new deliveries are left unacknowledged (the broker keeps them for the next agent),
     * the messages already taken finish (committed, answered, acknowledged) for up to {@code drainMs}.
     */
    Future<Void> drain(long drainMs) {
        draining = true;
        deferred.flush();
        if (handling == 0) {
            return Future.succeededFuture();
        }
        LOG.info("Stopping: finishing the " + handling + " messages taken from the broker");
        drained = Promise.promise();
        context.owner().setTimer(drainMs, id -> {
            if (drained.tryComplete()) {
                LOG.warn(handling + " messages were not finished within " + drainMs + " ms: the broker redelivers them");
            }
        });
        return drained.future();
    }
}
