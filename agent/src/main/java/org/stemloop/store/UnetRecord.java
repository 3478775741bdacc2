package org.stemloop.store;

import java.util.List;
import org.stemloop.unet.UnetAtom;

/**
 * The atoms the U-Net found on a frame: stored as a detection with method {@code unet}, no LoG
 * parameter set, the model's name, and atoms as JSON {@code [[row, col, probability, uncertainty], ...]}
 * as on the detections topic (uncertainty: the variance of the ensemble's members over the atom, 0 for
 * one model), so that a redelivered frame's repeated message carries what the first one did.
 *
 * @param model the model as configured ({@code graphene}, {@code srtio3} or a file path)
 * @param atoms the atoms, copied into an immutable list
 */
public record UnetRecord(String model, List<UnetAtom> atoms) {

    /** The method name of U-Net detections, in the database and on the detections topic. */
    public static final String METHOD = "unet";

    public UnetRecord {
        Columns.requireText("Model", model, 256);
        atoms = List.copyOf(atoms);
    }

    /** The atoms as JSON {@code [[row, col, probability, uncertainty], ...]}. */
    String atomsJson() {
        StringBuilder json = new StringBuilder(atoms.size() * 24 + 2).append('[');
        for (int i = 0; i < atoms.size(); i++) {
            UnetAtom a = atoms.get(i);
            json.append(i == 0 ? "[" : ",[").append(a.row()).append(',').append(a.col()).append(',')
                    .append(a.probability()).append(',').append(a.variance()).append(']');
        }
        return json.append(']').toString();
    }
}
