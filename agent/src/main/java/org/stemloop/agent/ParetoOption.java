package org.stemloop.agent;

import java.util.Objects;
import org.stemloop.detect.LogParams;

/**
 * One option of a published Pareto front: a LoG parameter set and how it scored on the frame it
 * was computed on.
 *
 * @param id     the option's index in its front, 0 first (lowest QC)
 * @param params the LoG parameters; detections made with this option carry exactly these
 * @param qc     quantity reward on the optimised frame (lower is better)
 * @param er     crowding reward on the optimised frame (lower is better)
 * @param atoms  atoms found on the optimised frame
 * @param label  what the option means on its front ("knee", "most atoms", ...; see
 *               {@code OptionSelection}), empty when unknown
 */
public record ParetoOption(int id, LogParams params, double qc, double er, int atoms, String label) {

    /** An option without a label. */
    public ParetoOption(int id, LogParams params, double qc, double er, int atoms) {
        this(id, params, qc, er, atoms, "");
    }

    public ParetoOption {
        Objects.requireNonNull(params, "params");
        label = label == null ? "" : label;
        if (id < 0 || atoms < 0) {
            throw new IllegalArgumentException("Option id and atom count must not be negative: %d, %d".formatted(id, atoms));
        }
    }
}
