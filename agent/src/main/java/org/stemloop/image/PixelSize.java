package org.stemloop.image;

/**
 * The size of one pixel along each image axis, in ångström: {@code row} is the step between rows
 * (down the image), {@code column} the step between columns (across it). Either is {@code NaN} when
 * the file does not say, or says it in a unit that is not a length (reciprocal space, time).
 *
 * @param row ångström per row step, positive, or NaN
 * @param column ångström per column step, positive, or NaN
 */
public record PixelSize(double row, double column) {

    /** Relative difference under which two axes count as the same size (a float32 round trip is ~1e-7). */
    static final double SQUARE_TOLERANCE = 1e-5;

    /** Neither axis known. */
    public static final PixelSize UNKNOWN = new PixelSize(Double.NaN, Double.NaN);

    public PixelSize {
        check(row, "row");
        check(column, "column");
    }

    /** The same size on both axes, or {@link #UNKNOWN} for NaN. */
    public static PixelSize square(double angstrom) {
        return new PixelSize(angstrom, angstrom);
    }

    /** True when both axes are known. */
    public boolean known() {
        return !Double.isNaN(row) && !Double.isNaN(column);
    }

    /** True when both are known and agree within {@link #SQUARE_TOLERANCE}, or neither is known. */
    public boolean isSquare() {
        if (Double.isNaN(row) && Double.isNaN(column)) {
            return true;
        }
        return known() && Math.abs(row - column) <= SQUARE_TOLERANCE * Math.max(row, column);
    }

    /** The single size of square pixels (the row size), or NaN when unknown or not square. */
    public double squareSize() {
        return known() && isSquare() ? row : Double.NaN;
    }

    private static void check(double v, String axis) {
        if (!Double.isNaN(v) && !(v > 0 && Double.isFinite(v))) {
            throw new IllegalArgumentException("Pixel size along the %s axis must be positive and finite, or NaN: %s"
                    .formatted(axis, v));
        }
    }
}
