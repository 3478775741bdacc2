package org.stemloop.agent;

import org.stemloop.image.Frame;

/**
 * Finds the atoms on one frame: the seam between the agent and the compute core. The first
 * implementation, {@link FixedParamsAnalyzer}, applies the run's current parameters; the LoG*
 * optimiser will implement it to re-optimise when there are no parameters yet, when rewards drift,
 * or when the material or pixel size change.
 *
 * <p>Called on a worker thread, possibly on several frames at once: implementations are thread-safe
 * and may block (LoG takes tens of milliseconds on a 512 x 512 frame).
 */
@FunctionalInterface
public interface FrameAnalyzer {

    /**
     * @param frame    the frame, calibrated when the sender gave a pixel size
     * @param material the material the frame names, or {@code null} to use the run's
     * @param state    the run state when the frame arrived
     */
    FrameAnalysis analyze(Frame frame, String material, RunState state);
}
