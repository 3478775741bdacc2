package org.stemloop.store;

import java.util.List;
import java.util.Objects;

/**
 * A frame id its instrument already holds (schema version 7: once per instrument, in any run), with what
 * was found on it: what the agent needs to answer the frame again without storing it again.
 *
 * @param runId      the run that stored it
 * @param skipped    stored as skipped by the {@code newest} frame policy (no detections)
 * @param detections its detections in the order they were stored ({@code log*} first, then {@code unet});
 *                   empty for a skipped frame or one stored while the run was paused
 * @param byAnotherMember stored by another member of this agent's share group, which answered it (one answer
 *                   per frame in a group: this agent acknowledges it without answering)
 */
public record StoredFrame(String runId, boolean skipped, List<StoredDetection> detections, boolean byAnotherMember) {

    public StoredFrame {
        Objects.requireNonNull(runId, "runId");
        detections = List.copyOf(detections);
    }
}
