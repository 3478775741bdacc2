package org.stemloop.bench;

import java.util.Arrays;

/**
 * Summary of a latency run: publish-to-detections percentiles and the sustained rate.
 *
 * @param frames         frames answered
 * @param lost           frames published but not answered in time
 * @param p50Ms          median latency, milliseconds
 * @param p90Ms          90th percentile
 * @param p99Ms          99th percentile
 * @param maxMs          slowest frame
 * @param meanMs         mean
 * @param framesPerSecond answered frames divided by the time from the first publish to the last answer
 */
public record LatencyStats(int frames, int lost, double p50Ms, double p90Ms, double p99Ms, double maxMs, double meanMs,
                           double framesPerSecond) {

    /**
     * The stats of {@code latenciesMs} (one per answered frame) over {@code spanMs} from the first
     * publish to the last answer.
     */
    public static LatencyStats of(double[] latenciesMs, int lost, double spanMs) {
        if (latenciesMs.length == 0) {
            throw new IllegalArgumentException("No frame was answered: no latency to report");
        }
        double[] s = latenciesMs.clone();
        Arrays.sort(s);
        double mean = Arrays.stream(s).average().orElseThrow();
        return new LatencyStats(s.length, lost, percentile(s, 50), percentile(s, 90), percentile(s, 99), s[s.length - 1],
                mean, spanMs > 0 ? s.length / (spanMs / 1000) : Double.NaN);
    }

    /** Nearest-rank percentile of sorted values: the smallest value with at least p % at or below it. */
    static double percentile(double[] sorted, double p) {
        int rank = (int) Math.ceil(p / 100 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
