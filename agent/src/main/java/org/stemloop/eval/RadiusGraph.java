package org.stemloop.eval;

import java.util.Arrays;
import java.util.List;

/**
 * The bipartite graph joining each prediction to every true atom within the match radius, in
 * compressed-row form; each prediction's neighbours are sorted nearest first (ties by index), so
 * any search that walks them in order tries short matches first.
 */
final class RadiusGraph {

    private final int predictions;
    private final int truths;
    private final int[] start;
    private final int[] neighbour;
    private final double[] distanceSquared;

    /**
     * @param predictions predicted positions, pixels (checked by the caller)
     * @param truth       true positions, pixels (checked by the caller)
     * @param radius      match radius, pixels (&gt; 0); a pair joins when its squared distance is
     *                    {@code <= radius^2}
     */
    RadiusGraph(List<Point> predictions, List<Point> truth, double radius) {
        this.predictions = predictions.size();
        this.truths = truth.size();
        PointGrid grid = new PointGrid(truth, radius);
        int[] starts = new int[this.predictions + 1];
        int[] nb = new int[Math.max(16, this.predictions)];
        double[] d2 = new double[nb.length];
        int edges = 0;
        for (int u = 0; u < this.predictions; u++) {
            Point p = predictions.get(u);
            int[] found = grid.indicesWithin(p, radius);
            Integer[] order = new Integer[found.length];
            double[] near = new double[found.length];
            for (int k = 0; k < found.length; k++) {
                order[k] = k;
                near[k] = p.distanceSquared(grid.point(found[k]));
            }
            Arrays.sort(order, (x, y) -> near[x] != near[y]
                    ? Double.compare(near[x], near[y]) : Integer.compare(found[x], found[y]));
            if (edges + found.length > nb.length) {
                int size = Math.max(2 * nb.length, edges + found.length);
                nb = Arrays.copyOf(nb, size);
                d2 = Arrays.copyOf(d2, size);
            }
            for (int k : order) {
                nb[edges] = found[k];
                d2[edges] = near[k];
                edges++;
            }
            starts[u + 1] = edges;
        }
        this.start = starts;
        this.neighbour = Arrays.copyOf(nb, edges);
        this.distanceSquared = Arrays.copyOf(d2, edges);
    }

    int predictions() {
        return predictions;
    }

    int truths() {
        return truths;
    }

    int edges() {
        return neighbour.length;
    }

    /** Index of the first edge of prediction {@code u}; its edges run to {@code start(u + 1)}. */
    int start(int u) {
        return start[u];
    }

    /** The true atom at the far end of edge {@code e}. */
    int neighbour(int e) {
        return neighbour[e];
    }

    /** Squared length of edge {@code e}, pixels squared. */
    double distanceSquared(int e) {
        return distanceSquared[e];
    }
}
