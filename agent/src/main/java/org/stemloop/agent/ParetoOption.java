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
 */
public record ParetoOption(int id, LogParams params, double qc, double er, int atoms) {

    public ParetoOption {
        Objects.requireNonNull(params, "params");
        if (id < 0 || atoms < 0) {
            throw new IllegalArgumentException("Option id and atom count must not be negative: %d, %d".formatted(id, atoms));
        }
    }
}
