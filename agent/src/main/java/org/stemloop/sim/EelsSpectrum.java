package org.stemloop.sim;

/**
 * An electron energy-loss spectrum: counts in equal energy channels.
 *
 * @param offsetEv energy loss of the first channel, eV
 * @param stepEv   channel width, eV
 * @param counts   counts per channel (copied)
 */
public record EelsSpectrum(double offsetEv, double stepEv, double[] counts) {

    /** The most channels a spectrum may have (a 4k detector). */
    public static final int MAX_CHANNELS = 4096;

    public EelsSpectrum {
        if (!Double.isFinite(offsetEv) || offsetEv < 0) {
            throw new IllegalArgumentException("Spectrum offset must be a finite energy loss >= 0 eV: " + offsetEv);
        }
        if (!(stepEv > 0) || !Double.isFinite(stepEv)) {
            throw new IllegalArgumentException("Spectrum channel width must be positive eV: " + stepEv);
        }
        if (counts == null || counts.length < 16 || counts.length > MAX_CHANNELS) {
            throw new IllegalArgumentException("Spectrum needs 16-%d channels, got %s".formatted(MAX_CHANNELS,
                    counts == null ? "none" : counts.length));
        }
        counts = counts.clone();
        for (double c : counts) {
            if (!Double.isFinite(c) || c < 0) {
                throw new IllegalArgumentException("Spectrum counts must be finite and >= 0, got " + c);
            }
        }
    }

    @Override
    public double[] counts() {
        return counts.clone();
    }

    /** The energy loss at the start of channel {@code i}, eV. */
    public double energy(int i) {
        return offsetEv + i * stepEv;
    }

    /** Channels. */
    public int channels() {
        return counts.length;
    }

    /** The counts of channel {@code i}, without a copy. */
    public double count(int i) {
        return counts[i];
    }
}
