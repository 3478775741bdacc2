package org.stemloop.eval;

import java.util.List;

/**
 * Both scorings of one set of predictions against the truth, at one radius: what
 * {@code evaluate} prints and what the noise sweep writes.
 *
 * <p>The project's reporting convention ({@link #reported()}): TP, FP and FN are the paper's
 * counts ({@link PaperCounts}), so they compare with Barakati et al. (2024); precision, recall and
 * F1 are the one-to-one scores ({@link OneToOneMatching}), so duplicate detections cannot inflate
 * them. Both full sets stay available here so nobody has to guess.
 *
 * @param radius        match radius, pixels
 * @param radiusDefault whether the radius came from {@link ScoringRadius#defaultFor(List)}
 * @param paper         the paper's many-to-one counts
 * @param oneToOne      the one-to-one matching
 */
public record Evaluation(double radius, boolean radiusDefault, PaperCounts paper, MatchResult oneToOne) {

    public Evaluation {
        ScoringRadius.require(radius);
        if (paper == null || oneToOne == null) {
            throw new IllegalArgumentException("Evaluation needs both the paper counts and the one-to-one matching");
        }
        if (oneToOne.radius() != radius) {
            throw new IllegalArgumentException("Radius mismatch: %s vs matching at %s".formatted(radius, oneToOne.radius()));
        }
    }

    /**
     * Scores {@code predictions} against {@code truth} both ways.
     *
     * @param predictions predicted atom positions, pixels (row, col)
     * @param truth       true atom positions, pixels (row, col)
     * @param radius      match radius, pixels (&gt; 0)
     */
    public static Evaluation of(List<Point> predictions, List<Point> truth, double radius) {
        return new Evaluation(radius, false,
                PaperCounts.count(predictions, truth, radius),
                OneToOneMatching.match(predictions, truth, radius));
    }

    /**
     * Scores at the default radius, a third of the median nearest-neighbour distance among the
     * true atoms.
     *
     * @throws IllegalArgumentException when the truth has fewer than 2 atoms (no spacing to use)
     */
    public static Evaluation atDefaultRadius(List<Point> predictions, List<Point> truth) {
        double radius = ScoringRadius.defaultFor(truth);
        return new Evaluation(radius, true,
                PaperCounts.count(predictions, truth, radius),
                OneToOneMatching.match(predictions, truth, radius));
    }

    /** The reported row: the paper's TP/FP/FN with the one-to-one precision, recall and F1. */
    public Scores reported() {
        Scores fair = oneToOne.scores();
        return new Scores(paper.tp(), paper.fp(), paper.fn(), fair.precision(), fair.recall(), fair.f1());
    }
}
