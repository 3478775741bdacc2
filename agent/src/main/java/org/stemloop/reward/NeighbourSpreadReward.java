package org.stemloop.reward;

/**
 * The spread of nearest-neighbour distances around the lattice's: the root mean square of
 * {@code min(|d_i - d| / d, 1)} over the atoms, where {@code d_i} is the distance from atom i to
 * its nearest other atom and {@code d} the ideal nearest-neighbour distance. 0 on an ideal lattice;
 * it grows with duplicates (d_i near 0), with atoms between the lattice sites and with gaps, and it
 * stays in [0, 1] because each term is capped at 1. Fewer than 2 atoms score 1.
 *
 * <p>Not one of the paper's rewards: an optional third objective for the search, which it sees
 * through the {@link Reward} interface like the others.
 *
 * @apiNote O(n) once the neighbour table of {@link AtomPositions} exists.
 */
public final class NeighbourSpreadReward implements Reward {

    /** The key in reports. */
    public static final String NAME = "nn_spread";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public double score(AtomPositions atoms, RewardContext context) {
        int n = atoms.size();
        if (n < 2) {
            return 1.0;
        }
        double ideal = context.nearestNeighbourPx();
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double deviation = Math.min(Math.abs(atoms.neighbourDistance(i, 0) - ideal) / ideal, 1.0);
            sum += deviation * deviation;
        }
        return Math.sqrt(sum / n);
    }
}
