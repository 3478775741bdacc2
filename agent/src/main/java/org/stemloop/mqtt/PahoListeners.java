package org.stemloop.mqtt;

import io.vertx.core.Context;
import io.vertx.core.Promise;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;

/** Paho's asynchronous results as Vert.x promises, completed on the caller's context (never on Paho's threads). */
public final class PahoListeners {

    private PahoListeners() {
    }

    /** A listener that completes {@code promise} on {@code context}: success, or the failure Paho reports. */
    public static MqttActionListener completing(Context context, Promise<Void> promise) {
        return new MqttActionListener() {
            @Override
            public void onSuccess(IMqttToken token) {
                context.runOnContext(v -> promise.tryComplete());
            }

            @Override
            public void onFailure(IMqttToken token, Throwable e) {
                context.runOnContext(v -> promise.tryFail(e));
            }
        };
    }
}
