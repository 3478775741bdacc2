package org.stemloop.reward;

import java.util.Objects;

/**
 * A lattice measured from one frame's power spectrum, in pixels, by {@link LatticeEstimator}.
 *
 * <p>{@code spacingPx} is the spacing of the lattice planes that give the first-order (shortest)
 * reciprocal vector, {@code N / |k|}; it is not the atom-to-atom distance. For graphene the first
 * order is the (10) family at {@code a sqrt(3) / 2 = 2.13 Å}, and the lattice parameter is
 * {@code 2 spacing / sqrt(3)}. For SrTiO3 [001] HAADF it is (100) at {@code a} when the Sr and Ti–O
 * columns differ enough in brightness, else (110) at {@code a / sqrt(2)}; either way the atoms per
 * cell come from folding the frame onto the measured cell, so the density is the same.
 *
 * @param symmetry          the lattice type the two shortest reciprocal vectors show
 * @param spacingPx         first-order plane spacing, pixels (averaged over the first-order peaks when
 *                          they have one length)
 * @param secondSpacingPx   plane spacing of the second basis vector, pixels (equal to {@code spacingPx}
 *                          for hexagonal and square)
 * @param cellAreaPx2       area of the unit cell the two vectors span, px²
 * @param atomsPerCell      bright maxima in the cell averaged over the frame (at least 1)
 * @param confidence        0 (strongest peak barely above the noise, 16 times its ring's background) to 1
 *                          (about 5000 times), halved for an oblique cell; a heuristic for logs, not a
 *                          probability
 * @param note              what was found, in words, for logs and reports
 */
public record LatticeEstimate(Symmetry symmetry, double spacingPx, double secondSpacingPx, double cellAreaPx2,
        int atomsPerCell, double confidence, String note) {

    public LatticeEstimate {
        Objects.requireNonNull(symmetry, "symmetry");
        Objects.requireNonNull(note, "note");
        LatticeParameters.requireLength("spacing (px)", spacingPx);
        LatticeParameters.requireLength("second spacing (px)", secondSpacingPx);
        LatticeParameters.requireLength("cell area (px²)", cellAreaPx2);
        LatticeParameters.requireAtoms(atomsPerCell);
        if (!(confidence >= 0 && confidence <= 1)) {
            throw new IllegalArgumentException("Confidence must be in [0, 1]: " + confidence);
        }
    }

    /** Atoms per px², {@code atomsPerCell / cellAreaPx2}. */
    public double atomsPerAreaPx2() {
        return atomsPerCell / cellAreaPx2;
    }

    /**
     * An equivalent lattice in pixels (use it with a pixel size of 1): expected count and ER limit
     * without knowing the pixel size or the material.
     *
     * <ul>
     *   <li>hexagonal with 2 atoms per cell: a honeycomb of parameter {@code 2 spacing / sqrt(3)};</li>
     *   <li>square with 2 atoms per cell: a centred square of side {@code spacing};</li>
     *   <li>otherwise the custom lattice of that type and atoms per cell;</li>
     *   <li>oblique: a one-atom hexagonal lattice of the same density (the most even packing).</li>
     * </ul>
     */
    public Lattice toLattice() {
        return switch (symmetry) {
            case HEXAGONAL -> {
                double a = 2 * spacingPx / Math.sqrt(3);
                yield atomsPerCell == 2 ? new Honeycomb("FFT honeycomb", a) : new HexagonalLattice(a, atomsPerCell);
            }
            case SQUARE -> atomsPerCell == 2 ? new CentredSquare("FFT centred square", spacingPx)
                    : new SquareLattice(spacingPx, atomsPerCell);
            case RECTANGULAR -> new RectangularLattice(spacingPx, secondSpacingPx, atomsPerCell);
            case OBLIQUE -> new HexagonalLattice(Math.sqrt(2 / (Math.sqrt(3) * atomsPerAreaPx2())), 1);
        };
    }
}
