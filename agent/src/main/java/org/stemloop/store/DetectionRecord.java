package org.stemloop.store;

import java.util.List;
import java.util.Objects;
import org.stemloop.detect.Blob;
import org.stemloop.detect.LogParams;

/**
 * The atoms found on one frame and how they were found.
 *
 * @param method      {@code log*} or {@code unet}
 * @param paramSource where the parameters came from: {@code fixed}, {@code optimiser}, {@code operator}
 * @param params      the LoG parameters used
 * @param atoms       the atoms, copied into an immutable list
 * @param qc          quantity reward (lower is better), or {@code NaN} when not computed
 * @param er          crowding reward (lower is better), or {@code NaN} when not computed
 * @param option      the Pareto option {@code params} are, or {@code null}
 */
public record DetectionRecord(String method, String paramSource, LogParams params, List<Blob> atoms,
                              double qc, double er, Integer option) {

    /** Detections with configured parameters (no Pareto option). */
    public DetectionRecord(String method, String paramSource, LogParams params, List<Blob> atoms, double qc,
                           double er) {
        this(method, paramSource, params, atoms, qc, er, null);
    }

    public DetectionRecord {
        Columns.requireText("Method", method, 16);
        Columns.requireText("Parameter source", paramSource, 32);
        Objects.requireNonNull(params, "params");
        atoms = List.copyOf(atoms);
    }

    /** The atoms as JSON {@code [[row, col, sigma], ...]}. */
    String atomsJson() {
        StringBuilder json = new StringBuilder(atoms.size() * 24 + 2).append('[');
        for (int i = 0; i < atoms.size(); i++) {
            Blob b = atoms.get(i);
            json.append(i == 0 ? "[" : ",[").append(b.row()).append(',').append(b.col()).append(',')
                    .append(b.sigma()).append(']');
        }
        return json.append(']').toString();
    }
}
