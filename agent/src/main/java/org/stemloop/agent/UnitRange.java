package org.stemloop.agent;

import org.stemloop.image.Frame;

/** A frame min-max scaled to [0, 1], as the LoG* search sees it, so thresholds mean the same on every frame. */
public final class UnitRange {

    private UnitRange() {
    }

    /**
     * The scaled frame (a constant frame becomes all zeros), with the pixel size kept.
     *
     * @throws IllegalArgumentException when a pixel is NaN or infinite
     */
    public static Frame of(Frame frame) {
        double[] range = frame.range();
        if (!Double.isFinite(range[0]) || !Double.isFinite(range[1])) {
            throw new IllegalArgumentException("Frame has non-finite pixels (NaN or infinite): range [%s, %s]"
                    .formatted(range[0], range[1]));
        }
        double[] p = frame.pixels();
        double span = range[1] - range[0];
        for (int i = 0; i < p.length; i++) {
            p[i] = span > 0 ? (p[i] - range[0]) / span : 0;
        }
        Frame scaled = Frame.of(frame.height(), frame.width(), p);
        return frame.pixelSizeAngstrom().isPresent() ? scaled.withPixelSize(frame.pixelSizeAngstrom().getAsDouble())
                : scaled;
    }
}
