package org.stemloop.optimize;

/**
 * Where a running LoG* search stands, reported once per generation.
 *
 * @param generation  generations done (1 = the random start)
 * @param generations generations in all
 * @param evaluations distinct candidates evaluated so far
 * @param frontSize   options on the front of everything evaluated so far
 * @param hypervolume that front's hypervolume (reference (1, 1)), 0 to 1
 * @param elapsedMs   milliseconds since the search began, stack building included
 */
public record SearchProgress(int generation, int generations, int evaluations, int frontSize, double hypervolume,
        long elapsedMs) {

    @Override
    public String toString() {
        return "generation %d/%d: %d candidates, %d options, hypervolume %.4f, %d ms".formatted(generation, generations,
                evaluations, frontSize, hypervolume, elapsedMs);
    }
}
