package org.stemloop.ops;

import io.vertx.core.Vertx;
import java.util.function.LongFunction;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One log line for a burst of the same ordinary event (frames deferred while the queue is full: hundreds a
 * minute when Mosquitto sends past the agent's window), not a line per event: the first event starts a
 * window, and when it closes one INFO line tells how many there were.
 *
 * <p>Used from one Vert.x context (a verticle's); not thread-safe.
 */
public final class BurstLog {

    private final Logger logger;
    private final long windowMs;
    private final LongFunction<String> message;
    private long count;
    private long total;

    /**
     * @param type     the class whose logger says it
     * @param windowMs how long one burst is counted before its line is written, milliseconds
     * @param message  the line for a burst of {@code n} events
     */
    public BurstLog(Class<?> type, long windowMs, LongFunction<String> message) {
        if (windowMs < 1) {
            throw new IllegalArgumentException("A burst window must be at least 1 ms: " + windowMs);
        }
        this.logger = Logger.getLogger(type.getName());
        this.windowMs = windowMs;
        this.message = message;
    }

    /** Counts one event; the first of a burst schedules the burst's line on {@code vertx}. */
    public void add(Vertx vertx) {
        total++;
        if (count++ == 0) {
            vertx.setTimer(windowMs, id -> flush());
        }
    }

    /** Writes the burst's line now (when there was one) and starts a new burst. */
    public void flush() {
        if (count > 0) {
            logger.log(Level.INFO, message.apply(count));
            count = 0;
        }
    }

    /** Events counted since this log was made. */
    public long total() {
        return total;
    }
}
