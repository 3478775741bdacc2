package org.stemloop.sim;

import java.util.Objects;

/**
 * One atom (column) of the ground truth, at its centre in pixel coordinates: the same convention
 * as the LoG detector's blobs, with pixel centres at integer coordinates, row down, col right.
 * Only atoms whose centre lies inside the frame ([-0.5, height - 0.5) x [-0.5, width - 0.5))
 * are in the truth.
 *
 * @param row   row of the centre, in pixels (sub-pixel)
 * @param col   column of the centre, in pixels (sub-pixel)
 * @param label what it is: "C", "Si", "Sr", "Ti-O" or "amorphous" (carbon of an amorphous patch)
 */
public record TrueAtom(double row, double col, String label) {

    public TrueAtom {
        if (!Double.isFinite(row) || !Double.isFinite(col)) {
            throw new IllegalArgumentException("Atom position must be finite: (%s, %s)".formatted(row, col));
        }
        Objects.requireNonNull(label, "label");
        if (label.isBlank()) {
            throw new IllegalArgumentException("Atom label must not be blank");
        }
    }
}
