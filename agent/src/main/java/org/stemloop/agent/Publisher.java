package org.stemloop.agent;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import org.stemloop.mqtt.Addresses;

/** Hands a payload to the MQTT bridge and completes when the broker has it (QoS 1). */
final class Publisher {

    private final Vertx vertx;

    Publisher(Vertx vertx) {
        this.vertx = vertx;
    }

    Future<Void> publish(String topic, byte[] payload, boolean retain) {
        DeliveryOptions options = new DeliveryOptions().addHeader(Addresses.TOPIC, topic)
                .addHeader(Addresses.RETAIN, Boolean.toString(retain));
        return vertx.eventBus().request(Addresses.PUBLISH, Buffer.buffer(payload), options).mapEmpty();
    }
}
