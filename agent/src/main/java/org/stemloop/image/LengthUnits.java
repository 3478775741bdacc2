package org.stemloop.image;

import java.util.Locale;

/**
 * Length unit names as EMD files write them, to ångström. Velox writes {@code m}; Berkeley EMD files
 * written by openNCEM write {@code n_m} (with an underscore) or {@code nm}; others write {@code Å},
 * {@code A}, {@code pm} or {@code um}. Reciprocal or unknown units (diffraction, time) give NaN, so
 * the frame is left uncalibrated rather than calibrated wrongly.
 */
final class LengthUnits {

    private LengthUnits() {
    }

    /** How many ångström one {@code unit} is, or NaN when {@code unit} is not a known length. */
    static double angstromPer(String unit) {
        if (unit == null) {
            return Double.NaN;
        }
        String u = unit.replace("_", "").replace("[", "").replace("]", "").strip().toLowerCase(Locale.ROOT);
        return switch (u) {
            case "m", "meter", "metre", "meters", "metres" -> 1e10;
            case "mm" -> 1e7;
            case "um", "µm", "μm", "micron", "microns" -> 1e4;
            case "nm", "nanometer", "nanometre", "nanometers", "nanometres" -> 10.0;
            case "a", "å", "angstrom", "ångström", "angstroms" -> 1.0;
            case "pm" -> 0.01;
            default -> Double.NaN;
        };
    }

    /** {@code value} in {@code unit} as ångström when that is a positive finite length, else NaN. */
    static double toAngstrom(double value, String unit) {
        double angstrom = Math.abs(value) * angstromPer(unit);
        return angstrom > 0 && Double.isFinite(angstrom) ? angstrom : Double.NaN;
    }
}
