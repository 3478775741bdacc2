package org.stemloop.agent;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import org.stemloop.mqtt.Addresses;
import org.stemloop.mqtt.Payloads;
import org.stemloop.mqtt.Topics;
import org.stemloop.ops.AgentMetrics;

/**
 * Hands a payload to the MQTT bridge and completes when the broker has it (QoS 1). Errors go through
 * {@link #error}, which counts them by kind in the metrics.
 */
final class Publisher {

    private final Vertx vertx;
    private final Topics topics;
    private final AgentMetrics metrics;

    Publisher(Vertx vertx, Topics topics, AgentMetrics metrics) {
        this.vertx = vertx;
        this.topics = topics;
        this.metrics = metrics;
    }

    /** {@code {"frame_id"?, "error": kind, "detail"}} on the errors topic, counted under its kind. */
    Future<Void> error(String frameId, String kind, String detail) {
        metrics.error(kind);
        return publish(topics.errors(), Payloads.error(frameId, kind, detail), false);
    }

    Future<Void> publish(String topic, byte[] payload, boolean retain) {
        DeliveryOptions options = new DeliveryOptions().addHeader(Addresses.TOPIC, topic)
                .addHeader(Addresses.RETAIN, Boolean.toString(retain));
        return vertx.eventBus().request(Addresses.PUBLISH, Buffer.buffer(payload), options).mapEmpty();
    }
}
