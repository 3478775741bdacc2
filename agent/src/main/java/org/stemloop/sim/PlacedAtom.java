package org.stemloop.sim;

/**
 * An atom the renderer draws: its centre in pixel coordinates (row down, col right, pixel
 * centres at integers) and what it is. Atoms just outside the frame are placed too, so that the
 * edges look like the rest of the lattice.
 */
record PlacedAtom(double row, double col, Species species) {

    /** Whether the centre lies inside a {@code height x width} frame, i.e. the atom belongs in the truth. */
    boolean insideFrame(int height, int width) {
        return row >= -0.5 && row < height - 0.5 && col >= -0.5 && col < width - 0.5;
    }

    PlacedAtom as(Species other) {
        return new PlacedAtom(row, col, other);
    }

    double distanceSquared(double r, double c) {
        double dr = row - r;
        double dc = col - c;
        return dr * dr + dc * dc;
    }
}
