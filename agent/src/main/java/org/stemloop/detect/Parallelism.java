package org.stemloop.detect;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The worker threads of the compute core: one daemon thread per processor, shared by every
 * detector in the process (a frame's scales are split over them).
 */
final class Parallelism {

    /** The name of every worker thread starts with this (callers on a worker run inline, not on the pool). */
    static final String THREAD_PREFIX = "stemloop-log-";
    private static final int THREADS = Math.max(1, Runtime.getRuntime().availableProcessors());
    private static final ExecutorService POOL = Executors.newFixedThreadPool(THREADS, daemonThreads());

    private Parallelism() {
    }

    static ExecutorService shared() {
        return POOL;
    }

    static int threads() {
        return THREADS;
    }

    private static java.util.concurrent.ThreadFactory daemonThreads() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, THREAD_PREFIX + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
