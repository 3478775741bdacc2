package org.stemloop.detect;

/**
 * One detected blob: its centre in pixels (row, col, at integer positions for the LoG detector)
 * and the standard deviation {@code sigma} of the Gaussian scale that found it. The blob's
 * radius is about {@code sqrt(2) * sigma} in 2-D.
 *
 * @param row   row of the centre, pixels from the top
 * @param col   column of the centre, pixels from the left
 * @param sigma scale of the detection, pixels (positive)
 */
public record Blob(double row, double col, double sigma) {

    public Blob {
        if (!Double.isFinite(row) || !Double.isFinite(col)) {
            throw new IllegalArgumentException("Blob position must be finite: (%s, %s)".formatted(row, col));
        }
        if (!(sigma > 0) || !Double.isFinite(sigma)) {
            throw new IllegalArgumentException("Blob sigma must be positive and finite: " + sigma);
        }
    }

    /** Radius of the blob in 2-D, {@code sqrt(2) * sigma} pixels. */
    public double radius() {
        return Math.sqrt(2) * sigma;
    }
}
