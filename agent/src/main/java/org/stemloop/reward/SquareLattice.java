package org.stemloop.reward;

import static org.stemloop.reward.LatticeParameters.requireAtoms;
import static org.stemloop.reward.LatticeParameters.requireLength;

/**
 * A custom square lattice of side {@code a} with {@code atomsPerCell} atoms per cell.
 *
 * <p>Where the atoms sit inside the cell is not given, so the neighbour distances assume they spread
 * as evenly as possible: like a one-atom square lattice of the same density, of side
 * {@code a / sqrt(atomsPerCell)}. That is exact for 1 atom and for 2 (the centred square).
 *
 * @param a            side of the cell, unit of length
 * @param atomsPerCell atoms (visible columns) per cell, at least 1
 */
public record SquareLattice(double a, int atomsPerCell) implements Lattice {

    public SquareLattice {
        requireLength("parameter a", a);
        requireAtoms(atomsPerCell);
    }

    @Override
    public String name() {
        return "square a=%.4g, %d per cell".formatted(a, atomsPerCell);
    }

    @Override
    public double cellArea() {
        return a * a;
    }

    @Override
    public double nearestNeighbour() {
        return a / Math.sqrt(atomsPerCell);
    }

    @Override
    public double threeNeighbourSum() {
        // 4 neighbours at the same distance on a square lattice
        return 3 * nearestNeighbour();
    }
}
