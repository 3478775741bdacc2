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
 * @param shareGroup           the MQTT 5 shared-subscription group this agent takes frames in, or {@code null}:
 *                             the agent gets every frame. Several agents in one group split the stream (each
 *                             frame goes to one of them); see {@link #frameSubscription()}
 */
public record BrokerSettings(String url, String clientId, String username, String password, Topics topics,
                             long sessionExpirySeconds, BrokerTls tls, String shareGroup) {

    /** One hour: the agent can restart and find the frames sent meanwhile. */
    public static final long DEFAULT_SESSION_EXPIRY_SECONDS = 3600;
    /** Appended to the client id for the agent's control session ({@link #controlClientId()}). */
    public static final String CONTROL_SUFFIX = "-control";

    public BrokerSettings {
        Objects.requireNonNull(topics, "topics");
        Objects.requireNonNull(tls, "tls");
        if (url == null || !url.matches("(tcp|ssl|ws|wss)://.+")) {
            throw new IllegalArgumentException("Broker URL must look like tcp://host:port: " + url);
        }
        if (clientId == null || clientId.isBlank() || clientId.length() > 128 - CONTROL_SUFFIX.length()) {
            // the control session's id is this one plus CONTROL_SUFFIX, and must stay within 128 as well
            throw new IllegalArgumentException("MQTT client id must be 1-%d characters: %s"
                    .formatted(128 - CONTROL_SUFFIX.length(), clientId));
        }
        if (sessionExpirySeconds < 0 || sessionExpirySeconds > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("Session expiry must be 0..4294967295 s: " + sessionExpirySeconds);
        }
        if (shareGroup != null && shareGroup.isBlank()) {
            shareGroup = null;
        }
        // MQTT 5 (4.8.2): a share name holds no '/', '+' or '#'; we keep it to a plain word
        if (shareGroup != null && !shareGroup.matches("[A-Za-z0-9._-]{1,64}")) {
            throw new IllegalArgumentException(
                    "Share group must be 1-64 letters, digits, '-', '_' or '.': " + shareGroup);
        }
    }

    /** Whether this agent shares the frame stream with the other members of {@link #shareGroup()}. */
    public boolean shared() {
        return shareGroup != null;
    }

    /**
     * The topic filter the agent subscribes frames with: {@code $share/GROUP/stemloop/<instrument>/frames}
     * in a share group (the broker hands each frame to one member), else the frames topic itself.
     */
    public String frameSubscription() {
        return shared() ? "$share/" + shareGroup + "/" + topics.frames() : topics.frames();
    }

    /**
     * Where this agent's retained status (and its will) goes: the instrument's status topic, or in a share
     * group {@code stemloop/<instrument>/status/<client id>}, so one member's will does not say
     * "offline" over the others that are still working.
     */
    public String statusTopic() {
        return shared() ? topics.agentStatus(clientId) : topics.status();
    }

    /** One agent on its own (every frame comes to it) with the JDK's default TLS (its CAs, hostname verification on). */
    public BrokerSettings(String url, String clientId, String username, String password, Topics topics,
                          long sessionExpirySeconds) {
        this(url, clientId, username, password, topics, sessionExpirySeconds, BrokerTls.DEFAULT, null);
    }

    /** One agent on its own (every frame comes to it) with these TLS settings. */
    public BrokerSettings(String url, String clientId, String username, String password, Topics topics,
                          long sessionExpirySeconds, BrokerTls tls) {
        this(url, clientId, username, password, topics, sessionExpirySeconds, tls, null);
    }

    /** The same broker and TLS for another client (the web UI's own user), in no share group. */
    public BrokerSettings as(String otherClientId, String otherUsername, String otherPassword) {
        return new BrokerSettings(url, otherClientId, otherUsername, otherPassword, topics, sessionExpirySeconds, tls,
                null);
    }

    /**
     * The client id of the agent's second session, {@code <clientId>-control}: control messages and spectra come
     * through it, so they never wait behind the frames the agent has not acknowledged yet (Receive Maximum counts
     * every unacknowledged QoS 1 message of a session). Stable like the client id, so its persistent session
     * keeps what came while the agent restarted.
     */
    public String controlClientId() {
        return clientId + CONTROL_SUFFIX;
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
        return ("BrokerSettings[url=%s, clientId=%s, username=%s, password=%s, topics=%s, sessionExpirySeconds=%d, "
                + "tls=%s, shareGroup=%s]").formatted(url, clientId, username, password == null ? "none" : "***",
                topics, sessionExpirySeconds, tls, shareGroup);
    }
}
