package org.stemloop.reward;

import org.stemloop.image.Frame;

/**
 * What the rewards know about the frame a candidate came from, all in pixels: how many atoms the
 * lattice puts in it and the lattice's distances.
 *
 * @param expectedCount      atoms the lattice puts in the frame (or window), positive
 * @param nearestNeighbourPx ideal nearest-neighbour distance, pixels, positive
 * @param crowdingLimitPx    3-neighbour distance sum below which an atom counts as crowded, pixels,
 *                           positive (see {@link Lattice#crowdingLimit()})
 */
public record RewardContext(double expectedCount, double nearestNeighbourPx, double crowdingLimitPx) {

    public RewardContext {
        requirePositive("Expected count", expectedCount);
        requirePositive("Nearest-neighbour distance", nearestNeighbourPx);
        requirePositive("Crowding limit", crowdingLimitPx);
    }

    /**
     * The context of a {@code height x width} pixel frame (or sliding window) of a lattice.
     *
     * @param pixelSize the lattice's unit of length per pixel: Å/px for a lattice in ångström, 1 for a
     *                  lattice measured in pixels from the frame's power spectrum
     */
    public static RewardContext of(Lattice lattice, int height, int width, double pixelSize) {
        return new RewardContext(lattice.expectedCount(height, width, pixelSize),
                lattice.nearestNeighbourPx(pixelSize), lattice.crowdingLimitPx(pixelSize));
    }

    /**
     * The context of a whole frame of a material, at the frame's own pixel size.
     *
     * @throws IllegalArgumentException when the frame carries no pixel size: pass one with
     *                                  {@link #of(Lattice, int, int, double)} or measure the lattice
     *                                  with {@link LatticeEstimator}
     */
    public static RewardContext of(Lattice lattice, Frame frame) {
        double pixelSize = frame.pixelSizeAngstrom().orElseThrow(() -> new IllegalArgumentException(
                "Frame has no pixel size: give one (Å/px) or estimate the lattice from the FFT"));
        return of(lattice, frame.height(), frame.width(), pixelSize);
    }

    /** The context of a {@code height x width} pixel frame from a lattice measured on it. */
    public static RewardContext of(LatticeEstimate estimate, int height, int width) {
        return of(estimate.toLattice(), height, width, 1.0);
    }

    /**
     * This context with atoms expected only over the crystal of {@code mask} (its crystalline
     * fraction of the frame); distances unchanged. A mask with no crystal leaves a tiny expectation
     * rather than zero, so QC stays defined.
     */
    public RewardContext over(CrystalMask mask) {
        return new RewardContext(Math.max(1e-6, expectedCount * mask.crystallineFraction()), nearestNeighbourPx,
                crowdingLimitPx);
    }

    private static void requirePositive(String what, double value) {
        if (!(value > 0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException("%s must be positive and finite: %s".formatted(what, value));
        }
    }
}
