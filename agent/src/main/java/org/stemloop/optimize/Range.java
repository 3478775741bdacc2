package org.stemloop.optimize;

/**
 * A closed interval of a search parameter, {@code min <= max}, both finite.
 *
 * @param min the lower end
 * @param max the upper end
 */
public record Range(double min, double max) {

    public Range {
        if (!Double.isFinite(min) || !Double.isFinite(max)) {
            throw new IllegalArgumentException("Range ends must be finite: [%s, %s]".formatted(min, max));
        }
        if (min > max) {
            throw new IllegalArgumentException("Min greater than max: %s > %s".formatted(min, max));
        }
    }

    /** Whether {@code v} lies in the interval, ends included. */
    public boolean contains(double v) {
        return v >= min && v <= max;
    }

    @Override
    public String toString() {
        return "[%s, %s]".formatted(min, max);
    }
}
