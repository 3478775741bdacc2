package org.stemloop.agent;

import org.stemloop.detect.Refinement;
import org.stemloop.image.Frame;
import org.stemloop.reward.MaskMode;

/**
 * The fast path without an optimiser: LoG with the run's current parameters on the frame scaled to
 * [0, 1], then the paper's two rewards (QC, ER; Barakati et al. 2024) when a lattice is known.
 * The same as {@link LogStarAnalyzer} with {@link OptimiserSettings#OFF}; the latency benchmark's
 * "fixed parameters".
 *
 * @apiNote The LoG dominates: 512 x 512 at sigma 2-6, 10 scales took 293 ms (min) / 385 ms (median) on
 *          this workplace's 2 cores at load average 7-8 ({@code blobs --repeat 10}); the rewards add about
 *          a millisecond per thousand atoms.
 */
public final class FixedParamsAnalyzer implements FrameAnalyzer {

    private final LogStarAnalyzer fastPath;

    /** Plain LoG: no crystal mask, LoG maxima as positions. */
    public FixedParamsAnalyzer() {
        this(MaskMode.NONE, Refinement.NONE);
    }

    /** With the crystal mask kept with the drift reference, and refined positions ({@link LogStarAnalyzer}). */
    public FixedParamsAnalyzer(MaskMode mask, Refinement refinement) {
        this.fastPath = new LogStarAnalyzer(OptimiserSettings.OFF, mask, refinement);
    }

    @Override
    public FrameAnalysis analyze(Frame frame, String material, RunState state) {
        return fastPath.analyze(frame, material, state);
    }
}
