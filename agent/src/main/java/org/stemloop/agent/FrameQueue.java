package org.stemloop.agent;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The agent's bounded hand-off between the broker and the analysis thread: frames wait here in arrival
 * order while the analysis thread is busy. {@link FramePolicy#EVERY} keeps them all up to the bound;
 * {@link FramePolicy#NEWEST} hands back the older waiting frames when a newer one arrives, for the caller to
 * record as skipped, so at most one frame ever waits.
 *
 * <p>Past its bound the queue keeps up to {@link #OVERFLOW} more frames before it refuses one. A broker that
 * honours the agent's Receive Maximum never sends past the bound; Mosquitto 2.0 does, when it resends a
 * session's in-flight messages after a reconnect and then sends its queue within a fresh window. A refused
 * delivery stays unacknowledged, and MQTT resends an unacknowledged message only on the next connection, so
 * each refusal costs a reconnect; a frame held here costs only its memory (about 1 MB of NPY at 512²).
 *
 * <p>Used from one thread (the frame verticle's event loop); {@link #depth()} may be read from any thread
 * (the metrics scrape).
 *
 * @param <T> what is queued (a frame message)
 */
final class FrameQueue<T> {

    /** Frames held past the bound before one is refused: Mosquitto's default in-flight window (20), twice over. */
    static final int OVERFLOW = 40;

    private final FramePolicy policy;
    private final int capacity;
    private final ArrayDeque<T> waiting = new ArrayDeque<>();
    private final AtomicInteger depth = new AtomicInteger();
    private final AtomicInteger highWater = new AtomicInteger();

    FrameQueue(FramePolicy policy, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("Queue capacity must be at least 1: " + capacity);
        }
        this.policy = policy;
        this.capacity = capacity;
    }

    /**
     * Adds a frame.
     *
     * @return the frames it makes obsolete, oldest first (with {@code newest}: every frame that was waiting;
     *         with {@code every}: none); the caller records each as skipped
     * @throws QueueFull with {@code every} when {@link #capacity()} plus {@link #OVERFLOW} frames already wait
     *                   (only a broker that ignores Receive Maximum can cause it); the frame is not added
     */
    List<T> offer(T frame) throws QueueFull {
        List<T> skipped = List.of();
        if (policy == FramePolicy.NEWEST && !waiting.isEmpty()) {
            skipped = new ArrayList<>(waiting);
            waiting.clear();
        } else if (waiting.size() >= capacity + OVERFLOW) {
            throw new QueueFull(waiting.size());
        }
        waiting.addLast(frame);
        changed();
        return skipped;
    }

    /** The oldest waiting frame, or {@code null} when none waits. */
    T poll() {
        T next = waiting.pollFirst();
        changed();
        return next;
    }

    boolean isEmpty() {
        return waiting.isEmpty();
    }

    /** Frames waiting now; safe from any thread. */
    int depth() {
        return depth.get();
    }

    /** The most frames that ever waited at once; safe from any thread. */
    int highWater() {
        return highWater.get();
    }

    int capacity() {
        return capacity;
    }

    private void changed() {
        depth.set(waiting.size());
        highWater.accumulateAndGet(waiting.size(), Math::max);
    }

    /** The queue is at its bound: the frame cannot be taken now. */
    static final class QueueFull extends Exception {
        QueueFull(int waiting) {
            super("the agent's frame queue is full (%d frames waiting); the frame stays unacknowledged and the "
                    .formatted(waiting) + "broker redelivers it after a reconnect");
        }
    }
}
