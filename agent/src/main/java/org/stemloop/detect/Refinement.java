package org.stemloop.detect;

import java.util.Locale;

/**
 * How {@link SubPixelRefiner} moves each detection from the LoG maximum (a whole pixel) to the
 * atom's centre.
 *
 * <ul>
 *   <li>{@link #GAUSS}: a 2-D Gaussian plus a flat background fitted by least squares in a disc of
 *       half the nearest-neighbour distance (Atomap's approach, Nord et al. 2017,
 *       doi:10.1186/s40679-017-0042-5); the centre of mass where the fit fails or runs off;</li>
 *   <li>{@link #COM}: the centre of mass above the disc's minimum, re-centred a few times;</li>
 *   <li>{@link #NONE}: the LoG maxima as found (scikit-image's {@code blob_log} positions).</li>
 * </ul>
 */
public enum Refinement {
    GAUSS, COM, NONE;

    /** The refinement of a command-line word ({@code gauss}, {@code com}, {@code none}). */
    public static Refinement parse(String word) {
        try {
            return valueOf(word.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("refinement must be gauss, com or none: " + word);
        }
    }

    /** The command-line word. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
