package org.stemloop.reward;

/**
 * QC, the quantity reward of Barakati et al. (2024): {@code |N_found - N_expected| / N_expected}.
 * 0 when the detector finds as many atoms as the lattice puts in the frame; 1 when it finds none
 * (or twice too many).
 *
 * @apiNote O(1).
 */
public final class QuantityReward implements Reward {

    /** The key in reports. */
    public static final String NAME = "qc";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public double score(AtomPositions atoms, RewardContext context) {
        double expected = context.expectedCount();
        return Math.abs(atoms.size() - expected) / expected;
    }
}
