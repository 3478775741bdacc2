package org.stemloop.store;

import java.time.Instant;
import java.util.Objects;

/**
 * A change to a run, by an operator or by the agent itself: the audit trail of a session.
 *
 * @param runId     the run changed
 * @param actor     who: an operator's name, or {@code agent}
 * @param action    the control action ({@code pause}, {@code resume}, {@code choose}, ...)
 * @param optionId  the Pareto option chosen, or {@code null}
 * @param frameId   the last frame before the change took effect, or {@code null}
 * @param detail    free text (the raw control message), or {@code null}
 * @param decidedAt when
 */
public record DecisionRecord(String runId, String actor, String action, String optionId, String frameId,
                             String detail, Instant decidedAt) {

    /** The actor name the agent records for its own decisions. */
    public static final String AGENT = "agent";

    public DecisionRecord {
        Columns.requireText("Run id", runId, 64);
        Columns.requireText("Actor", actor, 128);
        Columns.requireText("Action", action, 32);
        Columns.requireOptionalText("Option id", optionId, 64);
        Columns.requireOptionalText("Frame id", frameId, 256);
        Objects.requireNonNull(decidedAt, "decidedAt");
    }
}
