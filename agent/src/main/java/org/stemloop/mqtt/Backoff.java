package org.stemloop.mqtt;

/**
 * How long to wait before reconnect attempt {@code n}: doubling from {@code minMs} up to {@code maxMs}
 * (1, 2, 4, 8, 16, 30, 30, ... s with the bridge's 1-30 s), so a broker that restarts in a second is
 * back within one, and one that stays away is not hammered.
 *
 * @param minMs delay before the first attempt, milliseconds, at least 1
 * @param maxMs the longest delay, milliseconds, at least {@code minMs}
 */
record Backoff(long minMs, long maxMs) {

    Backoff {
        if (minMs < 1 || maxMs < minMs) {
            throw new IllegalArgumentException("Backoff needs 1 <= min <= max ms: %d, %d".formatted(minMs, maxMs));
        }
    }

    /** The delay before attempt {@code attempt} (1 = the first after the connection was lost). */
    long delayMs(int attempt) {
        if (attempt < 1) {
            throw new IllegalArgumentException("Attempts count from 1: " + attempt);
        }
        int doublings = Math.min(attempt - 1, 30);
        return Math.min(maxMs, minMs << doublings);
    }
}
