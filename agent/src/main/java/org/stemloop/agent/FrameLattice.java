package org.stemloop.agent;

import java.util.Optional;
import org.stemloop.image.Frame;
import org.stemloop.optimize.FramePreparation;
import org.stemloop.reward.Lattice;
import org.stemloop.reward.LatticeEstimator;
import org.stemloop.reward.Material;
import org.stemloop.reward.PixelCalibration;
import org.stemloop.reward.RewardContext;

/**
 * The lattice the rewards of a frame are computed against: a named material at the pixel size its lattice
 * shows (or the told one), or, when either is unknown, one estimated from the frame's power spectrum (in pixels).
 *
 * @param name        {@code graphene}, {@code srtio3} or {@code fft}
 * @param lattice     the lattice
 * @param pixelSize   Å per pixel used; 1 for an FFT estimate (its lattice is in pixels)
 * @param calibration how a material's pixel size was reached from the told one ({@link FramePreparation#pixelSize}),
 *                    or {@code null}: an FFT estimate
 */
public record FrameLattice(String name, Lattice lattice, double pixelSize, PixelCalibration.Result calibration) {

    static final String FFT = "fft";

    /** A lattice at {@code pixelSize} as told (an FFT estimate's: 1). */
    public FrameLattice(String name, Lattice lattice, double pixelSize) {
        this(name, lattice, pixelSize, FFT.equals(name) ? null
                : new PixelCalibration.Result(pixelSize, pixelSize, false, "pixel size as told"));
    }

    /**
     * The lattice of {@code frame} (atoms bright): {@code material} (the frame's or the run's) at the frame's
     * pixel size (or the run's default) as {@code preparation} calibrates it, else {@code previous} when it was
     * an FFT estimate for a frame of this size, else a fresh FFT estimate; empty when the spectrum shows no
     * lattice.
     *
     * <p>Estimating once keeps the rewards comparable between frames, and the tuned parameters tuned: a lattice
     * calibration (one power spectrum) is likewise kept from {@code previous} while the material, the told pixel
     * size and the frame size stay; a frame whose lattice did not calibrate (no lattice, beyond 10%) is measured
     * again on the next frame.
     */
    static Optional<FrameLattice> resolve(Frame frame, String material, double defaultPixelSize,
                                          FrameKind previous, FramePreparation preparation) {
        Optional<Material> named = Material.byId(material);
        double told = frame.pixelSizeAngstrom().orElse(defaultPixelSize);
        if (named.isPresent() && told > 0) {
            if (sameCalibration(previous, named.get().id(), told, frame)) {
                return Optional.of(previous.lattice());
            }
            PixelCalibration.Result c = preparation.pixelSize(frame, named.get(), told);
            return Optional.of(new FrameLattice(named.get().id(), Lattice.of(named.get()), c.pixelSizeAngstrom(), c));
        }
        if (previous != null && FFT.equals(previous.lattice().name()) && previous.height() == frame.height()
                && previous.width() == frame.width()) {
            return Optional.of(previous.lattice());
        }
        return LatticeEstimator.estimate(frame).map(e -> new FrameLattice(FFT, e.toLattice(), 1.0, null));
    }

    /** Whether {@code previous} holds a lattice calibration of this material, told pixel size and frame size. */
    private static boolean sameCalibration(FrameKind previous, String material, double told, Frame frame) {
        if (previous == null || previous.lattice().calibration() == null) {
            return false;
        }
        PixelCalibration.Result c = previous.lattice().calibration();
        return c.corrected() && material.equals(previous.lattice().name()) && c.toldAngstrom() == told
                && previous.height() == frame.height() && previous.width() == frame.width();
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
