package org.stemloop.twin;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.common.MqttException;

/**
 * How a twin paces its frames and stops: the publishing thread waits between frames on a signal, so {@link #stop}
 * wakes it without an interrupt. Interrupting it in the middle of a publish made Paho fail that publish and, now
 * and then, left the connection half closed, so that closing the twin threw "Client is disconnected" (a bench soak
 * in CI). The thread is interrupted only if it has not stopped within 5 s (a publish that hangs).
 */
final class TwinShutdown {

    private final CountDownLatch stopping = new CountDownLatch(1);

    /** Waits up to {@code nanos} between frames; {@code false} when the twin is stopping (publish no more). */
    boolean pause(long nanos) throws InterruptedException {
        return !stopping.await(Math.max(0, nanos), TimeUnit.NANOSECONDS);
    }

    /** Whether {@link #stop} was called. */
    boolean stopping() {
        return stopping.getCount() == 0;
    }

    /** Stops the publishing thread (the frame in flight is finished), then closes the MQTT connection. */
    void stop(Thread publisher, MqttClient client) throws MqttException {
        stopping.countDown();
        try {
            publisher.join(5_000);
            if (publisher.isAlive()) {
                publisher.interrupt();
                publisher.join(1_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            if (client.isConnected()) {
                client.disconnect();
            }
        } catch (MqttException e) {
            // a broker that went away meanwhile: nothing is left to say goodbye to, only the client to release
            if (client.isConnected()) {
                client.disconnectForcibly(1_000);
            }
        } finally {
            client.close();
        }
    }
}
