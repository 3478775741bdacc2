package org.stemloop.web;

import java.util.Locale;

/** What a user of the web UI may do. */
public enum Role {
    /** Watches the live view, the Pareto front and the history. */
    VIEWER,
    /** Also decides: approves Pareto options, pauses, resumes, re-optimises, switches the mode. */
    OPERATOR;

    /** The lower-case name used in the users file and the API. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** {@code viewer} or {@code operator}. */
    public static Role parse(String text) {
        for (Role r : values()) {
            if (r.id().equals(text)) {
                return r;
            }
        }
        throw new IllegalArgumentException("Role must be viewer or operator, got: " + text);
    }
}
