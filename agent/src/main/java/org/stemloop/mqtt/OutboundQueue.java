package org.stemloop.mqtt;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.internal.logging.Logger;
import io.vertx.core.internal.logging.LoggerFactory;
import java.util.LinkedList;
import java.util.ListIterator;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;

/**
 * The publish step of the bridge: messages for the broker go out in order, at most {@link #MAX_IN_FLIGHT}
 * awaiting their PUBACK at once (Paho refuses more than the broker's receive maximum), and wait in memory while
 * the connection is away. Only frames already taken from the broker (its in-flight window) produce them, and
 * none of those is acknowledged before its messages are out, so a crash meanwhile loses nothing the broker
 * would not redeliver. A message in flight when the connection went goes out again on the next one. Used on
 * the bridge's context only.
 */
final class OutboundQueue {

    private static final Logger LOG = LoggerFactory.getLogger(OutboundQueue.class);
    private static final int QOS = 1;
    /** Publishes awaiting the broker's PUBACK at once; Paho refuses more than the broker's receive maximum. */
    static final int MAX_IN_FLIGHT = 10;

    private final Context context;
    private final BrokerConnection connection;
    /** In publishing order ({@link Waiting#seq}); a message whose connection went goes back to its place. */
    private final LinkedList<Waiting> waiting = new LinkedList<>();
    private long nextSeq;
    private long nextFirstSeq;
    private PahoClient counted;
    private int inFlight;
    private boolean closed;

    OutboundQueue(Context context, BrokerConnection connection) {
        this.context = context;
        this.connection = connection;
    }

    /** Queues a message ({@code first}: ahead of the others, for the status after a reconnect) and flushes. */
    Future<Void> enqueue(String topic, byte[] payload, boolean retain, boolean first) {
        if (closed) {
            return Future.failedFuture("the agent is stopping");
        }
        Waiting w = new Waiting(first ? --nextFirstSeq : nextSeq++, topic, payload, retain, Promise.promise());
        requeue(w);
        flush();
        return w.sent().future();
    }

    /** Messages waiting for the connection now. */
    int waiting() {
        return waiting.size();
    }

    /** Sends what waits, as far as the connection and the in-flight limit allow. */
    void flush() {
        if (connection.client() != counted) {
            counted = connection.client(); // a new connection: the spent client's publishes no longer count
            inFlight = 0;
        }
        while (connection.connected() && inFlight < MAX_IN_FLIGHT && !waiting.isEmpty()) {
            if (!send(waiting.poll())) {
                return;
            }
        }
    }

    /** Fails everything still waiting: the agent is stopping. */
    void close(String why) {
        closed = true;
        while (!waiting.isEmpty()) {
            waiting.poll().sent().tryFail(why);
        }
    }

    /** @return false when Paho refused it at once for want of a connection ({@code w} is back at the head) */
    private boolean send(Waiting w) {
        PahoClient used = connection.client();
        try {
            Promise<Void> attempt = Promise.promise();
            used.publish(w.topic(), new MqttMessage(w.payload(), QOS, w.retain(), null),
                    PahoListeners.completing(context, attempt));
            inFlight++;
            attempt.future().onComplete(ar -> sent(used, w, ar.cause()));
            return true;
        } catch (MqttException e) {
            if ((lostConnection(e) || e.getReasonCode() == MqttClientException.REASON_CODE_MAX_INFLIGHT) && !closed) {
                // Paho learns of a lost connection before its callback tells us; the reconnect flushes the queue
                LOG.debug("Paho refused a publish for now (" + e.getMessage() + "): " + w.topic() + " waits");
                requeue(w);
                return false;
            }
            w.sent().tryFail(e);
            return true;
        }
    }

    /** A publish on {@code used} ended: {@code failure} is {@code null} once the broker has it. */
    private void sent(PahoClient used, Waiting w, Throwable failure) {
        if (used == counted) {
            inFlight--;
        }
        if (failure == null) {
            w.sent().tryComplete();
        } else if (lostConnection(failure) && !closed) {
            requeue(w); // back to its place in the order; it goes out again once connected
        } else {
            w.sent().tryFail(failure);
        }
        flush();
    }

    /** Puts {@code w} before the first waiting message that came after it. */
    private void requeue(Waiting w) {
        ListIterator<Waiting> it = waiting.listIterator();
        while (it.hasNext()) {
            if (it.next().seq() > w.seq()) {
                it.previous();
                break;
            }
        }
        it.add(w);
    }

    static boolean lostConnection(Throwable e) {
        return e instanceof MqttException m && (m.getReasonCode() == MqttClientException.REASON_CODE_CONNECTION_LOST
                || m.getReasonCode() == MqttClientException.REASON_CODE_CLIENT_NOT_CONNECTED);
    }

    /**
     * A message to publish that waits for the connection; {@code seq} orders them (negative: the status after a
     * reconnect, ahead of everything).
     */
    private record Waiting(long seq, String topic, byte[] payload, boolean retain, Promise<Void> sent) {
    }
}
