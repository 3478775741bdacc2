package org.stemloop.bench;

import java.util.Locale;

/**
 * One sample of a soak run: the process's memory and the latency of the frames answered during the
 * interval that ends at {@code seconds}.
 *
 * @param seconds  time since the run started
 * @param sent     frames published so far
 * @param answered frames answered so far
 * @param memory   the process's memory now
 * @param load     the machine's one-minute load average now (other processes slow the agent down too)
 * @param latency  the interval's frame latencies (frame seen on the broker to detections seen), or
 *                 {@code null} when no frame was answered in the interval
 */
public record SoakSample(double seconds, long sent, long answered, ProcessMemory memory, double load,
                         LatencyStats latency) {

    /** The CSV header matching {@link #csv()}. */
    public static final String CSV_HEADER = "t_s,frames_sent,frames_answered,backlog,heap_used_mb,heap_after_gc_mb,"
            + "rss_mb,load_1m,interval_frames,p50_ms,p90_ms,p99_ms,max_ms";

    /** Frames published but not answered yet. */
    public long backlog() {
        return sent - answered;
    }

    /** One CSV line; latency columns empty when the interval answered nothing. */
    public String csv() {
        String lat = latency == null ? "0,,,,"
                : String.format(Locale.ROOT, "%d,%.1f,%.1f,%.1f,%.1f", latency.frames(), latency.p50Ms(),
                        latency.p90Ms(), latency.p99Ms(), latency.maxMs());
        return String.format(Locale.ROOT, "%.1f,%d,%d,%d,%.1f,%.1f,%.1f,%.2f,%s", seconds, sent, answered, backlog(),
                memory.heapUsedMb(), memory.heapAfterGcMb(), memory.rssMb(), load, lat);
    }

    /** The progress line a soak run prints on stderr. */
    public String progress() {
        String lat = latency == null ? "no frame answered"
                : String.format(Locale.ROOT, "p50 %.0f ms, p99 %.0f ms", latency.p50Ms(), latency.p99Ms());
        return String.format(Locale.ROOT, "bench soak: %6.0f s  %d sent, %d answered (backlog %d)  heap %.0f MiB "
                + "(after GC %.0f)  RSS %.0f MiB  load %.1f  %s", seconds, sent, answered, backlog(), memory.heapUsedMb(),
                memory.heapAfterGcMb(), memory.rssMb(), load, lat);
    }
}
