package org.stemloop.poi;

import org.stemloop.image.Frame;

/** What the points-of-interest measurements on realistic frames share. */
final class RealisticGraphene {

    private RealisticGraphene() {
    }

    /** The frame scaled to [0, 1] (counts to the units the finder's thresholds were set in), its pixel size kept. */
    static Frame scaled(Frame f) {
        double[] r = f.range();
        double[] p = f.pixels().clone();
        for (int i = 0; i < p.length; i++) {
            p[i] = (p[i] - r[0]) / (r[1] - r[0]);
        }
        return Frame.of(f.height(), f.width(), p).withPixelSize(f.pixelSizeAngstrom().orElse(Double.NaN));
    }
}
