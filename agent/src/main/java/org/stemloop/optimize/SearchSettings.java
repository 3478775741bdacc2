package org.stemloop.optimize;

/**
 * How long the LoG* genetic search runs, and its seed.
 *
 * @param populationSize candidates per generation (≥ 4); more explores more per generation
 * @param generations    generations after the first (≥ 0); the evaluated candidates grow about
 *                       linearly with it, minus repeats, which cost nothing
 * @param seed           seed of every random choice: the same seed and frame give the same front
 */
public record SearchSettings(int populationSize, int generations, long seed) {

    /** 30 x 12: about 200 distinct candidates (then ~150 more in the local search); see docs/optimize.md. */
    public static final SearchSettings DEFAULT = new SearchSettings(30, 12, 1);

    public SearchSettings {
        if (populationSize < 4 || populationSize > 10_000) {
            throw new IllegalArgumentException("Population size must be in [4, 10000]: " + populationSize);
        }
        if (generations < 0 || generations > 10_000) {
            throw new IllegalArgumentException("Generations must be in [0, 10000]: " + generations);
        }
    }

    public SearchSettings withSeed(long s) {
        return new SearchSettings(populationSize, generations, s);
    }

    public SearchSettings withGenerations(int g) {
        return new SearchSettings(populationSize, g, seed);
    }
}
