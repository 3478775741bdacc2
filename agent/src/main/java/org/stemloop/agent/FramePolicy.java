package org.stemloop.agent;

import java.util.Locale;

/**
 * What the agent does when frames arrive faster than it analyses them ({@code frame-policy}).
 * Neither policy lets memory grow without bound or drops a frame silently; see {@link Backpressure}.
 */
public enum FramePolicy {
    /**
     * Every frame is analysed, in arrival order. The backlog waits at the broker: the agent holds at most
     * {@code receive-maximum} unacknowledged frames, and acknowledging one lets the next in.
     */
    EVERY("every"),
    /**
     * For the live view: when a newer frame is waiting, the older waiting frames are skipped, so the analysis
     * thread always takes the newest. Each skipped frame is acknowledged, stored as a frame row marked
     * {@code skipped}, counted on the status topic and in the metrics.
     */
    NEWEST("newest");

    private final String id;

    FramePolicy(String id) {
        this.id = id;
    }

    /** The name in the config file, the status message and the docs. */
    public String id() {
        return id;
    }

    /** Parses {@code every} or {@code newest}; anything else is an error naming the choices. */
    public static FramePolicy parse(String text) {
        String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        for (FramePolicy p : values()) {
            if (p.id.equals(t)) {
                return p;
            }
        }
        throw new IllegalArgumentException("frame-policy must be every or newest: " + text);
    }
}
