package org.stemloop.reward;

/**
 * ER, the error reward of Barakati et al. (2024): the number of atoms whose summed distance to their
 * k = 3 nearest neighbours is below the lattice's crowding limit, over the expected number of atoms.
 * It punishes detections crowded too close: duplicates of one atom, noise blobs between atoms.
 *
 * <p>The limit is {@link Lattice#crowdingLimit()}: a duplicate at half the ideal nearest-neighbour
 * distance or closer makes both detections of the pair count. On an ideal lattice the score is 0.
 * A spurious detection halfway along a bond counts, and so does one in the hollow of a square
 * lattice (4 atoms at 0.71 bond lengths); one in the centre of a graphene hexagon (6 atoms at one
 * bond length) does not: ER is about crowding, QC about the count.
 * Atoms near the frame edge have fewer neighbours inside the frame, so their sums only get larger:
 * they never look crowded because of the edge and need no correction. Atoms with fewer than 3 other
 * atoms in the frame have an infinite sum and never count.
 *
 * @apiNote O(n) once the neighbour table of {@link AtomPositions} exists (about O(n k) to build).
 */
public final class CrowdingReward implements Reward {

    /** The key in reports. */
    public static final String NAME = "er";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public double score(AtomPositions atoms, RewardContext context) {
        return crowdedCount(atoms, context.crowdingLimitPx()) / context.expectedCount();
    }

    /** Atoms whose 3-neighbour distance sum is strictly below {@code limitPx}. */
    static int crowdedCount(AtomPositions atoms, double limitPx) {
        int crowded = 0;
        for (int i = 0; i < atoms.size(); i++) {
            if (atoms.neighbourSum(i) < limitPx) {
                crowded++;
            }
        }
        return crowded;
    }
}
