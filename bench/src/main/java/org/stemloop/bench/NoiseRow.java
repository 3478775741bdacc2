package org.stemloop.bench;

import java.util.Locale;

/**
 * One line of {@code noise_sweep.csv}: one method on one material at one noise level, summed over
 * the frames. {@code tp}, {@code fp} and {@code fn} count as the paper counts (a prediction within
 * the radius of some true atom is a TP, one with none an FP, a true atom with no prediction near an
 * FN); precision, recall and F1 come from the one-to-one matching ({@code o2o*} counts).
 */
public record NoiseRow(String method, String material, double noise, int tp, int fp, int fn, double precision,
        double recall, double f1, int frames, int truthAtoms, int foundAtoms, int o2oTp, int o2oFp, int o2oFn,
        double msPerFrame) {

    /** The first nine columns are the contract (DESIGN §3); the rest say how they were obtained. */
    public static final String CSV_HEADER = "method,material,noise,tp,fp,fn,precision,recall,f1,"
            + "frames,truth_atoms,found_atoms,o2o_tp,o2o_fp,o2o_fn,ms_per_frame";

    public String csv() {
        return String.format(Locale.ROOT, "%s,%s,%.1f,%d,%d,%d,%.4f,%.4f,%.4f,%d,%d,%d,%d,%d,%d,%.1f", method, material,
                noise, tp, fp, fn, precision, recall, f1, frames, truthAtoms, foundAtoms, o2oTp, o2oFp, o2oFn,
                msPerFrame);
    }
}
