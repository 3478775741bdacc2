package org.stemloop.agent;

import java.util.Optional;
import org.stemloop.image.Frame;
import org.stemloop.reward.Lattice;
import org.stemloop.reward.LatticeEstimator;
import org.stemloop.reward.Material;
import org.stemloop.reward.RewardContext;

/**
 * The lattice the rewards of a frame are computed against: a named material at the frame's pixel
 * size, or, when either is unknown, one estimated from the frame's power spectrum (in pixels).
 *
 * @param name       {@code graphene}, {@code srtio3} or {@code fft}
 * @param lattice    the lattice
 * @param pixelSize  Å per pixel; 1 for an FFT estimate (its lattice is in pixels)
 */
public record FrameLattice(String name, Lattice lattice, double pixelSize) {

    static final String FFT = "fft";

    /**
     * The lattice of {@code frame}: {@code material} (the frame's or the run's) with the frame's
     * pixel size (or the run's default), else {@code previous} when it was an FFT estimate for a
     * frame of this size (estimating once per run keeps the rewards comparable between frames),
     * else a fresh FFT estimate; empty when the spectrum shows no lattice.
     */
    static Optional<FrameLattice> resolve(Frame frame, String material, double defaultPixelSize,
                                          FrameKind previous) {
        Optional<Material> named = Material.byId(material);
        double px = frame.pixelSizeAngstrom().orElse(defaultPixelSize);
        if (named.isPresent() && px > 0) {
            return Optional.of(new FrameLattice(named.get().id(), Lattice.of(named.get()), px));
        }
        if (previous != null && FFT.equals(previous.lattice().name()) && previous.height() == frame.height()
                && previous.width() == frame.width()) {
            return Optional.of(previous.lattice());
        }
        return LatticeEstimator.estimate(frame).map(e -> new FrameLattice(FFT, e.toLattice(), 1.0));
    }

    /** Expected count and distances for a frame of this size. */
    RewardContext context(int height, int width) {
        return RewardContext.of(lattice, height, width, pixelSize);
    }

    /** Same lattice and pixel size (within 0.1 %), so parameters tuned for one serve the other. */
    boolean sameAs(FrameLattice other) {
        return other != null && name.equals(other.name) && lattice.equals(other.lattice)
                && Math.abs(pixelSize - other.pixelSize) <= 1e-3 * pixelSize;
    }
}
