package org.stemloop.sim;

import java.util.Random;

/**
 * Simulated core-loss EELS of one beam position on graphene: a power-law background {@code A (E/100 eV)^-3},
 * the carbon K edge at 284 eV and, on a silicon dopant, the Si L2,3 edge at 99 eV; each edge a step one eV wide
 * decaying as {@code (E/E_edge)^-2.5}; Poisson counts, so the noise shrinks with the dwell time (the signal
 * grows with it, the relative noise as {@code 1/sqrt(dwell)}).
 *
 * <p>The amplitudes are chosen for a usable demonstration, not fitted to any instrument: with them a 20 ms dwell
 * tells Si from C with an edge signal-to-noise ratio near 10, a 1 ms dwell barely. Same seed, same spectrum.
 */
public final class EelsSimulator {

    /** The C K edge onset, eV. */
    public static final double CARBON_K_EV = 284;
    /** The Si L2,3 edge onset, eV. */
    public static final double SILICON_L23_EV = 99;
    /** First channel, eV. */
    public static final double OFFSET_EV = 60;
    /** Channel width, eV. */
    public static final double STEP_EV = 0.5;
    /** Channels: 60 to 360 eV. */
    public static final int CHANNELS = 600;

    /** Background counts per ms per channel at 100 eV. */
    private static final double BACKGROUND = 200;
    /** Edge jumps, counts per ms per channel at the onset. */
    private static final double CARBON_JUMP = 4;
    private static final double SILICON_JUMP = 20;

    /** What sits under the beam. */
    public enum Site {
        /** A carbon atom of the lattice. */
        CARBON,
        /** A silicon dopant (with carbon neighbours under the probe's tails: half the carbon edge). */
        SILICON,
        /** No atom near: a hole (thin amorphous carbon: a weak carbon edge). */
        VACUUM
    }

    private EelsSimulator() {
    }

    /**
     * @param site    what is under the beam
     * @param dwellMs dwell time, ms (more: more counts, less relative noise)
     * @param seed    the noise's seed
     */
    public static EelsSpectrum spectrum(Site site, double dwellMs, long seed) {
        if (!(dwellMs > 0) || !Double.isFinite(dwellMs)) {
            throw new IllegalArgumentException("Dwell time must be positive ms: " + dwellMs);
        }
        double carbon = switch (site) {
            case CARBON -> 1;
            case SILICON -> 0.5;
            case VACUUM -> 0.1;
        };
        double silicon = site == Site.SILICON ? 1 : 0;
        Random rng = new Random(seed);
        double[] counts = new double[CHANNELS];
        for (int i = 0; i < CHANNELS; i++) {
            double e = OFFSET_EV + (i + 0.5) * STEP_EV;
            double mean = BACKGROUND * Math.pow(e / 100, -3)
                    + carbon * CARBON_JUMP * edge(e, CARBON_K_EV)
                    + silicon * SILICON_JUMP * edge(e, SILICON_L23_EV);
            counts[i] = PoissonSampler.sample(mean * dwellMs, rng);
        }
        return new EelsSpectrum(OFFSET_EV, STEP_EV, counts);
    }

    /** A step one eV wide at {@code onset}, then a sawtooth decay. */
    private static double edge(double e, double onset) {
        double step = 1 / (1 + Math.exp(-(e - onset) / 0.5));
        return step * Math.pow(Math.max(e, onset) / onset, -2.5);
    }
}
