package org.stemloop.eval;

import java.util.ArrayList;
import java.util.List;

/**
 * One-to-one scoring of predicted atom positions: each prediction may claim at most one true
 * atom within the radius and each atom at most one prediction, and as many pairs as possible are
 * formed (a maximum-cardinality bipartite matching, {@link HopcroftKarp} on the graph of pairs
 * within the radius). TP = pairs, FP = unmatched predictions, FN = unmatched true atoms, so
 * TP + FP = predictions and TP + FN = true atoms; precision = TP / (TP + FP), recall =
 * TP / (TP + FN).
 *
 * <p>Unlike {@link PaperCounts} (the paper's many-to-one rule), a second prediction on the same
 * atom is an FP here, and a single prediction between two atoms finds only one of them. Use this
 * to compare detectors honestly; use {@link PaperCounts} to compare with the paper's numbers.
 *
 * <p>Among maximum matchings, short pairs are preferred (greedy nearest-first seed, nearest-first
 * augmenting), but the total distance is not guaranteed minimal; {@link MatchResult#meanError()}
 * is therefore an upper bound on the best achievable one, and equal to it whenever the atoms are
 * more than 2R apart.
 *
 * <p>Empty inputs follow {@link Scores}: F1 = 1 when both sets are empty, 0 when one is.
 *
 * <pre>{@code
 * double r = ScoringRadius.defaultFor(truth);
 * MatchResult m = OneToOneMatching.match(predictions, truth, r);
 * System.out.printf("F1 %.3f, mean error %.2f px%n", m.scores().f1(), m.meanError());
 * }</pre>
 *
 * @apiNote Cost: O((n + m) log m) to find the E pairs within the radius with a uniform grid, O(E
 *          log E) for the greedy seed, then O(E sqrt(n + m)) worst case; 10^5 atoms take well under
 *          a second.
 */
public final class OneToOneMatching {

    private OneToOneMatching() {
    }

    /**
     * Matches {@code predictions} to {@code truth} one to one within {@code radius}.
     *
     * @param predictions predicted atom positions, pixels (row, col); may be empty
     * @param truth       true atom positions, pixels (row, col); may be empty
     * @param radius      match radius, pixels (&gt; 0): a pair counts when its distance is
     *                    {@code <= radius}. Too small and detector jitter turns hits into FP+FN;
     *                    half the atom spacing or more and a prediction may take a neighbour's
     *                    atom. {@link ScoringRadius#defaultFor(List)} gives the project's choice.
     * @throws IllegalArgumentException when the radius is not positive and finite
     */
    public static MatchResult match(List<Point> predictions, List<Point> truth, double radius) {
        ScoringRadius.require(radius);
        ScoringRadius.checked("predictions", predictions);
        ScoringRadius.checked("truth", truth);
        RadiusGraph graph = new RadiusGraph(predictions, truth, radius);
        int[] matched = HopcroftKarp.match(graph);
        List<MatchedPair> pairs = new ArrayList<>();
        double sum = 0;
        for (int u = 0; u < matched.length; u++) {
            if (matched[u] >= 0) {
                double d = Math.sqrt(predictions.get(u).distanceSquared(truth.get(matched[u])));
                pairs.add(new MatchedPair(u, matched[u], d));
                sum += d;
            }
        }
        int tp = pairs.size();
        Scores scores = Scores.ofCounts(tp, predictions.size() - tp, truth.size() - tp);
        return new MatchResult(radius, scores, pairs, tp == 0 ? Double.NaN : sum / tp);
    }
}
