package org.stemloop.reward;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.stemloop.image.Frame;

/**
 * The pixel size a frame of a known material shows: its lattice, measured in the power spectrum, is a
 * better ruler than the microscope's nominal calibration.
 *
 * <p>A microscope's pixel size is typically a few percent off (magnification calibration, scan
 * linearity; two of the real SrTiO3 files here are 3% and 5% off), while graphene's and SrTiO3's lattice
 * constants are known to a fraction of a percent. A pixel size told 4% too large makes the expected count
 * 8% too high, and LoG* then finds 8% too many atoms (the realistic simulator at
 * {@code --calibration-error 0.04}: 50-60 false positives per frame). So the first-order plane spacing
 * from {@link LatticeEstimator} is compared with the material's first-order planes (graphene (10) at
 * {@code a sqrt(3)/2}; SrTiO3 [001] (100) at {@code a} or (110) at {@code a/sqrt(2)}, whichever is nearer):
 * when the spectrum shows the material's symmetry and that spacing within {@value #MAX_CORRECTION} of
 * what the told pixel size predicts, the pixel size becomes {@code plane spacing (Å) / spacing (px)}.
 * A larger disagreement is not a calibration error (another reflection, another zone axis, a wrong
 * material): the told pixel size stays, and the note says why.
 *
 * @apiNote One {@link LatticeEstimator#estimate(Frame)}: a 4096-point spectrum, ~0.1-0.3 s for 512².
 *          Stateless.
 */
public final class PixelCalibration {

    /** Largest relative correction taken: a few percent is a calibration error, more is not. */
    public static final double MAX_CORRECTION = 0.10;

    /**
     * The outcome: the pixel size to use and why.
     *
     * @param pixelSizeAngstrom the pixel size to use, Å
     * @param toldAngstrom      the pixel size given, Å
     * @param corrected         whether the lattice replaced the told pixel size
     * @param note              what was measured, in words
     */
    public record Result(double pixelSizeAngstrom, double toldAngstrom, boolean corrected, String note) {
    }

    private PixelCalibration() {
    }

    /** The pixel size {@code frame} shows for {@code material}, starting from the told {@code pixelSizeAngstrom}. */
    public static Result of(Frame frame, Material material, double pixelSizeAngstrom) {
        Objects.requireNonNull(frame, "frame");
        Objects.requireNonNull(material, "material");
        Optional<LatticeEstimate> estimate;
        try {
            estimate = LatticeEstimator.estimate(frame);
        } catch (IllegalArgumentException e) {
            estimate = Optional.empty();
        }
        return of(estimate, material, pixelSizeAngstrom);
    }

    /** As {@link #of(Frame, Material, double)} from an estimate already made. */
    public static Result of(Optional<LatticeEstimate> estimate, Material material, double pixelSizeAngstrom) {
        if (!(pixelSizeAngstrom > 0) || !Double.isFinite(pixelSizeAngstrom)) {
            throw new IllegalArgumentException("Pixel size must be positive: " + pixelSizeAngstrom);
        }
        if (estimate.isEmpty()) {
            return new Result(pixelSizeAngstrom, pixelSizeAngstrom, false, "no lattice in the spectrum: pixel size as told");
        }
        LatticeEstimate e = estimate.get();
        double a = material.latticeConstantAngstrom();
        Symmetry expected;
        double[] planes;
        switch (material) {
            case GRAPHENE -> {
                expected = Symmetry.HEXAGONAL;
                planes = new double[] {a * Math.sqrt(3) / 2};
            }
            case SRTIO3 -> {
                expected = Symmetry.SQUARE;
                planes = new double[] {a, a / Math.sqrt(2)};
            }
            default -> {
                return new Result(pixelSizeAngstrom, pixelSizeAngstrom, false, "no reference planes: pixel size as told");
            }
        }
        if (e.symmetry() != expected) {
            return new Result(pixelSizeAngstrom, pixelSizeAngstrom, false, String.format(Locale.ROOT,
                    "spectrum %s, not %s: pixel size as told", e.symmetry().name().toLowerCase(Locale.ROOT),
                    expected.name().toLowerCase(Locale.ROOT)));
        }
        double best = Double.NaN;
        double bestPlane = Double.NaN;
        for (double d : planes) {
            double implied = d / e.spacingPx();
            if (Double.isNaN(best) || Math.abs(Math.log(implied / pixelSizeAngstrom)) < Math.abs(Math.log(best / pixelSizeAngstrom))) {
                best = implied;
                bestPlane = d;
            }
        }
        double change = best / pixelSizeAngstrom - 1;
        if (Math.abs(change) > MAX_CORRECTION) {
            return new Result(pixelSizeAngstrom, pixelSizeAngstrom, false, String.format(Locale.ROOT,
                    "lattice spacing %.2f px would mean %.4f Å/px (%+.1f%%), beyond a calibration error: pixel size as told",
                    e.spacingPx(), best, 100 * change));
        }
        return new Result(best, pixelSizeAngstrom, true, String.format(Locale.ROOT,
                "%.4f Å/px from the lattice (%.3f Å planes %.2f px apart), told %.4f (%+.1f%%)", best, bestPlane,
                e.spacingPx(), pixelSizeAngstrom, 100 * change));
    }
}
