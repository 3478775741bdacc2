package org.stemloop.sim;

/**
 * The noise of a simulated frame: the authors' Gaussian noise level, and two optional physical
 * noises.
 *
 * <p>The order, as in {@link Simulator}: the clean frame is rendered (row jitter distorts its
 * geometry), shot noise draws electron counts from it, the result is min–max normalised to
 * [0, 1], and Gaussian noise of standard deviation {@code level} is added without clipping.
 *
 * @param level            standard deviation of the additive Gaussian noise on the [0, 1]
 *                         normalised frame: the paper's noise level L, 0.0 (clean) to 0.9 (atoms
 *                         barely visible); at most {@value #MAX_LEVEL}
 * @param shotDose         mean number of detected electrons per pixel for Poisson shot noise;
 *                         0 turns it off. Tens of electrons give a visibly grainy frame, 10^4 or
 *                         more is nearly clean
 * @param scanJitterPixels standard deviation in pixels of a random horizontal shift of each scan
 *                         row (fast-scan jitter); 0 turns it off, 0.3-1 px is realistic
 */
public record Noise(double level, double shotDose, double scanJitterPixels) {

    /** The largest noise level accepted; the paper goes to 0.9. */
    public static final double MAX_LEVEL = 10.0;

    /** No noise of any kind. */
    public static final Noise NONE = new Noise(0, 0, 0);

    public Noise {
        if (!(level >= 0 && level <= MAX_LEVEL)) {
            throw new IllegalArgumentException("Noise level must be in [0, %.0f]: %s".formatted(MAX_LEVEL, level));
        }
        if (!(shotDose >= 0 && Double.isFinite(shotDose))) {
            throw new IllegalArgumentException("Shot-noise dose must be >= 0 electrons per pixel (0 = off): " + shotDose);
        }
        if (!(scanJitterPixels >= 0 && scanJitterPixels <= 100)) {
            throw new IllegalArgumentException("Scan jitter must be in [0, 100] pixels (0 = off): " + scanJitterPixels);
        }
    }

    /** Only the paper's Gaussian noise of level {@code level}. */
    public static Noise level(double level) {
        return new Noise(level, 0, 0);
    }

    public Noise withLevel(double newLevel) {
        return new Noise(newLevel, shotDose, scanJitterPixels);
    }

    public Noise withShotDose(double electronsPerPixel) {
        return new Noise(level, electronsPerPixel, scanJitterPixels);
    }

    public Noise withScanJitter(double pixels) {
        return new Noise(level, shotDose, pixels);
    }
}
