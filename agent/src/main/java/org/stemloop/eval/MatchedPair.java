package org.stemloop.eval;

/**
 * One prediction paired with one true atom by {@link OneToOneMatching}.
 *
 * @param prediction index into the predictions list
 * @param truth      index into the true atoms list
 * @param distance   distance between the two, pixels (the localisation error of this atom)
 */
public record MatchedPair(int prediction, int truth, double distance) {

    public MatchedPair {
        if (prediction < 0 || truth < 0) {
            throw new IllegalArgumentException("Pair indices must not be negative: (%d, %d)".formatted(prediction, truth));
        }
        if (!(distance >= 0) || !Double.isFinite(distance)) {
            throw new IllegalArgumentException("Pair distance must be finite and not negative: " + distance);
        }
    }
}
