package org.stemloop.eval;

import java.util.List;

/**
 * Detection counts exactly as Barakati et al. (2024, "Unsupervised reward-driven image
 * segmentation in automated STEM experiments") define them for their noise benchmark:
 * <ul>
 *   <li>a prediction with SOME true atom within the radius is a true positive (TP);</li>
 *   <li>a prediction with no true atom within the radius is a false positive (FP);</li>
 *   <li>a true atom with no prediction within the radius is a false negative (FN).</li>
 * </ul>
 * Precision = TP / (TP + FP); recall = (true atoms with a prediction near) / (true atoms).
 *
 * <p><b>How this differs from {@link OneToOneMatching}:</b> the counting is many-to-one. Two
 * predictions on the same atom are both TPs, so a detector that fires twice per atom keeps
 * precision 1, and TP + FN need not equal the number of true atoms (recall therefore uses
 * {@link #truthsFound()}, not TP). One prediction between two close atoms counts once as a TP
 * yet marks both atoms found. One-to-one matching counts each atom and each prediction at most
 * once, so its TP never exceeds either set, and duplicates become FPs.
 *
 * <p>Empty inputs follow {@link Scores}: F1 = 1 when both sets are empty, 0 when one is.
 *
 * @apiNote Cost: O((n + m) log(n + m)) with a uniform grid of cell size equal to the radius,
 *          plus the number of prediction-atom pairs within the radius.
 *
 * @param tp          predictions with a true atom within the radius
 * @param fp          predictions with no true atom within the radius
 * @param fn          true atoms with no prediction within the radius
 * @param truthsFound true atoms with at least one prediction within the radius
 */
public record PaperCounts(int tp, int fp, int fn, int truthsFound) {

    public PaperCounts {
        if (tp < 0 || fp < 0 || fn < 0 || truthsFound < 0) {
            throw new IllegalArgumentException("Counts must not be negative: tp=%d fp=%d fn=%d truthsFound=%d"
                    .formatted(tp, fp, fn, truthsFound));
        }
        if (truthsFound > 0 && tp == 0) {
            throw new IllegalArgumentException("True atoms found without any TP: truthsFound=%d".formatted(truthsFound));
        }
    }

    /**
     * Counts {@code predictions} against {@code truth} by the paper's rule.
     *
     * @param predictions predicted atom positions, pixels (row, col); may be empty
     * @param truth       true atom positions, pixels (row, col); may be empty
     * @param radius      match radius, pixels (&gt; 0); see {@link ScoringRadius#defaultFor(List)}
     * @throws IllegalArgumentException when the radius is not positive and finite
     */
    public static PaperCounts count(List<Point> predictions, List<Point> truth, double radius) {
        ScoringRadius.require(radius);
        ScoringRadius.checked("predictions", predictions);
        ScoringRadius.checked("truth", truth);
        PointGrid truthGrid = new PointGrid(truth, radius);
        int tp = 0;
        for (Point p : predictions) {
            if (truthGrid.anyWithin(p, radius)) {
                tp++;
            }
        }
        PointGrid predictionGrid = new PointGrid(predictions, radius);
        int found = 0;
        for (Point t : truth) {
            if (predictionGrid.anyWithin(t, radius)) {
                found++;
            }
        }
        return new PaperCounts(tp, predictions.size() - tp, truth.size() - found, found);
    }

    /** Number of true atoms: those found plus the false negatives. */
    public int truths() {
        return truthsFound + fn;
    }

    /** The counts as scores: precision = tp / (tp + fp), recall = truthsFound / truths. */
    public Scores scores() {
        return Scores.of(tp, fp, fn, truthsFound, truths());
    }
}
