package org.stemloop.poi;

/**
 * What {@link PoiFinder} needs to know of the frame and its lattice.
 *
 * @param height            frame height, pixels
 * @param width             frame width, pixels
 * @param pixelSizeAngstrom Å per pixel, or NaN when unknown (positions in Å are then NaN)
 * @param nearestNeighbour  the ideal nearest-atom distance, pixels (graphene: 1.42 Å / pixel size)
 * @param coordination      neighbours of an atom inside a perfect lattice (graphene 3, SrTiO3 [001] columns 4)
 */
public record PoiGeometry(int height, int width, double pixelSizeAngstrom, double nearestNeighbour, int coordination) {

    public PoiGeometry {
        if (height < 1 || width < 1) {
            throw new IllegalArgumentException("Frame size must be positive: %d x %d".formatted(height, width));
        }
        if (!(nearestNeighbour > 0) || !Double.isFinite(nearestNeighbour)) {
            throw new IllegalArgumentException("Nearest-neighbour distance must be positive pixels: " + nearestNeighbour);
        }
        if (coordination < 1 || coordination > 12) {
            throw new IllegalArgumentException("Coordination must be 1-12: " + coordination);
        }
        if (!Double.isNaN(pixelSizeAngstrom) && !(pixelSizeAngstrom > 0)) {
            throw new IllegalArgumentException("Pixel size must be positive Å or NaN: " + pixelSizeAngstrom);
        }
    }
}
