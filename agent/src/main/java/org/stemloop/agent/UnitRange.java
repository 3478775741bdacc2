package org.stemloop.agent;

import org.stemloop.image.Frame;
import org.stemloop.image.Frames;

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
        return Frames.unitRange(frame);
    }
}
