package org.stemloop.optimize;

import java.util.List;
import java.util.Objects;
import org.stemloop.detect.Blob;

/**
 * What a LoG* search found: the Pareto front, what it cost, and the detections of any option.
 */
public final class SearchResult {

    private final ParetoFront front;
    private final FrameEvaluator evaluator;
    private final long stackMs;
    private final long searchMs;

    SearchResult(ParetoFront front, FrameEvaluator evaluator, long stackMs, long searchMs) {
        this.front = Objects.requireNonNull(front, "front");
        this.evaluator = Objects.requireNonNull(evaluator, "evaluator");
        this.stackMs = stackMs;
        this.searchMs = searchMs;
    }

    public ParetoFront front() {
        return front;
    }

    /** The space searched. */
    public ParameterSpace space() {
        return evaluator.space();
    }

    /** The atoms of one of the front's options (or any candidate of this search), brightest first. */
    public List<Blob> detect(Candidate option) {
        return evaluator.detect(option.genes());
    }

    /** The atoms of the recommended option. */
    public List<Blob> recommendedAtoms() {
        return detect(front.recommended());
    }

    /** Distinct candidates evaluated. */
    public int evaluations() {
        return evaluator.evaluations();
    }

    /** LoG layers built (the sigma grid). */
    public int layers() {
        return evaluator.layers();
    }

    /** Milliseconds spent building the LoG layers. */
    public long stackMs() {
        return stackMs;
    }

    /** Milliseconds spent in the search after the stack was built. */
    public long searchMs() {
        return searchMs;
    }
}
