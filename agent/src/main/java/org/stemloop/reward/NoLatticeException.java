package org.stemloop.reward;

/**
 * The power spectrum of a frame gives no lattice the rewards can trust, and says why: no peak above
 * the noise, only one direction of planes, or strong peaks at spacings no single lattice explains
 * (two phases, a moiré, a frame too small for its period). Thrown by
 * {@link LatticeEstimator#require(org.stemloop.image.Frame)}; an {@link IllegalArgumentException} so
 * that the command line reports it as bad input and the agent as a rejected frame.
 */
public final class NoLatticeException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public NoLatticeException(String reason) {
        super(reason);
    }
}
