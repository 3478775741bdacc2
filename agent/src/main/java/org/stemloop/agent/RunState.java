package org.stemloop.agent;

import java.util.Objects;
import org.stemloop.detect.LogParams;

/**
 * What the next frame is analysed with: an immutable snapshot, swapped whole when a control message
 * or the optimiser changes it, so a frame in flight keeps the state it started with.
 *
 * @param runId       this run's id
 * @param mode        supervised or autonomous
 * @param paused      when true, frames are stored (metadata) and acknowledged but not analysed
 * @param params      the LoG parameters of the fast path
 * @param paramSource where {@code params} came from: {@code fixed}, {@code optimiser}, {@code operator}
 * @param material    the material assumed when a frame names none (e.g. {@code graphene}), or {@code null}
 */
public record RunState(String runId, RunMode mode, boolean paused, LogParams params, String paramSource,
                       String material) {

    public RunState {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(params, "params");
        Objects.requireNonNull(paramSource, "paramSource");
    }

    /** This state, paused or running. */
    public RunState withPaused(boolean newPaused) {
        return new RunState(runId, mode, newPaused, params, paramSource, material);
    }

    /** This state in another mode. */
    public RunState withMode(RunMode newMode) {
        return new RunState(runId, newMode, paused, params, paramSource, material);
    }

    /** The status word of the status topic: {@code online} or {@code paused}. */
    public String statusWord() {
        return paused ? "paused" : "online";
    }
}
