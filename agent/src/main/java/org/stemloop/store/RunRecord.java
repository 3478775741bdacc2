package org.stemloop.store;

import java.time.Instant;
import java.util.Objects;

/**
 * One run of the agent: from its start to its stop, on one instrument.
 *
 * @param runId      unique id of the run (the agent uses a UUID), at most 64 characters
 * @param instrument the instrument id of the MQTT topics, e.g. {@code microscope-1}
 * @param mode       {@code supervised} or {@code autonomous}
 * @param startedAt  when the run started
 */
public record RunRecord(String runId, String instrument, String mode, Instant startedAt) {

    public RunRecord {
        Objects.requireNonNull(startedAt, "startedAt");
        Columns.requireText("Run id", runId, 64);
        Columns.requireText("Instrument", instrument, 128);
        Columns.requireText("Mode", mode, 16);
    }
}
