package org.stemloop.sim;

/**
 * Which detector the frame is recorded with.
 *
 * <ul>
 *   <li>{@link #HAADF}: bright columns on a dark background, column intensity ~ Z^1.7
 *       (see {@link Species}).</li>
 *   <li>{@link #ABF}: annular bright field, dark columns on a bright background; the dip of a
 *       column grows slowly with Z (~ Z^{@value #ABF_Z_EXPONENT}), so Sr and Ti-O look alike.
 *       The image is {@code 1 - DEPTH * S}, with S the HAADF-like sum normalised to the
 *       reference column and {@value #ABF_DEPTH} the dip of that column: on
 *       {@code srtio3_abf_atomap} the darkest columns reach 0.35-0.48 of the bright level.
 *       Vacuum in a hole is the brightest (the unscattered beam), contamination darker.</li>
 * </ul>
 */
public enum Contrast {
    HAADF, ABF;

    /** ABF's weak dependence on atomic number. */
    static final double ABF_Z_EXPONENT = 0.6;
    /** The dip of the reference column below the bright level in ABF. */
    static final double ABF_DEPTH = 0.55;

    /** {@code haadf} or {@code abf} (case-insensitive), or an exception naming the choices. */
    public static Contrast parse(String id) {
        for (Contrast c : values()) {
            if (c.name().equalsIgnoreCase(id == null ? "" : id.strip())) {
                return c;
            }
        }
        throw new IllegalArgumentException("Unknown contrast: " + id + " (expected haadf or abf)");
    }
}
