package org.stemloop.optimize;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.stemloop.image.Frame;
import org.stemloop.reward.RewardContext;
import org.stemloop.reward.Rewards;

/**
 * The dense reference for LoG*: every combination of evenly spaced values of each gene of a
 * {@link ParameterSpace}, its front computed like the genetic search's. It answers "how much of
 * the best achievable hypervolume did the search find?" and is far too slow for routine use.
 *
 * @apiNote Cost: the product of the steps in candidates (e.g. 8 x 8 x 20 x 5 = 6,400, about
 *          15 s for a 256² frame on 2 cores), plus the same LoG stack as the search.
 */
public final class GridSearch {

    private GridSearch() {
    }

    /**
     * Evaluates the grid and returns its front.
     *
     * @param steps values per gene (min_sigma, max_sigma, threshold, overlap), each ≥ 1; a gene
     *              with fewer grid values than asked uses them all
     */
    public static SearchResult run(Frame frame, RewardContext context, ParameterSpace space, Rewards rewards,
            int[] steps) {
        if (steps.length != 4) {
            throw new IllegalArgumentException("Grid search needs steps for 4 genes, not " + steps.length);
        }
        long start = System.nanoTime();
        FrameEvaluator evaluator = new FrameEvaluator(frame, space, rewards, context);
        long stackDone = System.nanoTime();
        int[] max = space.genes();
        int[][] values = new int[4][];
        for (int i = 0; i < 4; i++) {
            values[i] = evenlySpaced(max[i], steps[i]);
        }
        List<int[]> all = new ArrayList<>();
        for (int a : values[0]) {
            for (int b : values[1]) {
                for (int t : values[2]) {
                    for (int o : values[3]) {
                        all.add(new int[] {a, b, t, o});
                    }
                }
            }
        }
        IntStream.range(0, all.size()).parallel().forEach(i -> evaluator.evaluate(all.get(i)));
        ParetoFront front = evaluator.exactFront();
        return new SearchResult(front, evaluator, (stackDone - start) / 1_000_000,
                (System.nanoTime() - stackDone) / 1_000_000);
    }

    /** {@code n} integers spread evenly over [0, max], both ends included, distinct. */
    static int[] evenlySpaced(int max, int n) {
        if (n < 1) {
            throw new IllegalArgumentException("Grid steps must be at least 1: " + n);
        }
        if (n == 1) {
            return new int[] {max / 2};
        }
        return IntStream.range(0, n).map(i -> (int) Math.round((double) max * i / (n - 1))).distinct().toArray();
    }
}
