package org.stemloop.poi;

import org.stemloop.sim.EelsSpectrum;

/**
 * The integrated signal of one core-loss edge over its background (Egerton, <i>Electron Energy-Loss
 * Spectroscopy in the Electron Microscope</i>, 3rd ed., §4.4): a power law {@code A E^-r} fitted by least squares
 * to the logarithm of the pre-edge window, extrapolated under the edge, subtracted from the counts in the
 * integration window; the ratio to its noise says whether the edge is there. The noise is Egerton's
 * {@code sqrt(S + h B)} (his eq. 4.80): the background's Poisson noise is inflated by {@code h} because it was
 * extrapolated from a fit to noisy channels, not counted; {@link #H} = 10, the top of his typical 5-10 (a false
 * edge from noise alone is then rare even over many spectra).
 *
 * @param edgeEv the edge onset, eV
 * @param signal background-subtracted counts in the integration window
 * @param snr    {@code signal / sqrt(max(signal, 0) + h background)}; 0 when the window holds no counts
 */
public record EdgeSignal(double edgeEv, double signal, double snr) {

    /** Egerton's background noise factor for an extrapolated power law. */
    static final double H = 10;
    /** Pre-edge window: from this far below the onset ... */
    static final double PRE_FROM_EV = 30;
    /** ... to this far below it (clear of the onset's width). */
    static final double PRE_TO_EV = 3;
    /** Integration window: from this far above the onset ... */
    static final double POST_FROM_EV = 1;
    /** ... this wide. */
    static final double POST_WIDTH_EV = 20;

    /**
     * @throws IllegalArgumentException when the spectrum does not cover both windows, or the pre-edge window has
     *                                  fewer than 4 channels with counts (nothing to fit)
     */
    public static EdgeSignal measure(EelsSpectrum s, double edgeEv) {
        double first = s.energy(0);
        double last = s.energy(s.channels());
        if (edgeEv - PRE_FROM_EV < first || edgeEv + POST_FROM_EV + POST_WIDTH_EV > last) {
            throw new IllegalArgumentException("Spectrum %.1f-%.1f eV does not cover the %.0f eV edge's windows (%.0f-%.0f eV)"
                    .formatted(first, last, edgeEv, edgeEv - PRE_FROM_EV, edgeEv + POST_FROM_EV + POST_WIDTH_EV));
        }
        double sx = 0, sy = 0, sxx = 0, sxy = 0;
        int n = 0;
        for (int i = 0; i < s.channels(); i++) {
            double e = centre(s, i);
            if (e >= edgeEv - PRE_FROM_EV && e < edgeEv - PRE_TO_EV && s.count(i) > 0) {
                double x = Math.log(e);
                double y = Math.log(s.count(i));
                sx += x;
                sy += y;
                sxx += x * x;
                sxy += x * y;
                n++;
            }
        }
        if (n < 4) {
            throw new IllegalArgumentException("The pre-edge window of the %.0f eV edge has %d channels with counts; "
                    + "at least 4 are needed to fit the background".formatted(edgeEv, n));
        }
        double slope = (n * sxy - sx * sy) / (n * sxx - sx * sx);
        double intercept = (sy - slope * sx) / n;
        double total = 0;
        double background = 0;
        for (int i = 0; i < s.channels(); i++) {
            double e = centre(s, i);
            if (e >= edgeEv + POST_FROM_EV && e < edgeEv + POST_FROM_EV + POST_WIDTH_EV) {
                total += s.count(i);
                background += Math.exp(intercept + slope * Math.log(e));
            }
        }
        double signal = total - background;
        double noise = Math.sqrt(Math.max(signal, 0) + H * Math.max(background, 0));
        return new EdgeSignal(edgeEv, signal, noise > 0 ? signal / noise : 0);
    }

    private static double centre(EelsSpectrum s, int i) {
        return s.energy(i) + s.stepEv() / 2;
    }
}
