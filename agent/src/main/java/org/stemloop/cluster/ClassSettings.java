package org.stemloop.cluster;

/**
 * How to classify atoms.
 *
 * @param minClasses   fewest classes tried (≥ 1)
 * @param maxClasses   most classes tried; equal to {@code minClasses} for a fixed number. Between
 *                     the two, the Gaussian mixture with the lowest BIC wins
 * @param components   principal components kept (the paper: 2), 1-10
 * @param patchRadius  half the patch side in pixels, or 0 for half the nearest-neighbour distance
 * @param seed         seed of the mixture's k-means++ start: the same seed, the same classes
 */
public record ClassSettings(int minClasses, int maxClasses, int components, int patchRadius, long seed) {

    /** The paper's choice: 2 components, k = 2..4 by BIC, patch radius from the spacing, seed 1. */
    public static final ClassSettings AUTO = new ClassSettings(2, 4, 2, 0, 1);

    public ClassSettings {
        if (minClasses < 1 || maxClasses < minClasses || maxClasses > 10) {
            throw new IllegalArgumentException("Classes must satisfy 1 <= min <= max <= 10: %d, %d"
                    .formatted(minClasses, maxClasses));
        }
        if (components < 1 || components > 10) {
            throw new IllegalArgumentException("Principal components must be 1-10: " + components);
        }
        if (patchRadius < 0 || patchRadius > 64) {
            throw new IllegalArgumentException("Patch radius must be 0 (auto) to 64 pixels: " + patchRadius);
        }
    }

    /** Exactly {@code k} classes, other settings as {@link #AUTO}. */
    public static ClassSettings fixed(int k) {
        return new ClassSettings(k, k, AUTO.components, AUTO.patchRadius, AUTO.seed);
    }

    /**
     * The settings of a command-line value: {@code auto} ({@link #AUTO}) or a number of classes
     * 1-10 ({@link #fixed(int)}), with the given seed.
     */
    public static ClassSettings parse(String value, long seed) {
        if ("auto".equals(value)) {
            return AUTO.withSeed(seed);
        }
        if (value == null || !value.matches("[0-9]{1,2}") || Integer.parseInt(value) < 1 || Integer.parseInt(value) > 10) {
            throw new IllegalArgumentException("--classes must be auto or a number 1-10: " + value);
        }
        return fixed(Integer.parseInt(value)).withSeed(seed);
    }

    public ClassSettings withSeed(long s) {
        return new ClassSettings(minClasses, maxClasses, components, patchRadius, s);
    }
}
