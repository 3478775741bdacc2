package org.stemloop.sim;

/**
 * One true atom of a frame of an {@link EvolvingSample} series, with the identities a tracker should keep.
 *
 * @param site   the lattice site (or amorphous atom), the same number in every frame while the atom stays; a
 *               knocked-out atom's number never comes back
 * @param dopant the dopant's number when the atom is Si, kept when the dopant hops to a neighbouring site (its
 *               {@code site} changes, this does not); -1 for other atoms
 * @param row    pixels, in this frame (drift included)
 * @param col    pixels, in this frame
 * @param label  as {@link TrueAtom#label()}
 */
public record SeriesAtom(int site, int dopant, double row, double col, String label) {
}
