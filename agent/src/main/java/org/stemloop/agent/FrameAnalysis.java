package org.stemloop.agent;

import java.util.List;
import java.util.Objects;
import org.stemloop.detect.Blob;
import org.stemloop.detect.LogParams;

/**
 * The atoms found on one frame, with the parameters that found them and their rewards.
 *
 * @param method      {@code log*} (or {@code unet} later)
 * @param params      the LoG parameters used
 * @param paramSource where they came from: {@code fixed}, {@code optimiser}, {@code operator}
 * @param atoms       the atoms, an immutable list
 * @param qc          quantity reward |N - N_expected| / N_expected, or {@code NaN} without a lattice
 * @param er          crowding reward, or {@code NaN} without a lattice
 */
public record FrameAnalysis(String method, LogParams params, String paramSource, List<Blob> atoms, double qc,
                            double er) {

    public FrameAnalysis {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(params, "params");
        Objects.requireNonNull(paramSource, "paramSource");
        atoms = List.copyOf(atoms);
    }
}
