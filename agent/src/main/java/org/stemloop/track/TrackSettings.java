package org.stemloop.track;

/**
 * How a {@link SeriesTracker} follows a series, in units of the lattice's nearest-neighbour distance.
 *
 * @param nearestNeighbourPx the lattice's nearest-atom distance, pixels (graphene: 1.42 Å / pixel size)
 * @param atomGate           an atom continues a track within this many nearest-neighbour distances of it, after
 *                           drift correction; 1/3 keeps every other atom out of reach (they are 1 nn away)
 * @param dopantGate         the same for dopant tracks: a hop to a neighbouring site moves a dopant by one bond,
 *                           so above 1; below sqrt(3) (graphene's second shell) so that two hops are not one
 * @param atomGap            frames an atom may go undetected and keep its track
 * @param dopantGap          frames a dopant may go unseen (not detected, or not bright enough) and keep its track
 * @param maxShift           the largest drift per frame looked for, nearest-neighbour distances (at most a quarter
 *                           of the correlated square is searched whatever this says)
 * @param lowPass            the phase correlation's low-pass, cycles per nearest-neighbour distance: below the
 *                           lattice's first spots (graphene's at 0.67 per nn) so that the lattice does not vote
 *                           ({@link PhaseCorrelation})
 * @param refine             whether to refine the phase correlation's drift by the median displacement of atoms
 *                           matched between the two frames (sub-pixel detections are more precise than the peak)
 */
public record TrackSettings(double nearestNeighbourPx, double atomGate, double dopantGate, int atomGap,
                            int dopantGap, double maxShift, double lowPass, boolean refine) {

    public TrackSettings {
        if (!(nearestNeighbourPx >= 2) || !Double.isFinite(nearestNeighbourPx)) {
            throw new IllegalArgumentException("Nearest-neighbour distance must be at least 2 px: " + nearestNeighbourPx);
        }
        if (!(atomGate > 0 && atomGate < 1)) {
            throw new IllegalArgumentException("Atom gate must be in (0, 1) nearest-neighbour distances: " + atomGate);
        }
        if (!(dopantGate > 0 && dopantGate < 3)) {
            throw new IllegalArgumentException("Dopant gate must be in (0, 3) nearest-neighbour distances: " + dopantGate);
        }
        if (!(maxShift > 0 && maxShift <= 20)) {
            throw new IllegalArgumentException("Largest drift must be in (0, 20] nearest-neighbour distances: " + maxShift);
        }
        if (!(lowPass >= 0.05 && lowPass <= 1)) {
            throw new IllegalArgumentException("Low-pass must be in [0.05, 1] cycles per nearest-neighbour distance: "
                    + lowPass);
        }
    }

    /** Gates 1/3 and 1.4 nn, gaps 1 and 2 frames, drift up to 4 nn per frame, low-pass 0.25 per nn, refined. */
    public static TrackSettings of(double nearestNeighbourPx) {
        return new TrackSettings(nearestNeighbourPx, 1 / 3.0, 1.4, 1, 2, 4, 0.25, true);
    }
}
