package org.stemloop.agent;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The Pareto front of one optimisation, as offered to operators on the {@code pareto} topic.
 *
 * @param frameId     the frame it was computed on; it also names the front (frame ids are unique in a run)
 * @param trigger     why the agent optimised: {@code no-parameters}, {@code frame-changed},
 *                    {@code drift} or {@code reoptimize}
 * @param kind        the lattice and frame size it was tuned for
 * @param options     the options, an immutable list, ids 0..n-1 in order
 * @param recommended the id of the knee (the option nearest to QC = ER = 0)
 * @param searchMs    milliseconds the search took
 */
public record ParetoOptions(String frameId, String trigger, FrameKind kind, List<ParetoOption> options,
                            int recommended, long searchMs) {

    public ParetoOptions {
        Objects.requireNonNull(frameId, "frameId");
        Objects.requireNonNull(trigger, "trigger");
        Objects.requireNonNull(kind, "kind");
        options = List.copyOf(options);
        if (options.isEmpty()) {
            throw new IllegalArgumentException("A Pareto front needs at least one option");
        }
        for (int i = 0; i < options.size(); i++) {
            if (options.get(i).id() != i) {
                throw new IllegalArgumentException("Option ids must be 0.." + (options.size() - 1) + " in order");
            }
        }
        if (recommended < 0 || recommended >= options.size()) {
            throw new IllegalArgumentException("Recommended option %d is not among 0..%d".formatted(recommended,
                    options.size() - 1));
        }
    }

    /** The option with this id, if any. */
    public Optional<ParetoOption> option(int id) {
        return id >= 0 && id < options.size() ? Optional.of(options.get(id)) : Optional.empty();
    }

    public ParetoOption recommendedOption() {
        return options.get(recommended);
    }
}
