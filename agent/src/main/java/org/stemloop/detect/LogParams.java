package org.stemloop.detect;

/**
 * Parameters of the Laplacian-of-Gaussian blob detector, with the meaning and defaults of
 * scikit-image's {@code skimage.feature.blob_log}.
 *
 * @param minSigma      smallest Gaussian scale in pixels (> 0). Set it a little below the
 *                      sigma of the smallest atom image you want: an atom imaged as a Gaussian
 *                      spot of standard deviation s answers most strongly at sigma ≈ s.
 *                      May exceed {@code maxSigma}: the scales are then visited in descending order.
 * @param maxSigma      largest scale in pixels (> 0); keep it below half the nearest-neighbour
 *                      distance or neighbouring atoms merge into one blob.
 * @param numSigma      number of scales between the two (≥ 1); 10 is the paper's choice.
 * @param threshold     absolute lower bound for a maximum of the scale-normalised LoG
 *                      ({@code -sigma² ∇²G * image}); with images in [0, 1], 0.05–0.3 is typical.
 *                      Lower finds fainter atoms and more noise. {@code NaN}: no absolute
 *                      bound (scikit-image's {@code threshold=None}: the minimum of the stack).
 * @param thresholdRel  lower bound as a fraction of the stack's maximum, or {@code NaN} for none;
 *                      when both are given the larger bound applies.
 * @param overlap       in [0, 1]: when two blobs overlap by more than this fraction of the
 *                      smaller one's area, the smaller one is dropped. 1 keeps everything.
 * @param logScale      space the scales logarithmically instead of linearly.
 * @param excludeBorder width in pixels of a frame border in which no blob is reported (≥ 0).
 */
public record LogParams(double minSigma, double maxSigma, int numSigma, double threshold, double thresholdRel,
                        double overlap, boolean logScale, int excludeBorder) {

    /** scikit-image's defaults: sigma 1–50, 10 scales, threshold 0.2, overlap 0.5. */
    public static final LogParams SKIMAGE_DEFAULTS = new LogParams(1, 50, 10, 0.2, Double.NaN, 0.5, false, 0);

    public LogParams {
        requirePositive("min_sigma", minSigma);
        requirePositive("max_sigma", maxSigma);
        if (numSigma < 1) {
            throw new IllegalArgumentException("num_sigma must be at least 1: " + numSigma);
        }
        if (numSigma > 1000) {
            throw new IllegalArgumentException("num_sigma above 1000 makes no sense for a blob detector: " + numSigma);
        }
        if (Double.isInfinite(threshold)) {
            throw new IllegalArgumentException("threshold must be finite (or NaN for none): " + threshold);
        }
        if (!Double.isNaN(thresholdRel) && !(thresholdRel >= 0 && thresholdRel <= 1)) {
            throw new IllegalArgumentException("threshold_rel must be in [0, 1] (or NaN for none): " + thresholdRel);
        }
        if (!(overlap >= 0 && overlap <= 1)) {
            throw new IllegalArgumentException("overlap must be in [0, 1]: " + overlap);
        }
        if (excludeBorder < 0) {
            throw new IllegalArgumentException("exclude_border must not be negative: " + excludeBorder);
        }
    }

    /** Linear scales from {@code minSigma} to {@code maxSigma}, other values as scikit-image's defaults. */
    public static LogParams of(double minSigma, double maxSigma, int numSigma, double threshold, double overlap) {
        return new LogParams(minSigma, maxSigma, numSigma, threshold, Double.NaN, overlap, false, 0);
    }

    public boolean hasThreshold() {
        return !Double.isNaN(threshold);
    }

    public boolean hasThresholdRel() {
        return !Double.isNaN(thresholdRel);
    }

    public LogParams withThreshold(double t) {
        return new LogParams(minSigma, maxSigma, numSigma, t, thresholdRel, overlap, logScale, excludeBorder);
    }

    public LogParams withThresholdRel(double r) {
        return new LogParams(minSigma, maxSigma, numSigma, threshold, r, overlap, logScale, excludeBorder);
    }

    public LogParams withOverlap(double o) {
        return new LogParams(minSigma, maxSigma, numSigma, threshold, thresholdRel, o, logScale, excludeBorder);
    }

    public LogParams withLogScale(boolean log) {
        return new LogParams(minSigma, maxSigma, numSigma, threshold, thresholdRel, overlap, log, excludeBorder);
    }

    public LogParams withExcludeBorder(int border) {
        return new LogParams(minSigma, maxSigma, numSigma, threshold, thresholdRel, overlap, logScale, border);
    }

    private static void requirePositive(String name, double v) {
        if (!(v > 0) || !Double.isFinite(v)) {
            throw new IllegalArgumentException(name + " must be positive and finite: " + v);
        }
        if (v > 1000) {
            throw new IllegalArgumentException(name + " above 1000 pixels makes no sense for a blob detector: " + v);
        }
    }
}
