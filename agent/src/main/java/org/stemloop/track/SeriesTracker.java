package org.stemloop.track;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.stemloop.image.Frame;

/**
 * Tracking across the frames of a series: the drift from frame to frame by {@link PhaseCorrelation} (refined by
 * the atoms that match between the two frames), then two {@link Tracker}s on the drift-corrected positions, one
 * for every atom (a narrow gate: atoms stay on their sites; those that vanish end, a hole growing is atoms
 * ending) and one for the dopants (a gate of a bond and a little more: a dopant that hops to a neighbouring site
 * keeps its id, although the atom track under it changes).
 *
 * <p>Use one per series of frames of one size from one place; a frame of another size needs a new one.
 *
 * @apiNote Cost per frame: the phase correlation (three FFTs of up to 512²) plus O(n log n) for n atoms.
 *          Keeps the previous frame and the live tracks. Not thread-safe.
 */
public final class SeriesTracker {

    /** Refinement needs this many atoms matched between two frames; fewer leaves the phase correlation's drift. */
    static final int MIN_MATCHED = 8;

    private final TrackSettings settings;
    private final PhaseCorrelation correlation;
    private final Tracker atoms;
    private final Tracker dopants;
    private Frame previous;
    private List<Spot> previousAtoms = List.of();
    private double driftRow;
    private Shift lastStep = Shift.NONE;
    private double driftCol;

    /**
     * One frame tracked.
     *
     * @param frame      0-based index in the series
     * @param step       the drift from the previous frame (the phase correlation's, refined when enabled)
     * @param correlated the phase correlation's drift alone, before refinement ({@link Shift#NONE} on frame 0)
     * @param driftRow   accumulated drift since the first frame, pixels along the rows
     * @param driftCol   the same along the columns
     * @param atoms      the atoms' track ids and the tracks begun and ended
     * @param dopants    the dopants' track ids and the tracks begun and ended
     */
    public record FrameTracks(int frame, Shift step, Shift correlated, double driftRow, double driftCol,
                              Tracker.Step atoms, Tracker.Step dopants) {
    }

    /** A tracker whose track ids start at {@code firstAtomId} and {@code firstDopantId}. */
    public SeriesTracker(TrackSettings settings, int firstAtomId, int firstDopantId) {
        this.settings = settings;
        double nn = settings.nearestNeighbourPx();
        // fine surface: one cycle per nearest-neighbour distance keeps the lattice's first spots, drops pixel noise
        this.correlation = new PhaseCorrelation(settings.maxShift() * nn, Math.max(0.005, settings.lowPass() / nn),
                Math.min(0.5, Math.max(settings.lowPass() / nn, 1 / nn)));
        this.atoms = new Tracker(settings.atomGate() * nn, settings.atomGap(), firstAtomId);
        this.dopants = new Tracker(settings.dopantGate() * nn, settings.dopantGap(), firstDopantId);
    }

    public TrackSettings settings() {
        return settings;
    }

    /** The frames tracked so far have this size, or the next frame may have any size (none yet). */
    public boolean accepts(Frame frame) {
        return previous == null || (previous.height() == frame.height() && previous.width() == frame.width());
    }

    /** The ids the next new atom and dopant tracks will get. */
    public int[] nextIds() {
        return new int[] {atoms.nextId(), dopants.nextId()};
    }

    /**
     * Tracks the next frame.
     *
     * @param frame       its pixels
     * @param atomSpots   its atoms
     * @param dopantSpots its dopants (usually some of its atoms)
     * @throws IllegalArgumentException when the frame's size differs from the series'
     */
    public FrameTracks next(Frame frame, List<Spot> atomSpots, List<Spot> dopantSpots) {
        if (!accepts(frame)) {
            throw new IllegalArgumentException("Frame of %dx%d in a series of %dx%d: start a new series".formatted(
                    frame.height(), frame.width(), previous.height(), previous.width()));
        }
        Shift correlated = previous == null ? Shift.NONE : correlation.shift(previous, frame, lastStep);
        // twice: the first pass may match a few atoms to a neighbour when the correlation is off by a third of a bond
        Shift step = previous != null && settings.refine() ? refine(refine(correlated, atomSpots), atomSpots) : correlated;
        lastStep = step;
        driftRow += step.row();
        driftCol += step.col();
        Tracker.Step a = atoms.next(atomSpots, driftRow, driftCol);
        Tracker.Step d = dopants.next(dopantSpots, driftRow, driftCol);
        previous = frame;
        previousAtoms = List.copyOf(atomSpots);
        return new FrameTracks(a.frame(), step, correlated, driftRow, driftCol, a, d);
    }

    /** The correlation's step moved by the median displacement of atoms matched within the atom gate. */
    private Shift refine(Shift step, List<Spot> current) {
        double gate = settings.atomGate() * settings.nearestNeighbourPx();
        Map<Long, List<Spot>> cells = new HashMap<>();
        for (Spot s : previousAtoms) {
            cells.computeIfAbsent(key((long) Math.floor(s.row() / gate), (long) Math.floor(s.col() / gate)),
                    k -> new ArrayList<>()).add(s);
        }
        List<double[]> d = new ArrayList<>();
        for (Spot s : current) {
            double r = s.row() - step.row();
            double c = s.col() - step.col();
            long r0 = (long) Math.floor(r / gate);
            long c0 = (long) Math.floor(c / gate);
            Spot best = null;
            double bestD = gate;
            for (long i = r0 - 1; i <= r0 + 1; i++) {
                for (long j = c0 - 1; j <= c0 + 1; j++) {
                    for (Spot p : cells.getOrDefault(key(i, j), List.of())) {
                        double dist = Math.hypot(p.row() - r, p.col() - c);
                        if (dist <= bestD) {
                            bestD = dist;
                            best = p;
                        }
                    }
                }
            }
            if (best != null) {
                d.add(new double[] {r - best.row(), c - best.col()});
            }
        }
        if (d.size() < MIN_MATCHED) {
            return step;
        }
        return new Shift(step.row() + median(d, 0), step.col() + median(d, 1), step.peak());
    }

    private static double median(List<double[]> d, int axis) {
        double[] v = d.stream().mapToDouble(x -> x[axis]).toArray();
        Arrays.sort(v);
        int m = v.length / 2;
        return v.length % 2 == 1 ? v[m] : (v[m - 1] + v[m]) / 2;
    }

    private static long key(long r, long c) {
        return (r << 32) ^ (c & 0xffffffffL);
    }
}
