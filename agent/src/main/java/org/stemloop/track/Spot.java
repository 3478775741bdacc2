package org.stemloop.track;

/**
 * A detected position in one frame, pixels (row down, col right).
 *
 * @param row pixels
 * @param col pixels
 */
public record Spot(double row, double col) {

    public Spot {
        if (!Double.isFinite(row) || !Double.isFinite(col)) {
            throw new IllegalArgumentException("Spot position must be finite: (%s, %s)".formatted(row, col));
        }
    }
}
