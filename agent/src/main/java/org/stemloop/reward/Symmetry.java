package org.stemloop.reward;

/** The 2-D lattice type an image's power spectrum shows, from its two shortest reciprocal vectors. */
public enum Symmetry {
    /** Two first-order peak directions of equal length at 60°: graphene, close-packed planes. */
    HEXAGONAL,
    /** Two equal first-order directions at 90°: perovskites along [001]. */
    SQUARE,
    /** Two unequal directions at 90°. */
    RECTANGULAR,
    /** Anything else: the density still follows from the cell area. */
    OBLIQUE
}
