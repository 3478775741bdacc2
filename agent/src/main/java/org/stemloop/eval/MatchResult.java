package org.stemloop.eval;

import java.util.List;

/**
 * The outcome of {@link OneToOneMatching}: scores, the pairs and how far apart they are.
 *
 * @param radius    the match radius used, pixels
 * @param scores    tp = pairs, fp = unmatched predictions, fn = unmatched true atoms
 * @param pairs     the matched pairs, sorted by prediction index (immutable)
 * @param meanError mean distance over the pairs, pixels; NaN when there are none
 */
public record MatchResult(double radius, Scores scores, List<MatchedPair> pairs, double meanError) {

    public MatchResult {
        ScoringRadius.require(radius);
        if (scores == null || pairs == null) {
            throw new IllegalArgumentException("Match result needs scores and pairs");
        }
        pairs = List.copyOf(pairs);
        if (pairs.size() != scores.tp()) {
            throw new IllegalArgumentException("Pairs disagree with tp: %d pairs, tp=%d".formatted(pairs.size(), scores.tp()));
        }
        if (pairs.isEmpty() != Double.isNaN(meanError)) {
            throw new IllegalArgumentException("Mean error must be NaN exactly when there are no pairs: " + meanError);
        }
    }

    /** True positives: matched pairs. */
    public int tp() {
        return scores.tp();
    }

    /** False positives: predictions left unmatched. */
    public int fp() {
        return scores.fp();
    }

    /** False negatives: true atoms left unmatched. */
    public int fn() {
        return scores.fn();
    }
}
