package org.stemloop.reward;

import static org.stemloop.reward.LatticeParameters.requireAtoms;
import static org.stemloop.reward.LatticeParameters.requireLength;

/**
 * A custom hexagonal (triangular) lattice of parameter {@code a} with {@code atomsPerCell} atoms per
 * cell, e.g. a close-packed metal along [111].
 *
 * <p>Where the atoms sit inside the cell is not given, so the neighbour distances assume they spread
 * as evenly as possible: like a one-atom triangular lattice of the same density, of parameter
 * {@code a / sqrt(atomsPerCell)}. For a honeycomb (2 atoms, 3 neighbours at a/sqrt(3)) use
 * {@link Honeycomb} instead.
 *
 * @param a            lattice parameter, unit of length
 * @param atomsPerCell atoms (visible columns) per cell, at least 1
 */
public record HexagonalLattice(double a, int atomsPerCell) implements Lattice {

    public HexagonalLattice {
        requireLength("parameter a", a);
        requireAtoms(atomsPerCell);
    }

    @Override
    public String name() {
        return "hexagonal a=%.4g, %d per cell".formatted(a, atomsPerCell);
    }

    @Override
    public double cellArea() {
        return a * a * Math.sqrt(3) / 2;
    }

    @Override
    public double nearestNeighbour() {
        return a / Math.sqrt(atomsPerCell);
    }

    @Override
    public double threeNeighbourSum() {
        // 6 neighbours at the same distance on a triangular lattice
        return 3 * nearestNeighbour();
    }
}
