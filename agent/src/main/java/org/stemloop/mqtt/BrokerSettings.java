package org.stemloop.mqtt;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;

/**
 * How the agent connects to its broker.
 *
 * @param url                  {@code tcp://host:port} (or {@code ssl://...})
 * @param clientId             MQTT client id; keep it stable across restarts, the persistent
 *                             session (and the frames queued in it while the agent was away) hangs on it
 * @param username             user name, or {@code null} for none
 * @param password             password, or {@code null}; from a config file or the environment, never a flag
 * @param topics               the instrument's topics
 * @param sessionExpirySeconds how long the broker keeps the session (subscriptions, queued QoS 1 frames)
 *                             after a disconnect; 3600 rides out an agent restart or a network blip
 * @param tls                  CA, client certificate and hostname verification for {@code ssl://} URLs
 */
public record BrokerSettings(String url, String clientId, String username, String password, Topics topics,
                             long sessionExpirySeconds, BrokerTls tls) {

    /** One hour: the agent can restart and find the frames sent meanwhile. */
    public static final long DEFAULT_SESSION_EXPIRY_SECONDS = 3600;

    public BrokerSettings {
        Objects.requireNonNull(topics, "topics");
        Objects.requireNonNull(tls, "tls");
        if (url == null || !url.matches("(tcp|ssl|ws|wss)://.+")) {
            throw new IllegalArgumentException("Broker URL must look like tcp://host:port: " + url);
        }
        if (clientId == null || clientId.isBlank() || clientId.length() > 128) {
            throw new IllegalArgumentException("MQTT client id must be 1-128 characters: " + clientId);
        }
        if (sessionExpirySeconds < 0 || sessionExpirySeconds > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("Session expiry must be 0..4294967295 s: " + sessionExpirySeconds);
        }
    }

    /** Settings with the JDK's default TLS (its CAs, hostname verification on). */
    public BrokerSettings(String url, String clientId, String username, String password, Topics topics,
                          long sessionExpirySeconds) {
        this(url, clientId, username, password, topics, sessionExpirySeconds, BrokerTls.DEFAULT);
    }

    /** The same broker and TLS for another client (the web UI's own user). */
    public BrokerSettings as(String otherClientId, String otherUsername, String otherPassword) {
        return new BrokerSettings(url, otherClientId, otherUsername, otherPassword, topics, sessionExpirySeconds, tls);
    }

    /** Whether the URL asks for TLS. */
    public boolean isTls() {
        return url.startsWith("ssl://") || url.startsWith("wss://");
    }

    /**
     * Puts the credentials and the TLS settings into Paho's {@code options}, for every client of this
     * broker (the agent's bridge and the web UI's client alike).
     */
    public void applyTo(MqttConnectionOptions options) {
        if (username != null) {
            options.setUserName(username);
        }
        if (password != null) {
            options.setPassword(password.getBytes(StandardCharsets.UTF_8));
        }
        if (isTls()) {
            tls.applyTo(options);
        }
    }

    /** Why connecting failed, in one line that names a TLS or authorisation cause when there is one. */
    public String explainConnectFailure(Throwable e) {
        return ConnectFailure.explain(url, e);
    }

    @Override
    public String toString() {
        // never print the password
        return "BrokerSettings[url=%s, clientId=%s, username=%s, password=%s, topics=%s, sessionExpirySeconds=%d, tls=%s]"
                .formatted(url, clientId, username, password == null ? "none" : "***", topics, sessionExpirySeconds,
                        tls);
    }
}
