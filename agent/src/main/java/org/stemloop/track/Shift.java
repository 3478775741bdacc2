package org.stemloop.track;

/**
 * How far the content of one frame moved to reach the next: an atom at {@code (r, c)} in the first is at
 * {@code (r + row, c + col)} in the second.
 *
 * @param row  pixels, down
 * @param col  pixels, right
 * @param peak height of the phase-correlation peak, 0 (no agreement) to 1 (the same picture shifted); below
 *             ~0.05 the estimate is unreliable (the frames share little, or one is mostly noise)
 */
public record Shift(double row, double col, double peak) {

    /** No motion, full agreement: the first frame of a series. */
    public static final Shift NONE = new Shift(0, 0, 1);

    public Shift {
        if (!Double.isFinite(row) || !Double.isFinite(col)) {
            throw new IllegalArgumentException("Shift must be finite: (%s, %s)".formatted(row, col));
        }
    }

    /** This shift followed by {@code next}. */
    public Shift plus(Shift next) {
        return new Shift(row + next.row, col + next.col, Math.min(peak, next.peak));
    }

    /** Length, pixels. */
    public double length() {
        return Math.hypot(row, col);
    }
}
