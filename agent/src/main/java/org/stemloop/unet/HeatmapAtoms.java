package org.stemloop.unet;

import java.util.ArrayList;
import java.util.List;

/**
 * Heatmap to atom coordinates as AtomAI does it ({@code atomai.utils.find_com} and
 * {@code get_coordinates}): threshold, label the connected components of what is left (4-connected,
 * SciPy's default structure), take each component's centre of mass, drop those within
 * {@code edge} pixels of the border.
 *
 * <p>The centre of mass is of the thresholded (binary) component, as in AtomAI, not weighted by
 * the probabilities: a disk-shaped blob gives its centre either way, and the binary one does not
 * drift towards a neighbour's tail.
 *
 * @param threshold probability above which a pixel belongs to an atom; AtomAI uses 0.5. Lower
 *                  finds faint atoms at the cost of merging close ones
 * @param edge      atoms whose centre lies closer than this to the border, pixels, are dropped.
 *                  AtomAI uses 5 to skip cut-off atoms; stemloop's networks are trained on
 *                  masks that hold only atoms centred inside the frame, so 0 (keep all) is the
 *                  default and scores the atoms at the edge too
 * @param minArea   components smaller than this many pixels are noise, not atoms (default 2)
 */
public record HeatmapAtoms(double threshold, double edge, int minArea) {

    /** AtomAI's threshold, no edge exclusion, single pixels ignored. */
    public static final HeatmapAtoms DEFAULT = new HeatmapAtoms(0.5, 0, 2);
    /** AtomAI's edge exclusion in pixels. */
    public static final double ATOMAI_EDGE = 5;

    public HeatmapAtoms {
        if (!(threshold > 0 && threshold < 1)) {
            throw new IllegalArgumentException("Threshold must be in (0, 1): " + threshold);
        }
        if (!(edge >= 0 && Double.isFinite(edge))) {
            throw new IllegalArgumentException("Edge exclusion must be >= 0 pixels: " + edge);
        }
        if (minArea < 1) {
            throw new IllegalArgumentException("Minimum component area must be at least 1 pixel: " + minArea);
        }
    }

    public HeatmapAtoms withThreshold(double t) {
        return new HeatmapAtoms(t, edge, minArea);
    }

    public HeatmapAtoms withEdge(double pixels) {
        return new HeatmapAtoms(threshold, pixels, minArea);
    }

    /** The atoms of a single heatmap (variance 0). */
    public List<UnetAtom> find(Heatmap probability) {
        return find(probability, null);
    }

    /**
     * The atoms of {@code mean}, each with the mean of {@code variance} over its component.
     *
     * @param variance same size as {@code mean}, or null for a single model
     * @return atoms in raster order of their first pixel; empty when nothing passes the threshold
     */
    public List<UnetAtom> find(Heatmap mean, Heatmap variance) {
        int h = mean.height();
        int w = mean.width();
        if (variance != null && (variance.height() != h || variance.width() != w)) {
            throw new IllegalArgumentException("Variance map %d x %d does not match the mean's %d x %d".formatted(
                    variance.height(), variance.width(), h, w));
        }
        float[] p = mean.values();
        float[] v = variance == null ? null : variance.values();
        int[] label = new int[h * w];
        int[] stack = new int[h * w];
        List<UnetAtom> atoms = new ArrayList<>();
        int next = 0;
        for (int start = 0; start < p.length; start++) {
            if (label[start] != 0 || !(p[start] > threshold)) {
                continue;
            }
            // flood fill one component with an explicit stack: no recursion depth limit on big blobs
            next++;
            int top = 0;
            stack[top++] = start;
            label[start] = next;
            double sr = 0, sc = 0, sp = 0, sv = 0;
            int n = 0;
            while (top > 0) {
                int i = stack[--top];
                int r = i / w;
                int c = i % w;
                sr += r;
                sc += c;
                sp += p[i];
                sv += v == null ? 0 : v[i];
                n++;
                if (r > 0) top = push(p, label, stack, top, i - w, next);
                if (r < h - 1) top = push(p, label, stack, top, i + w, next);
                if (c > 0) top = push(p, label, stack, top, i - 1, next);
                if (c < w - 1) top = push(p, label, stack, top, i + 1, next);
            }
            double row = sr / n;
            double col = sc / n;
            if (n >= minArea && insideEdge(row, col, h, w)) {
                atoms.add(new UnetAtom(row, col, sp / n, sv / n, n));
            }
        }
        return List.copyOf(atoms);
    }

    private int push(float[] p, int[] label, int[] stack, int top, int j, int id) {
        if (label[j] == 0 && p[j] > threshold) {
            label[j] = id;
            stack[top++] = j;
        }
        return top;
    }

    private boolean insideEdge(double row, double col, int h, int w) {
        return edge == 0 || (row > edge && row < h - edge && col > edge && col < w - edge);
    }
}
