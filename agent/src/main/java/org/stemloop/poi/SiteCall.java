package org.stemloop.poi;

import java.util.Objects;
import org.stemloop.sim.EelsSimulator;
import org.stemloop.sim.EelsSpectrum;

/**
 * What a spectrum says sits at a beam position: {@code Si} when the Si L2,3 edge (99 eV) stands out of its
 * background by at least {@link #MIN_SNR}, else {@code C} when the C K edge (284 eV) does, else {@code unknown}
 * (too few counts: a longer dwell would tell).
 *
 * @param element {@code Si}, {@code C} or {@code unknown}
 * @param silicon the Si L2,3 edge's signal
 * @param carbon  the C K edge's signal
 */
public record SiteCall(String element, EdgeSignal silicon, EdgeSignal carbon) {

    /** Edge signal over noise that counts as present: 5 (noise alone stayed below 2.2 in 600 simulated spectra). */
    public static final double MIN_SNR = 5;

    public SiteCall {
        Objects.requireNonNull(element, "element");
        Objects.requireNonNull(silicon, "silicon");
        Objects.requireNonNull(carbon, "carbon");
    }

    /** Classifies a spectrum covering 69-305 eV at least. */
    public static SiteCall of(EelsSpectrum s) {
        EdgeSignal si = EdgeSignal.measure(s, EelsSimulator.SILICON_L23_EV);
        EdgeSignal c = EdgeSignal.measure(s, EelsSimulator.CARBON_K_EV);
        String element = si.snr() >= MIN_SNR ? "Si" : c.snr() >= MIN_SNR ? "C" : "unknown";
        return new SiteCall(element, si, c);
    }
}
