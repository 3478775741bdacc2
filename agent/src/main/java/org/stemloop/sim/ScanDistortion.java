package org.stemloop.sim;

/**
 * How the scan misplaces rows: every scan row r is drawn shifted sideways by
 * {@code shear (r - centre) + ripple sin(2 pi r / period + phase) + jitter N(0, 1)} pixels, and
 * the slow-scan axis is stretched by {@code rowStretch} about the frame centre.
 *
 * <p>Where each comes from: sideways drift of the specimen during the slow scan shears the
 * lattice (a column of atoms leans); mains-frequency interference on the scan coils gives a
 * sinusoidal wobble with a period of some rows; fast-scan noise and flyback give each row its
 * own small offset (the "torn" columns of {@code srtio3_haadf_1024}); drift along the slow scan
 * stretches or compresses the frame vertically. Row shifts tear each spot across its rows, so the
 * truth of an atom is the centroid of its drawn spot (see {@link Simulator#realistic}).
 *
 * @param jitterPixels          standard deviation of each row's own random shift, 0 to 5 px
 * @param rippleAmplitudePixels amplitude of the sinusoidal wobble, 0 to 5 px
 * @param ripplePeriodRows      its period in rows, 2 to 10,000
 * @param shearPixelsPerRow     sideways drift per row, -0.1 to 0.1 (0.01 leans the lattice by
 *                              0.6 degrees, 5 px over 512 rows)
 * @param rowStretch            relative stretch of the slow-scan axis, -0.1 to 0.1
 */
public record ScanDistortion(double jitterPixels, double rippleAmplitudePixels, double ripplePeriodRows,
        double shearPixelsPerRow, double rowStretch) {

    /** A perfect scan. */
    public static final ScanDistortion NONE = new ScanDistortion(0, 0, 50, 0, 0);

    public ScanDistortion {
        Checks.range("Scan jitter (px)", jitterPixels, 0, 5);
        Checks.range("Scan ripple amplitude (px)", rippleAmplitudePixels, 0, 5);
        Checks.range("Scan ripple period (rows)", ripplePeriodRows, 2, 10_000);
        Checks.range("Drift shear (px per row)", shearPixelsPerRow, -0.1, 0.1);
        Checks.range("Row stretch", rowStretch, -0.1, 0.1);
    }

    /** The largest sideways shift any row of a {@code height}-row frame can get, with 5 sigma of jitter. */
    double maxShift(int height) {
        return Math.abs(shearPixelsPerRow) * height / 2.0 + rippleAmplitudePixels + 5 * jitterPixels;
    }
}
