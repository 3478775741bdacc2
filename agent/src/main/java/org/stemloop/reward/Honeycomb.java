package org.stemloop.reward;

import static org.stemloop.reward.LatticeParameters.requireLength;
import static org.stemloop.reward.LatticeParameters.requireName;

/**
 * A honeycomb lattice (graphene, hexagonal BN seen as one species): a hexagonal cell of parameter
 * {@code a} with 2 atoms, each atom with exactly 3 nearest neighbours at {@code a / sqrt(3)}.
 *
 * @param name for reports
 * @param a    lattice parameter (side of the hexagonal cell), unit of length; 2.46 Å for graphene
 */
public record Honeycomb(String name, double a) implements Lattice {

    public Honeycomb {
        requireName(name);
        requireLength("parameter a", a);
    }

    @Override
    public double cellArea() {
        return a * a * Math.sqrt(3) / 2;
    }

    @Override
    public int atomsPerCell() {
        return 2;
    }

    @Override
    public double nearestNeighbour() {
        return a / Math.sqrt(3);
    }

    @Override
    public double threeNeighbourSum() {
        return 3 * nearestNeighbour();
    }
}
