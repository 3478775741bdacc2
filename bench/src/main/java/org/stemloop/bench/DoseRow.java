package org.stemloop.bench;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * One line of {@code dose_sweep.csv}: one method on one realistic frame (material, dose, seed);
 * TP, FP, FN, precision, recall and F1 of the one-to-one matching against the truth.
 */
public record DoseRow(String method, String material, double dose, long seed, int tp, int fp, int fn,
        double precision, double recall, double f1, int truthAtoms, int foundAtoms, double ms) {

    public static final String CSV_HEADER = "method,material,dose,seed,tp,fp,fn,precision,recall,f1,truth_atoms,"
            + "found_atoms,ms";

    /** Rows by method (in the order given), material, dose, seed. */
    static final Function<List<String>, Comparator<DoseRow>> ORDER = methods -> Comparator
            .comparingInt((DoseRow r) -> methods.indexOf(r.method())).thenComparing(DoseRow::material)
            .thenComparingDouble(DoseRow::dose).thenComparingLong(DoseRow::seed);

    public String csv() {
        return String.format(Locale.ROOT, "%s,%s,%s,%d,%d,%d,%d,%.4f,%.4f,%.4f,%d,%d,%.0f", method, material,
                doseText(dose), seed, tp, fp, fn, precision, recall, f1, truthAtoms, foundAtoms, ms);
    }

    /** A dose as written in tables: whole numbers without decimals. */
    public static String doseText(double dose) {
        return dose == Math.rint(dose) ? Long.toString((long) dose) : String.format(Locale.ROOT, "%.1f", dose);
    }
}
