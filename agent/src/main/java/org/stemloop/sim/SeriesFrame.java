package org.stemloop.sim;

import java.util.List;
import java.util.Objects;

/**
 * A frame of an {@link EvolvingSample} series with what a tracker is scored against.
 *
 * @param frame    the frame and its truth
 * @param index    0 for the first frame of the series
 * @param driftRow where the specimen is now relative to the first frame, pixels along the rows
 * @param driftCol the same along the columns
 * @param atoms    the true atoms inside the frame with their site and dopant numbers, an immutable list
 */
public record SeriesFrame(SimulatedFrame frame, long index, double driftRow, double driftCol, List<SeriesAtom> atoms) {

    public SeriesFrame {
        Objects.requireNonNull(frame, "frame");
        atoms = List.copyOf(atoms);
    }
}
