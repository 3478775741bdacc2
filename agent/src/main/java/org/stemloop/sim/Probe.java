package org.stemloop.sim;

/**
 * The probe of a realistic frame: a Gaussian core plus a broad tail that carries part of the
 * current, the shape of an aberration-corrected STEM probe (a sharp core on a wide skirt from
 * residual aberrations and the finite source size, which a single Gaussian misses).
 *
 * <p>The spot of one column is {@code B [g(d; s_core) + a g(d; s_tail)]}, with g the
 * un-normalised Gaussian, {@code s_tail = tailWidthRatio s_core} and {@code a} chosen so that the
 * tail holds {@code tailFraction} of the spot's integrated intensity. A sum of Gaussians keeps
 * each part separable in row and column, so scan-row shifts stay exact and cheap; one wide
 * Gaussian is a Lorentzian-like skirt over the few ångström that matter between columns.
 *
 * @param fwhmAngstrom   full width at half maximum of the core in Å, 0.3 to 3. 60 kV
 *                       Nion graphene: 1.0-1.2 Å; 200-300 kV SrTiO3: 0.8-1.0 Å (measured on
 *                       the real frames, docs/simulator.md)
 * @param tailFraction   share of the integrated intensity in the tail, 0 (pure Gaussian) to 0.8;
 *                       0.3-0.5 is usual for corrected probes
 * @param tailWidthRatio tail sigma over core sigma, 1.5 to 10
 */
public record Probe(double fwhmAngstrom, double tailFraction, double tailWidthRatio) {

    /** Default tail share of the integrated intensity. */
    public static final double DEFAULT_TAIL_FRACTION = 0.35;
    /** Default tail width over core width. */
    public static final double DEFAULT_TAIL_WIDTH_RATIO = 3.0;

    private static final double FWHM_PER_SIGMA = 2 * Math.sqrt(2 * Math.log(2));

    public Probe {
        if (!(fwhmAngstrom >= 0.3 && fwhmAngstrom <= 3)) {
            throw new IllegalArgumentException("Probe FWHM must be in [0.3, 3] Å: " + fwhmAngstrom);
        }
        if (!(tailFraction >= 0 && tailFraction <= 0.8)) {
            throw new IllegalArgumentException("Probe tail fraction must be in [0, 0.8]: " + tailFraction);
        }
        if (!(tailWidthRatio >= 1.5 && tailWidthRatio <= 10)) {
            throw new IllegalArgumentException("Probe tail width ratio must be in [1.5, 10]: " + tailWidthRatio);
        }
    }

    /** A probe of this core FWHM with the default tail. */
    public static Probe of(double fwhmAngstrom) {
        return new Probe(fwhmAngstrom, DEFAULT_TAIL_FRACTION, DEFAULT_TAIL_WIDTH_RATIO);
    }

    /** The same core without a tail: a plain Gaussian spot. */
    public Probe withoutTail() {
        return new Probe(fwhmAngstrom, 0, tailWidthRatio);
    }

    /** Core sigma in pixels at {@code pixelSizeAngstrom}. */
    double coreSigmaPixels(double pixelSizeAngstrom) {
        return fwhmAngstrom / FWHM_PER_SIGMA / pixelSizeAngstrom;
    }

    /** Tail sigma in pixels at {@code pixelSizeAngstrom}. */
    double tailSigmaPixels(double pixelSizeAngstrom) {
        return tailWidthRatio * coreSigmaPixels(pixelSizeAngstrom);
    }

    /**
     * Peak of the tail relative to the core's peak: integrated intensity goes as peak times
     * sigma squared, so a = f / (1 - f) / ratio^2.
     */
    double tailPeak() {
        return tailFraction / (1 - tailFraction) / (tailWidthRatio * tailWidthRatio);
    }
}
