package org.stemloop.agent;

import io.vertx.core.Future;
import java.util.Map;
import org.stemloop.mqtt.IncomingFrame;
import org.stemloop.store.StoredFrame;

/**
 * A frame after the analysis step: decoded, and either analysed, kept without analysis (a paused run), or found
 * already stored for its instrument ({@code stored}: answered again from the database, neither analysed nor
 * stored again).
 *
 * @param frame    the decoded frame
 * @param analysis LoG*'s result, {@code null} when paused or stored before
 * @param timings  milliseconds per stage so far (decode, detect or optimise)
 * @param before   the run state the frame was analysed with
 * @param after    the run state it left
 * @param unet     the U-Net's result to come, {@code null} without a U-Net, when paused, or stored before
 * @param stored   the instrument's earlier copy of this frame id, or {@code null} for a new frame
 */
record Analysed(IncomingFrame frame, FrameAnalysis analysis, Map<String, Double> timings, RunState before,
                RunState after, Future<UnetOutcome> unet, StoredFrame stored) {

    /** A frame id the instrument already holds: no analysis, no U-Net, no state change. */
    static Analysed repeated(IncomingFrame frame, RunState state, Map<String, Double> timings, StoredFrame stored) {
        return new Analysed(frame, null, timings, state, state, null, stored);
    }
}
