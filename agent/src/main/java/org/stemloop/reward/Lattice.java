package org.stemloop.reward;

/**
 * A crystal lattice as the rewards need it: how many atoms (or atomic columns) a projected image
 * holds per unit area, how far apart the nearest ones sit, and when a detection counts as crowded.
 *
 * <p>Lengths are in one consistent unit: ångström for the named materials and for lattices a
 * microscopist types in, pixels for lattices measured from an image's power spectrum (see
 * {@link LatticeEstimate#toLattice()}). The per-pixel helpers take the pixel size in that unit
 * per pixel, so a lattice in pixels is used with a pixel size of 1.
 *
 * <p>Formulas (Barakati et al. 2024 define the rewards; we derive their constants from the lattice
 * instead of a network's output):
 * <ul>
 *   <li>{@code expectedCount = H * W * pixelSize^2 * atomsPerCell / cellArea}: the frame area over the
 *       cell area times the atoms each cell holds. Edge cells count pro rata, which is what a detector
 *       that finds atoms up to the border sees on average.</li>
 *   <li>{@link #crowdingLimit()}: an atom is crowded when the sum of its distances to its 3 nearest
 *       neighbours is below {@code threeNeighbourSum - nearestNeighbour / 2}, i.e. when its nearest
 *       neighbour has moved in to half the ideal nearest-neighbour distance (two detections within the
 *       radius of one atom) while the others stay put. A plain factor of 0.5-0.67 times the ideal sum
 *       would never flag an exact duplicate: an atom and its twin keep two real neighbours each at the
 *       ideal distance, so their sums stay at two thirds of the ideal one.</li>
 * </ul>
 *
 * @apiNote Every method is O(1).
 */
public sealed interface Lattice
        permits Honeycomb, CentredSquare, SquareLattice, RectangularLattice, HexagonalLattice {

    /** Graphene: honeycomb, a = 2.46 Å, 2 atoms per cell, C–C distance a/sqrt(3) = 1.42 Å, 0.3816 atoms/Å². */
    static Lattice graphene() {
        return new Honeycomb("graphene", 2.46);
    }

    /**
     * SrTiO3 viewed along [001] as HAADF shows it: a = 3.905 Å, two visible columns per cell (Sr at the
     * corners, Ti–O at the centre), nearest column distance a/sqrt(2) = 2.76 Å. The pure O columns are
     * too faint in HAADF to be found and are not counted.
     */
    static Lattice srtio3() {
        return new CentredSquare("SrTiO3 [001]", 3.905);
    }

    /** The lattice of a named material: the one place that maps {@link Material} to {@link Lattice}. */
    static Lattice of(Material material) {
        return switch (material) {
            case GRAPHENE -> graphene();
            case SRTIO3 -> srtio3();
        };
    }

    /** A square lattice of side {@code a} (unit of length) with {@code atomsPerCell} atoms per cell. */
    static Lattice square(double a, int atomsPerCell) {
        return new SquareLattice(a, atomsPerCell);
    }

    /** A rectangular lattice of sides {@code a} and {@code b} with {@code atomsPerCell} atoms per cell. */
    static Lattice rectangular(double a, double b, int atomsPerCell) {
        return new RectangularLattice(a, b, atomsPerCell);
    }

    /** A hexagonal (triangular) lattice of parameter {@code a} with {@code atomsPerCell} atoms per cell. */
    static Lattice hexagonal(double a, int atomsPerCell) {
        return new HexagonalLattice(a, atomsPerCell);
    }

    /** A short name for reports. */
    String name();

    /** Area of the unit cell, unit of length squared. */
    double cellArea();

    /** Atoms (visible atomic columns) per unit cell. */
    int atomsPerCell();

    /** Distance between nearest atoms on the ideal lattice, unit of length. */
    double nearestNeighbour();

    /** Sum of the distances from one atom to its 3 nearest neighbours on the ideal lattice, unit of length. */
    double threeNeighbourSum();

    /** Atoms per unit area, {@code atomsPerCell / cellArea}. */
    default double density() {
        return atomsPerCell() / cellArea();
    }

    /** The 3-neighbour distance sum below which an atom counts as crowded (see the class notes). */
    default double crowdingLimit() {
        return threeNeighbourSum() - nearestNeighbour() / 2;
    }

    /**
     * Atoms expected in a frame of {@code height x width} pixels.
     *
     * @param pixelSize unit of length per pixel (Å/px for a lattice in ångström, 1 for one in pixels)
     */
    default double expectedCount(int height, int width, double pixelSize) {
        if (height <= 0 || width <= 0) {
            throw new IllegalArgumentException("Frame size must be positive: %d x %d".formatted(height, width));
        }
        double px = requirePixelSize(pixelSize);
        return (double) height * width * px * px * density();
    }

    /** {@link #nearestNeighbour()} in pixels. */
    default double nearestNeighbourPx(double pixelSize) {
        return nearestNeighbour() / requirePixelSize(pixelSize);
    }

    /** {@link #crowdingLimit()} in pixels: the ER reward's distance limit. */
    default double crowdingLimitPx(double pixelSize) {
        return crowdingLimit() / requirePixelSize(pixelSize);
    }

    private static double requirePixelSize(double pixelSize) {
        if (!(pixelSize > 0) || !Double.isFinite(pixelSize)) {
            throw new IllegalArgumentException("Pixel size must be positive and finite: " + pixelSize);
        }
        return pixelSize;
    }
}
