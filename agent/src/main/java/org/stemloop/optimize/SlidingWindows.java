package org.stemloop.optimize;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.stemloop.detect.Blob;
import org.stemloop.image.Frame;
import org.stemloop.reward.RewardContext;
import org.stemloop.reward.Rewards;

/**
 * LoG* on sliding windows (Barakati et al. 2024): the search runs on each {@code W x W} window
 * (stride 20% of W, the last window flush with the frame's edge), which gives the parameter map,
 * what each part of the frame prefers. Each window is searched on a crop padded by one spacing of
 * real pixels, its atoms alone counted ({@link ScoredArea}), so atoms cut by the window's edge do
 * not bias its count. The windows' recommended parameters and their consensus
 * (the per-gene median, so it stays on the space's grid) are then each applied to the whole frame
 * and scored there; the whole-frame front of those and its knee give the consensus atoms (one
 * parameter set for the whole frame). Alongside, each window's own choice detects the atoms of
 * its cell, the part of the frame nearest its centre, and the cells are merged into one list
 * ({@link PerWindowDetection}): per-window parameters, each atom once.
 *
 * @apiNote Cost: one full search per window (windows overlap by 80%, so a 512² frame with
 *          W = 256 has 6 x 6 = 36 windows) plus one stack of the whole frame; it buys a map of
 *          local preferences, not speed.
 */
public final class SlidingWindows {

    /** The reward context of a frame or window of a given size (expected atoms scale with area). */
    @FunctionalInterface
    public interface Contexts {
        RewardContext of(int height, int width);
    }

    private SlidingWindows() {
    }

    /**
     * Origins along one axis: 0, stride, 2 stride, ..., and {@code size - window} last (which
     * replaces the one before it when they are less than half a stride apart).
     */
    static int[] origins(int size, int window) {
        if (window >= size) {
            return new int[] {0};
        }
        int stride = Math.max(1, (int) Math.round(0.2 * window));
        List<Integer> o = new ArrayList<>();
        for (int x = 0; x + window < size; x += stride) {
            o.add(x);
        }
        // the last window sits flush with the edge; one less than half a stride past the previous
        // would only repeat it, so it replaces that one
        if (size - window - o.get(o.size() - 1) < stride / 2.0 && o.size() > 1) {
            o.remove(o.size() - 1);
        }
        o.add(size - window);
        return o.stream().mapToInt(Integer::intValue).distinct().toArray();
    }

    /**
     * Optimises every window, then applies their choices to the whole frame, both as one set
     * (the front of the choices and their consensus) and window by window in their cells.
     *
     * @param window   window side in pixels; at least the frame's size means one window
     * @param listener told after each generation of each window's search
     */
    public static WindowedResult run(Frame frame, int window, Contexts contexts, Rewards rewards,
            SearchSettings settings, SearchListener listener) {
        if (window < 16) {
            throw new IllegalArgumentException("Window must be at least 16 pixels: " + window);
        }
        RewardContext whole = contexts.of(frame.height(), frame.width());
        ParameterSpace space = ParameterSpace.forSpacing(whole.nearestNeighbourPx());
        int wh = Math.min(window, frame.height());
        int ww = Math.min(window, frame.width());
        RewardContext local = contexts.of(wh, ww);
        List<WindowChoice> choices = new ArrayList<>();
        int pad = (int) Math.ceil(whole.nearestNeighbourPx());
        long start = System.nanoTime();
        for (int r : origins(frame.height(), wh)) {
            for (int c : origins(frame.width(), ww)) {
                // the window plus real pixels around it (see ScoredArea); its atoms alone are counted
                int r0 = Math.max(0, r - pad);
                int c0 = Math.max(0, c - pad);
                int r1 = Math.min(frame.height(), r + wh + pad);
                int c1 = Math.min(frame.width(), c + ww + pad);
                SearchResult res = LogStarSearch.run(crop(frame, r0, c0, r1 - r0, c1 - c0),
                        new ScoredArea(r - r0, c - c0, wh, ww), local, space, rewards, settings, listener);
                choices.add(new WindowChoice(r, c, wh, ww, res.front().recommended()));
            }
        }
        long windowsDone = System.nanoTime();
        int[] consensus = medianGenes(choices);
        FrameEvaluator evaluator = new FrameEvaluator(frame, space, rewards, whole);
        long stackDone = System.nanoTime();
        Map<String, int[]> candidates = new LinkedHashMap<>();
        candidates.put(Arrays.toString(consensus), consensus);
        for (WindowChoice w : choices) {
            candidates.putIfAbsent(Arrays.toString(w.choice().genes()), w.choice().genes());
        }
        candidates.values().forEach(evaluator::evaluate);
        ParetoFront front = evaluator.exactFront();
        long frontDone = System.nanoTime();
        SearchResult wholeFrame = new SearchResult(front, evaluator, (stackDone - windowsDone) / 1_000_000,
                (frontDone - stackDone) / 1_000_000);
        WindowedResult.PerWindow perWindow = perWindow(frame, window, choices, space, whole, evaluator);
        return new WindowedResult(choices, evaluator.exact(evaluator.evaluate(consensus)), wholeFrame, perWindow,
                (windowsDone - start) / 1_000_000, (frontDone - windowsDone) / 1_000_000);
    }

    /** Each window's choice detects in its own cell; the cells' atoms merged and scored on the whole frame. */
    private static WindowedResult.PerWindow perWindow(Frame frame, int window, List<WindowChoice> choices,
            ParameterSpace space, RewardContext whole, FrameEvaluator evaluator) {
        long t0 = System.nanoTime();
        WindowCells cells = WindowCells.of(frame.height(), frame.width(), window);
        List<Blob> atoms = PerWindowDetection.detect(FrameEvaluator.unitRange(frame), cells,
                choices.stream().map(c -> c.choice().genes()).toList(), space, whole.nearestNeighbourPx());
        long ms = (System.nanoTime() - t0) / 1_000_000;
        Integer[] owned = new Integer[choices.size()];
        Arrays.fill(owned, 0);
        for (Blob b : atoms) {
            owned[cells.rowCell(b.row()) * cells.cols() + cells.colCell(b.col())]++;
        }
        return new WindowedResult.PerWindow(atoms, Arrays.asList(owned), evaluator.score(atoms), ms);
    }

    static int[] medianGenes(List<WindowChoice> choices) {
        int n = choices.get(0).choice().genes().length;
        int[] median = new int[n];
        for (int i = 0; i < n; i++) {
            int gene = i;
            int[] values = choices.stream().mapToInt(w -> w.choice().genes()[gene]).sorted().toArray();
            median[i] = values[(values.length - 1) / 2];
        }
        return median;
    }

    static Frame crop(Frame frame, int row, int col, int h, int w) {
        double[] all = frame.pixels();
        double[] out = new double[h * w];
        for (int y = 0; y < h; y++) {
            System.arraycopy(all, (row + y) * frame.width() + col, out, y * w, w);
        }
        return Frame.of(h, w, out);
    }
}
