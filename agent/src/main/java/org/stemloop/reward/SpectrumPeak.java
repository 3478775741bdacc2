package org.stemloop.reward;

/**
 * One peak of a power spectrum: its reciprocal vector, refined to a fraction of a bin, in cycles per
 * {@code n} pixels (n the transform size), and how far it rises above its ring's background.
 *
 * @param kx     horizontal frequency (along columns), bins
 * @param ky     vertical frequency (along rows), bins
 * @param excess peak power over the geometric mean power of its ring (1 = background)
 */
record SpectrumPeak(double kx, double ky, double excess) {

    /** Length of the reciprocal vector, bins. */
    double length() {
        return Math.hypot(kx, ky);
    }

    /** Direction of the vector in the spectrum, degrees from the column axis towards the rows, in [0, 180). */
    double degrees() {
        double d = Math.toDegrees(Math.atan2(ky, kx));
        return d < 0 ? d + 180 : d;
    }

    /** Acute angle between the lines of this vector and another, degrees in [0, 90]. */
    double angleTo(SpectrumPeak other) {
        double cos = Math.abs(kx * other.kx + ky * other.ky) / (length() * other.length());
        return Math.toDegrees(Math.acos(Math.min(1, cos)));
    }
}
