package org.stemloop.reward;

import static org.stemloop.reward.LatticeParameters.requireLength;
import static org.stemloop.reward.LatticeParameters.requireName;

/**
 * A square cell of side {@code a} with one column at the corners and one at the centre, as a
 * perovskite along [001] looks in HAADF (A-site columns at the corners, B–O columns at the centre).
 * Every column has 4 nearest neighbours at {@code a / sqrt(2)}.
 *
 * @param name for reports
 * @param a    side of the square cell, unit of length; 3.905 Å for SrTiO3
 */
public record CentredSquare(String name, double a) implements Lattice {

    public CentredSquare {
        requireName(name);
        requireLength("parameter a", a);
    }

    @Override
    public double cellArea() {
        return a * a;
    }

    @Override
    public int atomsPerCell() {
        return 2;
    }

    @Override
    public double nearestNeighbour() {
        return a / Math.sqrt(2);
    }

    @Override
    public double threeNeighbourSum() {
        return 3 * nearestNeighbour();
    }
}
