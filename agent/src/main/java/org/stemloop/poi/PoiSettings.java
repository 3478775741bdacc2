package org.stemloop.poi;

/**
 * How {@link PoiFinder} decides.
 *
 * @param neighbourFactor  atoms closer than this many nearest-neighbour distances are neighbours (1.3: clear of
 *                         graphene's second shell at 1.73)
 * @param dopantZ          an atom this many robust standard deviations (1.4826 MAD) brighter than the frame's median
 *                         atom is a dopant; Si in graphene (Z 14 vs 6) is far above 4 on any usable frame
 * @param brightClassShare the brightest class counts as dopants only when it holds at most this share of the atoms
 *                         (a majority class is the lattice, however bright)
 * @param spreadLimit      an interior atom whose neighbour distances spread (standard deviation) more than this
 *                         fraction of the nearest-neighbour distance sits on a boundary or an amorphous edge
 */
public record PoiSettings(double neighbourFactor, double dopantZ, double brightClassShare, double spreadLimit) {

    /** 1.3, 4, 0.25, 0.15. */
    public static final PoiSettings DEFAULT = new PoiSettings(1.3, 4, 0.25, 0.15);

    public PoiSettings {
        if (!(neighbourFactor > 1 && neighbourFactor < 2)) {
            throw new IllegalArgumentException("neighbourFactor must be in (1, 2): " + neighbourFactor);
        }
        if (!(dopantZ > 0)) {
            throw new IllegalArgumentException("dopantZ must be positive: " + dopantZ);
        }
        if (!(brightClassShare > 0 && brightClassShare < 1)) {
            throw new IllegalArgumentException("brightClassShare must be in (0, 1): " + brightClassShare);
        }
        if (!(spreadLimit > 0)) {
            throw new IllegalArgumentException("spreadLimit must be positive: " + spreadLimit);
        }
    }
}
