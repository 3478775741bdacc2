package org.stemloop.sim;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The sideways shift of every scan row of one frame ({@link ScanDistortion}), over the frame's
 * rows and a margin above and below it, so that the spots of atoms just outside the frame, and
 * the centroids of atoms near its edges, see the same scan as the rows inside.
 */
final class RowShifts {

    private final double[] shifts;
    private final int margin;
    private final int height;

    private RowShifts(double[] shifts, int margin, int height) {
        this.shifts = shifts;
        this.margin = margin;
        this.height = height;
    }

    /** The shifts of rows {@code -margin .. height + margin - 1}, jitter from {@code rng}. */
    static RowShifts of(ScanDistortion scan, int height, int margin, SplittableRandom rng) {
        double centre = (height - 1) / 2.0;
        double phase = 2 * Math.PI * rng.nextDouble();
        double[] s = new double[height + 2 * margin];
        for (int i = 0; i < s.length; i++) {
            int r = i - margin;
            double jitter = rng.nextGaussian();
            s[i] = scan.shearPixelsPerRow() * (r - centre)
                    + scan.rippleAmplitudePixels() * Math.sin(2 * Math.PI * r / scan.ripplePeriodRows() + phase)
                    + scan.jitterPixels() * jitter;
        }
        return new RowShifts(s, margin, height);
    }

    /** The shift of frame row r, for r in 0 .. height - 1, as an array indexed by r. */
    double[] frameRows() {
        return Arrays.copyOfRange(shifts, margin, margin + height);
    }

    /** The shift of row r; rows beyond the margin take the nearest stored one. */
    double at(int r) {
        return shifts[Math.max(0, Math.min(shifts.length - 1, r + margin))];
    }

    /**
     * How far the centroid of a spot centred on {@code row} moves sideways: the mean of the row
     * shifts weighted by the spot's intensity in each row. A Gaussian of sigma s and peak A puts
     * about A s sqrt(2 pi) into each row's column sum, times its row profile; core and tail add.
     */
    double centroid(double row, double coreSigma, double tailSigma, double tailPeak) {
        double[] sum = new double[2];
        accumulate(row, coreSigma, coreSigma, sum);
        if (tailPeak > 0) {
            accumulate(row, tailSigma, tailPeak * tailSigma, sum);
        }
        return sum[0] / sum[1];
    }

    private void accumulate(double row, double sigma, double weight, double[] sum) {
        double reach = ShiftedSpots.TRUNCATE * sigma;
        int r0 = (int) Math.ceil(row - reach);
        int r1 = (int) Math.floor(row + reach);
        for (int r = r0; r <= r1; r++) {
            double dr = r - row;
            double g = weight * Math.exp(-dr * dr / (2 * sigma * sigma));
            sum[0] += g * at(r);
            sum[1] += g;
        }
    }
}
