package org.stemloop.cluster;

import java.util.List;
import org.stemloop.detect.Blob;
import org.stemloop.image.Frame;

/**
 * Square patches of the frame centred on each atom, the feature vectors of the clustering
 * (Barakati et al. 2024, Figure 5): {@code (2 r + 1)²} pixels, row by row, from the frame
 * min-max scaled to [0, 1] so patches of different frames compare. Pixels beyond the frame repeat
 * the nearest edge pixel, so atoms at the border keep a patch of the same size.
 *
 * @apiNote Cost: O(atoms x (2 r + 1)²).
 */
public final class AtomPatches {

    private AtomPatches() {
    }

    /**
     * The patch of every atom, rows in atom order.
     *
     * @param radius half the patch side, pixels (≥ 1); about half the nearest-neighbour distance
     *               shows the atom and where its neighbours start
     */
    public static double[][] extract(Frame frame, List<Blob> atoms, int radius) {
        if (radius < 1 || radius > 64) {
            throw new IllegalArgumentException("Patch radius must be 1-64 pixels: " + radius);
        }
        double[] range = frame.range();
        double span = range[1] - range[0];
        double[] px = frame.pixels();
        int h = frame.height();
        int w = frame.width();
        int side = 2 * radius + 1;
        double[][] out = new double[atoms.size()][side * side];
        for (int a = 0; a < atoms.size(); a++) {
            int r0 = (int) Math.round(atoms.get(a).row());
            int c0 = (int) Math.round(atoms.get(a).col());
            for (int dr = -radius; dr <= radius; dr++) {
                int r = Math.max(0, Math.min(h - 1, r0 + dr));
                for (int dc = -radius; dc <= radius; dc++) {
                    int c = Math.max(0, Math.min(w - 1, c0 + dc));
                    double v = px[r * w + c];
                    out[a][(dr + radius) * side + dc + radius] = span > 0 ? (v - range[0]) / span : 0;
                }
            }
        }
        return out;
    }
}
