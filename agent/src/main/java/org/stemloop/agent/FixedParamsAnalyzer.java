package org.stemloop.agent;

import org.stemloop.image.Frame;

/**
 * The fast path without an optimiser: LoG with the run's current parameters on the frame scaled to
 * [0, 1], then the paper's two rewards (QC, ER; Barakati et al. 2024) when a lattice is known.
 * The same as {@link LogStarAnalyzer} with {@link OptimiserSettings#OFF}; the latency benchmark's
 * "fixed parameters".
 *
 * @apiNote The LoG dominates: about 30-60 ms for 512 x 512 at sigma 2-6, 10 scales, on 2 cores; the
 *          rewards add about a millisecond per thousand atoms.
 */
public final class FixedParamsAnalyzer implements FrameAnalyzer {

    private final LogStarAnalyzer fastPath = new LogStarAnalyzer(OptimiserSettings.OFF);

    @Override
    public FrameAnalysis analyze(Frame frame, String material, RunState state) {
        return fastPath.analyze(frame, material, state);
    }
}
