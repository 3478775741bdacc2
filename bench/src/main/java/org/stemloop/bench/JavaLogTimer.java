package org.stemloop.bench;

import java.util.List;
import java.util.Objects;
import org.stemloop.detect.Blob;
import org.stemloop.detect.LogBlobDetector;
import org.stemloop.detect.LogParams;
import org.stemloop.image.Frame;

/**
 * Times {@link LogBlobDetector#detect(Frame, LogParams)} in this process: a warm-up so that the JIT
 * has compiled the hot loops, then timed runs with {@link System#nanoTime()}.
 *
 * <p>The warm-up runs at least {@value #MIN_WARMUP} times and until {@value #WARMUP_MILLIS} ms have
 * passed (at most {@value #MAX_WARMUP} runs): a single run of a small frame is too short for the
 * JIT, a single run of a large one is long enough.
 */
public final class JavaLogTimer {

    static final int MIN_WARMUP = 3;
    static final int MAX_WARMUP = 50;
    static final long WARMUP_MILLIS = 500;

    private JavaLogTimer() {
    }

    /**
     * The blobs of the last run and the timing of {@code repeat} runs (at least 1).
     *
     * @apiNote Cost: (warm-up + {@code repeat}) detections of the frame.
     */
    public static Measured time(Frame frame, LogParams params, int repeat) {
        Objects.requireNonNull(frame, "frame");
        Objects.requireNonNull(params, "params");
        if (repeat < 1) {
            throw new IllegalArgumentException("repeat must be at least 1: " + repeat);
        }
        long warmupEnd = System.nanoTime() + WARMUP_MILLIS * 1_000_000;
        for (int i = 0; i < MAX_WARMUP && (i < MIN_WARMUP || System.nanoTime() < warmupEnd); i++) {
            LogBlobDetector.detect(frame, params);
        }
        double[] millis = new double[repeat];
        List<Blob> blobs = List.of();
        for (int i = 0; i < repeat; i++) {
            long t0 = System.nanoTime();
            blobs = LogBlobDetector.detect(frame, params);
            millis[i] = (System.nanoTime() - t0) / 1e6;
        }
        return new Measured(blobs, Timing.of(millis));
    }

    /** Threads the detector splits a frame over: one per available processor. */
    public static int threads() {
        return Runtime.getRuntime().availableProcessors();
    }

    /**
     * What one timed case gave.
     *
     * @param blobs  the blobs of the last timed run, as the detector orders them
     * @param timing the timing of the timed runs
     */
    public record Measured(List<Blob> blobs, Timing timing) {
        public Measured {
            blobs = List.copyOf(blobs);
            Objects.requireNonNull(timing, "timing");
        }
    }
}
