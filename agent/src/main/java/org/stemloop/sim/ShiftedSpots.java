package org.stemloop.sim;

/**
 * Adds Gaussian spots to an image with every scan row shifted sideways: the spot of an atom at
 * (row, col) contributes {@code A exp(-((r - row)^2 + (c - col - s_r)^2) / (2 sigma^2))} to pixel
 * (r, c): the content of scan row r lands {@code s_r} pixels to the right. Separable per
 * row, so the cost is about (8 sigma + 1)^2 multiply-adds and three exponentials per row of each
 * spot.
 */
final class ShiftedSpots {

    /** Spots are cut off this many sigmas from their centre (less than 0.04% of a spot lies beyond). */
    static final double TRUNCATE = 4.0;

    private ShiftedSpots() {
    }

    /**
     * Adds the spots to {@code image} ({@code height x width}, row-major).
     *
     * @param rows       spot centres' rows in pixels
     * @param cols       spot centres' columns before any scan shift
     * @param amplitudes each spot's peak
     * @param shifts     the scan shift of frame row r at {@code shifts[r]}
     */
    static void add(double[] image, int height, int width, double[] rows, double[] cols, double[] amplitudes,
            double sigma, double[] shifts) {
        double reach = TRUNCATE * sigma;
        double inverse = 1 / (2 * sigma * sigma);
        double step = Math.exp(-2 * inverse);
        for (int i = 0; i < rows.length; i++) {
            int r0 = Math.max(0, (int) Math.ceil(rows[i] - reach));
            int r1 = Math.min(height - 1, (int) Math.floor(rows[i] + reach));
            for (int r = r0; r <= r1; r++) {
                double centre = cols[i] + shifts[r];
                int c0 = Math.max(0, (int) Math.ceil(centre - reach));
                int c1 = Math.min(width - 1, (int) Math.floor(centre + reach));
                double dr = r - rows[i];
                double rowWeight = amplitudes[i] * Math.exp(-dr * dr * inverse);
                int base = r * width;
                // exp(-(d + 1)^2 k) = exp(-d^2 k) exp(-(2d + 1) k): two products a pixel instead of an exp.
                double d = c0 - centre;
                double g = rowWeight * Math.exp(-d * d * inverse);
                double ratio = Math.exp(-(2 * d + 1) * inverse);
                for (int c = c0; c <= c1; c++) {
                    image[base + c] += g;
                    g *= ratio;
                    ratio *= step;
                }
            }
        }
    }
}
