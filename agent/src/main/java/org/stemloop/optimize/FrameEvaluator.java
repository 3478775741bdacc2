package org.stemloop.optimize;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.stemloop.detect.Blob;
import org.stemloop.detect.LogBlobDetector;
import org.stemloop.detect.LogParams;
import org.stemloop.detect.ScaleSpace;
import org.stemloop.image.Frame;
import org.stemloop.image.Frames;
import org.stemloop.reward.AtomPositions;
import org.stemloop.reward.RewardContext;
import org.stemloop.reward.Rewards;

/**
 * Evaluates candidates of one frame: builds the LoG layer of every grid sigma once, then each
 * candidate only selects its layers, finds peaks and prunes (the cheap part), and scores the
 * atoms with the rewards. Results are cached by genes, so a candidate met twice costs nothing.
 *
 * <p>The frame is min-max scaled to [0, 1] first, so thresholds mean the same on every frame.
 *
 * @apiNote Cost: building the stack is {@code 4 (4 sigma + 1.5)} multiply-adds per pixel per
 *          grid sigma (parallel over scales); each new candidate costs one peak search over its
 *          layers plus pruning, ~1-5 ms at 256². Memory: one {@code double} per pixel and grid
 *          sigma. Thread-safe: candidates may be evaluated concurrently.
 */
final class FrameEvaluator {

    private final ParameterSpace space;
    private final ScaleSpace stack;
    private final PeakIndex peaks;
    private final Rewards rewards;
    private final RewardContext context;
    private final ScoredArea area;
    private final Map<String, Candidate> cache = new ConcurrentHashMap<>();
    private final Map<String, Candidate> exactCache = new ConcurrentHashMap<>();
    private final AtomicInteger detections = new AtomicInteger();

    FrameEvaluator(Frame frame, ParameterSpace space, Rewards rewards, RewardContext context) {
        this(frame, space, rewards, context, ScoredArea.whole(frame.height(), frame.width()));
    }

    /** The evaluator of a frame whose atoms count only inside {@code area} (a window in a padded crop). */
    FrameEvaluator(Frame frame, ParameterSpace space, Rewards rewards, RewardContext context, ScoredArea area) {
        this.area = Objects.requireNonNull(area, "area");
        this.space = Objects.requireNonNull(space, "space");
        this.rewards = Objects.requireNonNull(rewards, "rewards");
        this.context = Objects.requireNonNull(context, "context");
        this.stack = ScaleSpace.build(unitRange(frame), space.sigmaGrid());
        this.peaks = new PeakIndex(stack);
    }

    /** The frame scaled to [0, 1] (a constant frame becomes all zeros), as a float64 frame. */
    static Frame unitRange(Frame frame) {
        return Frames.unitRange(frame);
    }

    ParameterSpace space() {
        return space;
    }

    /** The candidate of these genes, scored with the fast path ({@link PeakIndex}), computed once. */
    Candidate evaluate(int[] genes) {
        Candidate c = cache.get(key(genes));
        if (c != null) {
            return c;
        }
        LogParams p = space.decode(genes);
        double[][] blobs = peaks.detect(space.layers(genes), p.threshold(), p.overlap());
        AtomPositions inside = area.inside(blobs);
        double[] r = rewards.evaluate(inside, context);
        Candidate fresh = new Candidate(genes, p, r, inside.size());
        Candidate prior = cache.putIfAbsent(fresh.key(), fresh);
        return prior != null ? prior : fresh;
    }

    /** The candidate scored with the exact detector ({@link #detect(int[])}), computed once. */
    Candidate exact(Candidate c) {
        return exactCache.computeIfAbsent(c.key(), k -> {
            List<Blob> blobs = detect(c.genes());
            AtomPositions inside = area.inside(blobs);
            return new Candidate(c.genes(), c.params(), rewards.evaluate(inside, context), inside.size());
        });
    }

    /**
     * The front of everything evaluated, its options re-scored exactly: the fast path's pruning
     * order may differ from blob_log's (see {@link PeakIndex}), the reported numbers may not.
     */
    ParetoFront exactFront() {
        // twice the options: a tie on the fast path may not survive exact scoring
        ParetoFront fast = ParetoFront.of(rewards.names(), evaluated(), 2 * ParetoFront.DEFAULT_MIN_OPTIONS);
        return ParetoFront.of(rewards.names(), fast.options().parallelStream().map(this::exact).toList());
    }

    /** The blobs of a candidate, exactly as blob_log on its snapped scales (not cached). */
    List<Blob> detect(int[] genes) {
        detections.incrementAndGet();
        return LogBlobDetector.detect(stack.select(space.layers(genes)), space.decode(genes));
    }

    /** The rewards of any atoms of this frame (say, merged from windows), scored as a candidate's. */
    double[] score(List<Blob> atoms) {
        return rewards.evaluate(area.inside(atoms), context);
    }

    /** Every candidate evaluated so far. */
    List<Candidate> evaluated() {
        return List.copyOf(cache.values());
    }

    /** Distinct candidates evaluated so far. */
    int evaluations() {
        return cache.size();
    }

    /** LoG layers built for this frame. */
    int layers() {
        return stack.numScales();
    }

    private static String key(int[] genes) {
        return java.util.Arrays.toString(genes);
    }
}
