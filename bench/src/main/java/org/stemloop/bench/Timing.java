package org.stemloop.bench;

import java.util.Arrays;

/**
 * Summary of repeated wall-clock timings of one benchmark case, in milliseconds.
 *
 * @param runs     number of timed runs (at least 1), warm-up excluded
 * @param minMs    fastest run: the best estimate of the cost on a quiet machine
 * @param medianMs middle run (mean of the two middle ones for an even count): the headline number
 * @param p90Ms    90th percentile by nearest rank: how bad a busy moment gets
 */
public record Timing(int runs, double minMs, double medianMs, double p90Ms) {

    public Timing {
        if (runs < 1) {
            throw new IllegalArgumentException("Timing needs at least one run: " + runs);
        }
        if (!(minMs >= 0 && minMs <= medianMs && medianMs <= p90Ms && Double.isFinite(p90Ms))) {
            throw new IllegalArgumentException("Timing must satisfy 0 <= min <= median <= p90: %s, %s, %s"
                    .formatted(minMs, medianMs, p90Ms));
        }
    }

    /** The summary of {@code millis}, one entry per timed run (not modified). */
    public static Timing of(double[] millis) {
        if (millis.length == 0) {
            throw new IllegalArgumentException("Timing needs at least one run: none given");
        }
        double[] sorted = millis.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        double p90 = sorted[(int) Math.ceil(0.9 * n) - 1];
        return new Timing(n, sorted[0], median, p90);
    }
}
