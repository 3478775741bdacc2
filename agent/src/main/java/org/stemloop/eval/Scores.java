package org.stemloop.eval;

/**
 * Detection scores of predicted atom positions against true ones: counts and the ratios made
 * from them. Both counting rules of this package ({@link PaperCounts}, {@link OneToOneMatching})
 * report through this record.
 *
 * <p>Convention for empty inputs (a ratio whose denominator is zero): it is 1 when there was
 * nothing to find and nothing was predicted, 0 otherwise. Hence F1 = 1 when both sets are empty
 * and F1 = 0 when exactly one of them is.
 *
 * @param tp        true positives: predictions that count as hits
 * @param fp        false positives: predictions with no true atom within the radius
 * @param fn        false negatives: true atoms left unfound
 * @param precision fraction of predictions that are hits, in [0, 1]
 * @param recall    fraction of true atoms that were found, in [0, 1]
 * @param f1        harmonic mean of precision and recall, in [0, 1]
 */
public record Scores(int tp, int fp, int fn, double precision, double recall, double f1) {

    public Scores {
        if (tp < 0 || fp < 0 || fn < 0) {
            throw new IllegalArgumentException("Counts must not be negative: tp=%d fp=%d fn=%d".formatted(tp, fp, fn));
        }
        checkRatio("precision", precision);
        checkRatio("recall", recall);
        checkRatio("f1", f1);
    }

    /**
     * Scores of a one-to-one count, where every hit is one true atom found: precision =
     * tp / (tp + fp), recall = tp / (tp + fn).
     */
    public static Scores ofCounts(int tp, int fp, int fn) {
        return of(tp, fp, fn, tp, tp + fn);
    }

    /**
     * Scores where the number of true atoms found may differ from {@code tp} (many-to-one
     * counting): precision = tp / (tp + fp), recall = truthsFound / truths.
     *
     * @param truthsFound true atoms with at least one prediction near, {@code <= truths}
     * @param truths      all true atoms
     */
    static Scores of(int tp, int fp, int fn, int truthsFound, int truths) {
        boolean nothingAtAll = tp + fp == 0 && truths == 0;
        double precision = ratio(tp, tp + fp, nothingAtAll);
        double recall = ratio(truthsFound, truths, nothingAtAll);
        double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        return new Scores(tp, fp, fn, precision, recall, f1);
    }

    private static double ratio(int numerator, int denominator, boolean nothingAtAll) {
        if (denominator == 0) {
            return nothingAtAll ? 1 : 0;
        }
        return (double) numerator / denominator;
    }

    private static void checkRatio(String name, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException("Scores %s must be in [0, 1]: %s".formatted(name, value));
        }
    }
}
