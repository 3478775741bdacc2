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
 * @param minAgreeing      a vacancy edge needs this many under-coordinated atoms that put the same missing site in
 *                         the same empty place (a single vacancy in graphene has 3); a boundary atom needs this many
 *                         irregular atoms within 2 nearest-neighbour distances, itself included. Isolated
 *                         irregularities are mostly missed or spurious detections, not the sample
 * @param maxPerKind       at most this many vacancy-edge and this many boundary points per frame, the best scores
 *                         (dopants are not capped): beyond that they are a region, not points worth beam time
 */
public record PoiSettings(double neighbourFactor, double dopantZ, double brightClassShare, double spreadLimit,
                          int minAgreeing, int maxPerKind) {

    /** 1.3, 4, 0.25, 0.25, 2 agreeing, 12 per kind. */
    public static final PoiSettings DEFAULT = new PoiSettings(1.3, 4, 0.25, 0.25, 2, 12);

    /** The judgement before issue 20's second round: every irregular atom a point, no cap (for comparison). */
    public static final PoiSettings PERMISSIVE = new PoiSettings(1.3, 4, 0.25, 0.15, 1, Integer.MAX_VALUE);

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
        if (minAgreeing < 1 || minAgreeing > 12) {
            throw new IllegalArgumentException("minAgreeing must be 1-12: " + minAgreeing);
        }
        if (maxPerKind < 0) {
            throw new IllegalArgumentException("maxPerKind must not be negative: " + maxPerKind);
        }
    }
}
