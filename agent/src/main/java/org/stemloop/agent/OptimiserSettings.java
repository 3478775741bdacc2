package org.stemloop.agent;

import java.util.Objects;
import org.stemloop.optimize.SearchSettings;

/**
 * When and how the agent runs LoG* (Barakati et al. 2024) on a frame instead of the fast path.
 *
 * @param enabled        {@code false}: never optimise, every frame uses the configured parameters
 *                       (the latency benchmark's "fixed parameters")
 * @param driftTolerance re-optimise when QC or ER of a frame moves more than this (absolute, both
 *                       rewards are fractions of the expected atom count) from the first frame that
 *                       used the current parameters; 0.1 means "10 % of the atoms"
 * @param window         optimise on sliding windows of this side (pixels, stride 20 %), or 0 for the
 *                       whole frame; windows cost 6-10x more (docs/optimize.md)
 * @param search         population, generations and seed of the genetic search
 */
public record OptimiserSettings(boolean enabled, double driftTolerance, int window, SearchSettings search) {

    /** Optimise on the whole frame, drift tolerance 0.1, the search's defaults. */
    public static final OptimiserSettings DEFAULT = new OptimiserSettings(true, 0.1, 0, SearchSettings.DEFAULT);

    /** Never optimise: the configured parameters serve every frame. */
    public static final OptimiserSettings OFF = new OptimiserSettings(false, 0.1, 0, SearchSettings.DEFAULT);

    public OptimiserSettings {
        Objects.requireNonNull(search, "search");
        if (!(driftTolerance > 0 && driftTolerance <= 10)) {
            throw new IllegalArgumentException("Drift tolerance must be in (0, 10]: " + driftTolerance);
        }
        if (window != 0 && (window < 32 || window > 4096)) {
            throw new IllegalArgumentException("Optimisation window must be 0 (whole frame) or 32-4096 px: " + window);
        }
    }

    public OptimiserSettings withDriftTolerance(double tolerance) {
        return new OptimiserSettings(enabled, tolerance, window, search);
    }

    public OptimiserSettings withWindow(int side) {
        return new OptimiserSettings(enabled, driftTolerance, side, search);
    }
}
