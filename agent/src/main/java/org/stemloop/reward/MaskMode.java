package org.stemloop.reward;

import java.util.Locale;

/**
 * Whether the analysis finds the crystal first ({@link #AUTO}: {@link CrystalMaskEstimator}) or takes the
 * whole frame as crystal ({@link #NONE}): {@code analyze --mask}, the agent's {@code analysis.mask}.
 */
public enum MaskMode {
    AUTO, NONE;

    /** The mode of a command-line or configuration word ({@code auto}, {@code none}). */
    public static MaskMode parse(String word) {
        try {
            return valueOf(word.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("mask must be auto or none: " + word);
        }
    }

    /** The command-line word. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
