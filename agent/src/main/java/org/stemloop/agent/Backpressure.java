package org.stemloop.agent;

import java.util.Objects;

/**
 * How many frames the agent lets in and what it does with a backlog: two bounds and a policy
 * ({@code docs/operations.md}, "Backpressure").
 *
 * <p>Frames reach the analysis thread through two bounded stages: the broker hands over at most
 * {@code receiveMaximum} unacknowledged QoS 1 messages (MQTT 5 Receive Maximum, sent when connecting;
 * control messages count too), and the agent keeps at most {@code queueSize} of them waiting for analysis.
 * A frame's memory (about 1 MB of NPY at 512 x 512 float32, four times that decoded as doubles) is held
 * only while it is in these stages, so the agent's frame memory is bounded by them whatever the rate.
 *
 * @param policy         {@link FramePolicy#EVERY} (default: nothing skipped, the broker holds the backlog) or
 *                       {@link FramePolicy#NEWEST} (older waiting frames skipped, recorded and counted)
 * @param receiveMaximum MQTT 5 Receive Maximum, 1-65535: how many unacknowledged messages the broker may
 *                       send; small keeps the backlog at the broker, where it survives an agent restart
 * @param queueSize      how many frames may wait for the analysis thread, at least 1; with {@code every} at
 *                       least {@code receiveMaximum}, so that every frame the broker may send fits
 */
public record Backpressure(FramePolicy policy, int receiveMaximum, int queueSize) {

    /** Eight frames in flight: enough to keep the analysis thread busy, about 8 MB of 512² frames. */
    public static final int DEFAULT_RECEIVE_MAXIMUM = 8;

    /** Every frame, eight in flight, eight waiting at most. */
    public static final Backpressure DEFAULT = new Backpressure(FramePolicy.EVERY, DEFAULT_RECEIVE_MAXIMUM,
            DEFAULT_RECEIVE_MAXIMUM);

    public Backpressure {
        Objects.requireNonNull(policy, "policy");
        if (receiveMaximum < 1 || receiveMaximum > 65535) {
            throw new IllegalArgumentException("receive-maximum must be 1-65535: " + receiveMaximum);
        }
        if (queueSize < 1) {
            throw new IllegalArgumentException("queue-size must be at least 1: " + queueSize);
        }
        if (policy == FramePolicy.EVERY && queueSize < receiveMaximum) {
            throw new IllegalArgumentException(("queue-size (%d) must be at least receive-maximum (%d) with "
                    + "frame-policy = every: every frame the broker may hand over has to fit")
                    .formatted(queueSize, receiveMaximum));
        }
    }
}
