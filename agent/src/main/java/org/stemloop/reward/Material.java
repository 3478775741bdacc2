package org.stemloop.reward;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The crystals the project knows by name (the simulator, frames' {@code material} property, the
 * {@code --material} options), seen down the beam, with the lattice numbers that the rewards need:
 * lattice constant, nearest-neighbour distance and atoms (columns) per unit area. The one place that
 * turns a material into its {@link Lattice} is {@link Lattice#of(Material)}.
 *
 * <ul>
 *   <li>{@link #GRAPHENE}: honeycomb, a = 2.46 Å, C–C 1.42 Å (a/√3), two atoms per cell of
 *       area a²√3/2, so 0.382 atoms/Å².</li>
 *   <li>{@link #SRTIO3}: the [001] projection of cubic SrTiO3, a = 3.905 Å; Sr columns at the
 *       cell corners and Ti–O columns at the cell centres, so two columns per a² (0.131 /Å²)
 *       and a nearest-neighbour (Sr to Ti–O) distance of a/√2 = 2.76 Å. The faint O-only columns
 *       at the edge centres are left out of the image and the truth alike: in HAADF they are
 *       barely visible and a detector should not be asked to find them.</li>
 * </ul>
 *
 * <p>Source: the materials of Barakati et al. 2024 (Si-doped graphene, SrTiO3).
 */
public enum Material {

    /** Graphene; default pixel 0.14 Å puts the 1.42 Å C–C distance at ~10 px. */
    GRAPHENE("graphene", 2.46, 2.46 / Math.sqrt(3), 2.0 / (2.46 * 2.46 * Math.sqrt(3) / 2), 0.14),

    /** SrTiO3 [001]; default pixel 0.25 Å puts the 2.76 Å Sr to Ti–O distance at ~11 px. */
    SRTIO3("srtio3", 3.905, 3.905 / Math.sqrt(2), 2.0 / (3.905 * 3.905), 0.25);

    private final String id;
    private final double latticeConstant;
    private final double nearestNeighbour;
    private final double density;
    private final double defaultPixelSize;

    Material(String id, double latticeConstant, double nearestNeighbour, double density, double defaultPixelSize) {
        this.id = id;
        this.latticeConstant = latticeConstant;
        this.nearestNeighbour = nearestNeighbour;
        this.density = density;
        this.defaultPixelSize = defaultPixelSize;
    }

    /** The name used on the command line and in files: {@code graphene} or {@code srtio3}. */
    public String id() {
        return id;
    }

    /** Lattice constant a in Å (graphene 2.46, SrTiO3 3.905). */
    public double latticeConstantAngstrom() {
        return latticeConstant;
    }

    /** Distance between nearest atoms (columns) in projection, in Å (graphene 1.42, SrTiO3 2.76). */
    public double nearestNeighbourAngstrom() {
        return nearestNeighbour;
    }

    /** Atoms (columns) per Å² of the projected image, defect-free lattice. */
    public double atomsPerSquareAngstrom() {
        return density;
    }

    /**
     * Atoms (columns) expected per pixel at the given pixel size in Å: what a quantity reward
     * multiplies by the frame area.
     */
    public double atomsPerPixel(double pixelSizeAngstrom) {
        if (!(pixelSizeAngstrom > 0 && Double.isFinite(pixelSizeAngstrom))) {
            throw new IllegalArgumentException("Pixel size must be positive and finite: " + pixelSizeAngstrom);
        }
        return density * pixelSizeAngstrom * pixelSizeAngstrom;
    }

    /**
     * The pixel size in Å the simulator uses unless told otherwise: nearest neighbours ~10-11 px
     * apart, as in the paper's frames, so LoG sigmas of 1-6 px cover the atoms.
     */
    public double defaultPixelSizeAngstrom() {
        return defaultPixelSize;
    }

    /** The material named {@code id} (case-insensitive, blanks around ignored), if there is one. */
    public static Optional<Material> byId(String id) {
        String wanted = id == null ? null : id.toLowerCase(Locale.ROOT).strip();
        return Arrays.stream(values()).filter(m -> m.id.equals(wanted)).findFirst();
    }

    /** The material named {@code id} (case-insensitive), or an exception naming the choices. */
    public static Material parse(String id) {
        return byId(id).orElseThrow(() -> new IllegalArgumentException("Unknown material: %s (expected %s)".formatted(id,
                Arrays.stream(values()).map(Material::id).collect(Collectors.joining(" or ")))));
    }
}
