package org.stemloop.sim;

import java.util.SplittableRandom;

/**
 * One independent random stream per random choice of a simulation, all split from the seed in a
 * fixed order. Because each choice has its own stream, switching one option on (say shot noise
 * or dopants) leaves every other choice as it was for the same seed: the lattice of a seed is
 * the same at every noise level, which is what a noise sweep needs.
 */
record RandomStreams(SplittableRandom offset, SplittableRandom amorphous, SplittableRandom holes,
        SplittableRandom vacancies, SplittableRandom dopants, SplittableRandom scanJitter, SplittableRandom shot,
        SplittableRandom gaussian) {

    /** The streams for {@code seed}; never reorder the splits, or every seed's frames change. */
    static RandomStreams of(long seed) {
        SplittableRandom root = new SplittableRandom(seed);
        return new RandomStreams(root.split(), root.split(), root.split(), root.split(), root.split(), root.split(),
                root.split(), root.split());
    }
}
