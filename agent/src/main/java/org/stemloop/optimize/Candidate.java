package org.stemloop.optimize;

import java.util.Arrays;
import java.util.Objects;
import org.stemloop.detect.LogParams;

/**
 * One evaluated parameter set of the LoG* search.
 *
 * @param genes     the grid indices that encode it in its {@link ParameterSpace}
 * @param params    the {@code blob_log} parameters (scales snapped to the space's sigma grid)
 * @param rewards   the reward values, in the order of the search's rewards, all minimised
 * @param atomCount atoms (blobs) found
 */
public record Candidate(int[] genes, LogParams params, double[] rewards, int atomCount) {

    public Candidate {
        Objects.requireNonNull(params, "params");
        genes = genes.clone();
        rewards = rewards.clone();
        if (rewards.length == 0) {
            throw new IllegalArgumentException("A candidate needs at least one reward");
        }
        for (double r : rewards) {
            if (!Double.isFinite(r)) {
                throw new IllegalArgumentException("Rewards must be finite: " + Arrays.toString(rewards));
            }
        }
        if (atomCount < 0) {
            throw new IllegalArgumentException("Atom count must not be negative: " + atomCount);
        }
    }

    @Override
    public int[] genes() {
        return genes.clone();
    }

    @Override
    public double[] rewards() {
        return rewards.clone();
    }

    /** Reward {@code i}. */
    public double reward(int i) {
        return rewards[i];
    }

    /** Whether this candidate is at least as good in every reward and better in one (minimising). */
    public boolean dominates(Candidate other) {
        boolean better = false;
        for (int i = 0; i < rewards.length; i++) {
            if (rewards[i] > other.rewards[i]) {
                return false;
            }
            better |= rewards[i] < other.rewards[i];
        }
        return better;
    }

    /** A stable text key of the genes, for caches and deterministic ordering. */
    String key() {
        return Arrays.toString(genes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Candidate c && Arrays.equals(genes, c.genes) && params.equals(c.params)
                && Arrays.equals(rewards, c.rewards) && atomCount == c.atomCount;
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(genes), params, Arrays.hashCode(rewards), atomCount);
    }

    @Override
    public String toString() {
        return "Candidate%s %s rewards=%s atoms=%d".formatted(Arrays.toString(genes), params, Arrays.toString(rewards),
                atomCount);
    }
}
