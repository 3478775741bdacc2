package org.stemloop.image;

/**
 * How frame values become display gray levels: a linear map of [low, high] onto [0, 1], values
 * outside clipped, NaN shown as black. The range is the frame's min-max, or percentiles of its finite
 * values when a few hot or dead pixels would otherwise wash out the contrast.
 *
 * @param low value shown black
 * @param high value shown white (equal to {@code low} for a constant frame, shown black)
 */
record DisplayScaling(double low, double high) {

    DisplayScaling {
        if (!(low <= high)) {
            throw new IllegalArgumentException("Low greater than high: %s > %s".formatted(low, high));
        }
    }

    /** Finite min and max (0, 0 when no pixel is finite). */
    static DisplayScaling minMax(Frame frame) {
        return percentiles(frame, 0, 100);
    }

    /**
     * The {@code lowPercent} and {@code highPercent} percentiles (0-100) of the finite values, by
     * sorting a copy: O(n log n), ~50 ms for 1024 x 1024.
     */
    static DisplayScaling percentiles(Frame frame, double lowPercent, double highPercent) {
        if (!(0 <= lowPercent && lowPercent <= highPercent && highPercent <= 100)) {
            throw new IllegalArgumentException("Percentiles must satisfy 0 <= low <= high <= 100: %s, %s"
                    .formatted(lowPercent, highPercent));
        }
        double[] finite = java.util.Arrays.stream(frame.pixels()).filter(Double::isFinite).toArray();
        if (finite.length == 0) {
            return new DisplayScaling(0, 0);
        }
        if (lowPercent == 0 && highPercent == 100) {
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (double v : finite) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
            return new DisplayScaling(min, max);
        }
        java.util.Arrays.sort(finite);
        return new DisplayScaling(at(finite, lowPercent), at(finite, highPercent));
    }

    /** Linear interpolation between ranks, numpy's default percentile method. */
    private static double at(double[] sorted, double percent) {
        double rank = percent / 100 * (sorted.length - 1);
        int below = (int) Math.floor(rank);
        int above = Math.min(below + 1, sorted.length - 1);
        return sorted[below] + (rank - below) * (sorted[above] - sorted[below]);
    }

    /** {@code value} mapped to [0, 1]. */
    double unit(double value) {
        if (Double.isNaN(value) || high == low) {
            return 0;
        }
        return Math.min(1, Math.max(0, (value - low) / (high - low)));
    }
}
