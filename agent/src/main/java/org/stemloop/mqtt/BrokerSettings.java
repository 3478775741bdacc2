package org.stemloop.mqtt;

import java.util.Objects;

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
 */
public record BrokerSettings(String url, String clientId, String username, String password, Topics topics,
                             long sessionExpirySeconds) {

    /** One hour: the agent can restart and find the frames sent meanwhile. */
    public static final long DEFAULT_SESSION_EXPIRY_SECONDS = 3600;

    public BrokerSettings {
        Objects.requireNonNull(topics, "topics");
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

    @Override
    public String toString() {
        // never print the password
        return "BrokerSettings[url=%s, clientId=%s, username=%s, password=%s, topics=%s, sessionExpirySeconds=%d]"
                .formatted(url, clientId, username, password == null ? "none" : "***", topics, sessionExpirySeconds);
    }
}
