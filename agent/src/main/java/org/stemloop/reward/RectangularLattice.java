package org.stemloop.reward;

import static org.stemloop.reward.LatticeParameters.requireAtoms;
import static org.stemloop.reward.LatticeParameters.requireLength;

/**
 * A custom rectangular lattice of sides {@code a} and {@code b} with {@code atomsPerCell} atoms per
 * cell.
 *
 * <p>Where the atoms sit inside the cell is not given, so the neighour distances assume a one-atom
 * rectangular lattice of the same density and shape, with both sides divided by
 * {@code sqrt(atomsPerCell)}: short side s, long side l. Each atom then has 2 neighbours at s and
 * the third at {@code min(l, 2 s)}.
 *
 * @param a            first side, unit of length
 * @param b            second side, unit of length
 * @param atomsPerCell atoms (visible columns) per cell, at least 1
 */
public record RectangularLattice(double a, double b, int atomsPerCell) implements Lattice {

    public RectangularLattice {
        requireLength("parameter a", a);
        requireLength("parameter b", b);
        requireAtoms(atomsPerCell);
    }

    @Override
    public String name() {
        return "rectangular a=%.4g b=%.4g, %d per cell".formatted(a, b, atomsPerCell);
    }

    @Override
    public double cellArea() {
        return a * b;
    }

    @Override
    public double nearestNeighbour() {
        return Math.min(a, b) / Math.sqrt(atomsPerCell);
    }

    @Override
    public double threeNeighbourSum() {
        double s = nearestNeighbour();
        double l = Math.max(a, b) / Math.sqrt(atomsPerCell);
        return 2 * s + Math.min(l, 2 * s);
    }
}
