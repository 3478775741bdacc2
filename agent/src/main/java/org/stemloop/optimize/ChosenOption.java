package org.stemloop.optimize;

import java.util.List;
import java.util.Objects;
import org.stemloop.detect.Blob;

/**
 * One option offered to the operator: a distinct reading of the frame, what it means, and its atoms.
 *
 * @param candidate the parameter set and its rewards (the most central of the parameter sets that
 *                  read the frame this way)
 * @param tags      what the option means on this front, e.g. {@code "knee"}, {@code "most atoms"},
 *                  {@code "fewest crowded atoms"}, {@code "+12 atoms vs the knee"}; never empty
 * @param atoms     the atoms it finds on the frame it was chosen on, brightest first
 * @param merged    how many options of the Pareto front read the frame this way (1 when none other)
 */
public record ChosenOption(Candidate candidate, List<String> tags, List<Blob> atoms, int merged) {

    public ChosenOption {
        Objects.requireNonNull(candidate, "candidate");
        tags = List.copyOf(tags);
        atoms = List.copyOf(atoms);
        if (tags.isEmpty()) {
            throw new IllegalArgumentException("An option needs at least one tag saying what it means");
        }
        if (merged < 1) {
            throw new IllegalArgumentException("An option stands for at least one front option: " + merged);
        }
    }

    /** The tags as one line, e.g. {@code "knee; closest to the expected count"}. */
    public String label() {
        return String.join("; ", tags);
    }
}
