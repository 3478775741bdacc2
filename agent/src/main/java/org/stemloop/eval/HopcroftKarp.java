package org.stemloop.eval;

import java.util.Arrays;

/**
 * Maximum-cardinality bipartite matching of predictions (left) to true atoms (right) on a
 * {@link RadiusGraph}: Hopcroft and Karp, "An n^{5/2} algorithm for maximum matchings in bipartite
 * graphs", SIAM J. Comput. 2(4), 1973, doi:10.1137/0202019.
 *
 * <p>The search starts from a greedy nearest-first matching (shortest pairs first), which is
 * usually already maximum or close to it, so the augmenting phases only repair the few places
 * where greedy choices blocked each other (chains). Augmenting paths walk each prediction's
 * neighbours nearest first. Together this prefers short pairs among maximum matchings; it does
 * not guarantee the minimum total distance (that would be a min-cost assignment, far dearer).
 *
 * <p>Depth-first search is iterative: an augmenting path along a chain of 10^5 atoms must not
 * overflow the thread stack.
 *
 * @apiNote Cost: O(E log E) for the greedy seed, then O(E sqrt V) worst case for the phases, with
 *          E the pairs within the radius and V the points.
 */
final class HopcroftKarp {

    private static final int UNMATCHED = -1;
    private static final int FAR = Integer.MAX_VALUE;

    private final RadiusGraph graph;
    private final int[] matchOfPrediction;
    private final int[] matchOfTruth;
    private final int[] layer;
    private final int[] nextEdge;
    private final int[] stack;

    private HopcroftKarp(RadiusGraph graph) {
        this.graph = graph;
        this.matchOfPrediction = new int[graph.predictions()];
        this.matchOfTruth = new int[graph.truths()];
        Arrays.fill(matchOfPrediction, UNMATCHED);
        Arrays.fill(matchOfTruth, UNMATCHED);
        this.layer = new int[graph.predictions()];
        this.nextEdge = new int[graph.predictions()];
        this.stack = new int[graph.predictions()];
    }

    /**
     * A maximum matching: element {@code u} is the true atom matched to prediction {@code u}, or
     * -1 when it stays unmatched.
     */
    static int[] match(RadiusGraph graph) {
        HopcroftKarp hk = new HopcroftKarp(graph);
        hk.seedGreedy();
        while (hk.buildLayers()) {
            for (int u = 0; u < graph.predictions(); u++) {
                if (hk.matchOfPrediction[u] == UNMATCHED) {
                    hk.augmentFrom(u);
                }
            }
        }
        return hk.matchOfPrediction;
    }

    /** Takes pairs shortest first while both ends are free. */
    private void seedGreedy() {
        int edges = graph.edges();
        int[] owner = new int[edges];
        Integer[] order = new Integer[edges];
        for (int u = 0; u < graph.predictions(); u++) {
            for (int e = graph.start(u); e < graph.start(u + 1); e++) {
                owner[e] = u;
            }
        }
        for (int e = 0; e < edges; e++) {
            order[e] = e;
        }
        // Stable sort: equal lengths keep prediction order, then each prediction's own order.
        Arrays.sort(order, (a, b) -> Double.compare(graph.distanceSquared(a), graph.distanceSquared(b)));
        for (int e : order) {
            int u = owner[e];
            int v = graph.neighbour(e);
            if (matchOfPrediction[u] == UNMATCHED && matchOfTruth[v] == UNMATCHED) {
                matchOfPrediction[u] = v;
                matchOfTruth[v] = u;
            }
        }
    }

    /**
     * Breadth-first layers from every free prediction along alternating paths; true when some
     * free true atom is reachable, i.e. when an augmenting path exists.
     */
    private boolean buildLayers() {
        int[] queue = stack;
        int head = 0;
        int tail = 0;
        for (int u = 0; u < graph.predictions(); u++) {
            if (matchOfPrediction[u] == UNMATCHED) {
                layer[u] = 0;
                queue[tail++] = u;
            } else {
                layer[u] = FAR;
            }
        }
        boolean reachable = false;
        while (head < tail) {
            int u = queue[head++];
            for (int e = graph.start(u); e < graph.start(u + 1); e++) {
                int w = matchOfTruth[graph.neighbour(e)];
                if (w == UNMATCHED) {
                    reachable = true;
                } else if (layer[w] == FAR) {
                    layer[w] = layer[u] + 1;
                    queue[tail++] = w;
                }
            }
        }
        for (int u = 0; u < graph.predictions(); u++) {
            nextEdge[u] = graph.start(u);
        }
        return reachable;
    }

    /** Depth-first search along the layers for one augmenting path from {@code root}; flips it. */
    private void augmentFrom(int root) {
        int top = 0;
        stack[0] = root;
        while (top >= 0) {
            int u = stack[top];
            if (nextEdge[u] == graph.start(u + 1)) {
                layer[u] = FAR; // dead end: no later search of this phase needs to come back
                top--;
                if (top >= 0) {
                    nextEdge[stack[top]]++;
                }
                continue;
            }
            int w = matchOfTruth[graph.neighbour(nextEdge[u])];
            if (w == UNMATCHED) {
                flip(top);
                return;
            }
            if (layer[w] == layer[u] + 1) {
                stack[++top] = w;
            } else {
                nextEdge[u]++;
            }
        }
    }

    /** Turns the path on the stack (each prediction to the truth its current edge points at) into pairs. */
    private void flip(int top) {
        for (int k = top; k >= 0; k--) {
            int u = stack[k];
            int v = graph.neighbour(nextEdge[u]);
            matchOfPrediction[u] = v;
            matchOfTruth[v] = u;
        }
    }
}
