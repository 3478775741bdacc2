package org.stemloop.agent;

import java.util.Locale;

/** Who applies a new parameter set: a human ({@link #SUPERVISED}) or the agent itself ({@link #AUTONOMOUS}). */
public enum RunMode {
    /** The recommended option serves until an operator chooses; the choice applies to the frames after it. */
    SUPERVISED,
    /** The agent applies its own recommendation and records the decision as {@code agent}. */
    AUTONOMOUS;

    /** The name used on the command line, in config files and in messages. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** {@code supervised} or {@code autonomous}, case-insensitive. */
    public static RunMode parse(String text) {
        for (RunMode m : values()) {
            if (m.id().equalsIgnoreCase(text == null ? "" : text.strip())) {
                return m;
            }
        }
        throw new IllegalArgumentException("Unknown mode: " + text + " (expected supervised or autonomous)");
    }
}
