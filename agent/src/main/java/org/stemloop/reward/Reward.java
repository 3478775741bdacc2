package org.stemloop.reward;

/**
 * One objective of the LoG* search, minimised: a score of a candidate's atom positions against the
 * lattice the frame should show. Implementations are stateless and thread-safe.
 *
 * <p>New objectives plug in here without touching the search; {@link Rewards} evaluates a list.
 */
public interface Reward {

    /** Short key used in reports and JSON, e.g. {@code "qc"}. */
    String name();

    /**
     * The score, finite and non-negative; 0 is ideal.
     *
     * @param atoms   the candidate's atom positions, pixels
     * @param context the frame's expected count and lattice distances, pixels
     */
    double score(AtomPositions atoms, RewardContext context);
}
