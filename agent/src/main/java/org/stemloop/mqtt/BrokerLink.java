package org.stemloop.mqtt;

/**
 * The story of the agent's connection to its broker, as the status topic tells it: how many times it
 * was lost and won back, and how the last outage went.
 *
 * @param reconnects   connections won back since the agent started (0: never lost)
 * @param lastOutageMs milliseconds from losing the last connection to having it back, 0 before any outage
 * @param lastAttempts connection attempts the last outage took (the successful one included)
 * @param lastCause    why the last connection was lost (Paho's words), or {@code null}
 */
public record BrokerLink(int reconnects, long lastOutageMs, int lastAttempts, String lastCause) {

    /** Connected once, never lost. */
    public static final BrokerLink FIRST = new BrokerLink(0, 0, 0, null);

    public BrokerLink {
        if (reconnects < 0 || lastOutageMs < 0 || lastAttempts < 0) {
            throw new IllegalArgumentException("Reconnects, outage and attempts must not be negative: %d, %d, %d"
                    .formatted(reconnects, lastOutageMs, lastAttempts));
        }
    }

    /** The link after one more outage of {@code outageMs} that took {@code attempts} attempts. */
    public BrokerLink reconnected(long outageMs, int attempts, String cause) {
        return new BrokerLink(reconnects + 1, outageMs, attempts, cause);
    }

    /** {@code connected} before any outage, {@code reconnected} after one. */
    public String word() {
        return reconnects == 0 ? "connected" : "reconnected";
    }
}
