package org.stemloop.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.stemloop.mqtt.BrokerSettings;
import org.stemloop.mqtt.MqttBridge;

/** The agent's MQTT bridge alone, for the reasons a connection is refused: the message its failed start gives. */
final class BridgeStart {

    private BridgeStart() {
    }

    /** Deploys a bridge with {@code settings}; fails the test if it connects, else returns the failure's message. */
    static String failure(BrokerSettings settings) throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            vertx.deployVerticle(new MqttBridge(settings, () -> new byte[0], new byte[0])).toCompletionStage()
                    .toCompletableFuture().get(60, TimeUnit.SECONDS);
            throw new AssertionError("connected to " + settings.url() + " with " + settings);
        } catch (ExecutionException e) {
            assertThat(e.getCause().getMessage()).startsWith("Cannot connect to MQTT broker " + settings.url());
            return e.getCause().getMessage();
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }
}
