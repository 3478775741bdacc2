package org.stemloop.web;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Slows password guessing: after {@code max} failed logins within {@link #WINDOW_MS} for one key (a
 * user name: {@link #PER_USER}; a client address: {@link #PER_ADDRESS}, higher, as colleagues may share
 * one), further attempts for that key are refused until the oldest failure leaves the window. A
 * success clears the user's key. Used from one event loop: not thread-safe.
 */
final class LoginThrottle {

    static final int PER_USER = 5;
    static final int PER_ADDRESS = 20;
    static final long WINDOW_MS = 5 * 60_000;

    private final Map<String, Deque<Long>> failures = new HashMap<>();
    private final LongSupplier clock;

    LoginThrottle(LongSupplier clockMillis) {
        this.clock = clockMillis;
    }

    /** Milliseconds until {@code key}, allowed {@code max} failures per window, may try again; 0: now. */
    long retryAfterMs(String key, int max) {
        Deque<Long> times = failures.get(key);
        if (times == null) {
            return 0;
        }
        long now = clock.getAsLong();
        while (!times.isEmpty() && now - times.peekFirst() >= WINDOW_MS) {
            times.pollFirst();
        }
        if (times.isEmpty()) {
            failures.remove(key);
            return 0;
        }
        return times.size() >= max ? WINDOW_MS - (now - times.peekFirst()) : 0;
    }

    void failed(String key) {
        failures.computeIfAbsent(key, k -> new ArrayDeque<>()).addLast(clock.getAsLong());
        if (failures.size() > 10_000) {
            // a flood of distinct keys: forget the lot rather than grow without bound
            failures.clear();
        }
    }

    void succeeded(String key) {
        failures.remove(key);
    }
}
