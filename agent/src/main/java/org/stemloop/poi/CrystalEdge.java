package org.stemloop.poi;

import org.stemloop.reward.CrystalMask;

/**
 * Where a frame's crystal mask ends, as {@link PoiFinder} asks it: whether a position is on the crystal, and whether
 * masked cells (a hole, an amorphous patch, contamination) lie within reach of it inside the frame. The frame's own
 * border is not an edge of the crystal: positions off the frame are never taken for masked ones.
 *
 * <p>The reach is the larger of 1.5 nearest-neighbour distances and one mask cell: the mask is a grid of cells, so
 * an atom at a hole's rim may sit up to a cell from the first masked cell. Cost: 24 lookups a position.
 */
final class CrystalEdge {

    private static final int DIRECTIONS = 12;

    private final CrystalMask mask;
    private final double reach;

    CrystalEdge(CrystalMask mask, double nearestNeighbour) {
        this.mask = mask;
        this.reach = Math.max(1.5 * nearestNeighbour, mask.cell());
    }

    /** Whether {@code (row, col)} is on the crystal (positions off the frame are not). */
    boolean onCrystal(double row, double col) {
        return mask.contains(row, col);
    }

    /** Whether a masked position inside the frame lies within the reach of {@code (row, col)}. */
    boolean nearMasked(double row, double col) {
        for (double f : new double[] {0.5, 1}) {
            for (int k = 0; k < DIRECTIONS; k++) {
                double angle = 2 * Math.PI * k / DIRECTIONS;
                double r = row + f * reach * Math.sin(angle);
                double c = col + f * reach * Math.cos(angle);
                boolean inFrame = r >= -0.5 && c >= -0.5 && r < mask.height() - 0.5 && c < mask.width() - 0.5;
                if (inFrame && !mask.contains(r, c)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The reach, pixels (for the points' reasons). */
    double reach() {
        return reach;
    }
}
