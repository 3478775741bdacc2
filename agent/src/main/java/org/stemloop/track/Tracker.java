package org.stemloop.track;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Follows spots across the frames of a series with ids that persist: each frame's spots are assigned one to one
 * to the live tracks within a gate, after correcting for the drift, the nearest pairs first; a spot left over
 * begins a track; a track unseen for more than {@code maxGap} frames ends (an atom knocked out, a hole growing).
 *
 * <p>Positions are compared in the specimen's frame (image position minus the accumulated drift), so a
 * track's last position is its prediction: atoms in a lattice do not move between frames, a hopping dopant
 * jumps by a bond, which its own tracker's wider gate covers.
 *
 * <p>Greedy by distance rather than an optimal (Hungarian) assignment: with the gate well under half the
 * spacing of the spots (nearest-neighbour / 3 for atoms) a spot has at most one track in reach and the two
 * give the same answer; where they could differ (gate near the spacing) greedy favours the closest pair.
 *
 * @apiNote Cost per frame: O(n log n) for n spots (a grid of cells one gate wide, then a sort of the pairs in
 *          reach). Keeps only the live tracks. Not thread-safe; one per series.
 */
public final class Tracker {

    private final double gate;
    private final int maxGap;
    private final Map<Integer, Live> live = new LinkedHashMap<>();
    private int nextId;
    private int frame = -1;

    /** A live track: its last position in the specimen's frame and when it was seen. */
    private record Live(int id, double row, double col, int lastFrame) {
    }

    /**
     * The result of one frame.
     *
     * @param frame   0-based index of the frame within the series
     * @param ids     the track id of each spot, in the order given
     * @param begun   ids of tracks begun in this frame
     * @param ended   ids of tracks that ended in this frame (last seen more than {@code maxGap} frames ago)
     * @param moved   for each spot, how far it moved in the specimen's frame since its track was last seen, pixels
     *                (0 for a new track): a dopant's hop shows here
     */
    public record Step(int frame, int[] ids, List<Integer> begun, List<Integer> ended, double[] moved) {
        public Step {
            ids = ids.clone();
            moved = moved.clone();
            begun = List.copyOf(begun);
            ended = List.copyOf(ended);
        }

        @Override
        public int[] ids() {
            return ids.clone();
        }

        @Override
        public double[] moved() {
            return moved.clone();
        }
    }

    /**
     * @param gatePx  a spot further than this from a track (after drift correction) cannot continue it, pixels;
     *                nearest-neighbour / 3 for atoms, ~1.4 nearest-neighbour for dopants that hop one bond
     * @param maxGap  frames a track may go unseen and still continue (1 bridges a single missed detection)
     * @param firstId the id of the first track (an agent restarted on a run continues after the stored ones)
     */
    public Tracker(double gatePx, int maxGap, int firstId) {
        if (!(gatePx > 0) || !Double.isFinite(gatePx)) {
            throw new IllegalArgumentException("Gate must be positive pixels: " + gatePx);
        }
        if (maxGap < 0 || maxGap > 100) {
            throw new IllegalArgumentException("Largest gap must be 0-100 frames: " + maxGap);
        }
        if (firstId < 0) {
            throw new IllegalArgumentException("First track id must not be negative: " + firstId);
        }
        this.gate = gatePx;
        this.maxGap = maxGap;
        this.nextId = firstId;
    }

    /** The id the next new track will get. */
    public int nextId() {
        return nextId;
    }

    /** Tracks alive now (seen within the last {@code maxGap + 1} frames). */
    public int liveTracks() {
        return live.size();
    }

    /**
     * Assigns the spots of the next frame.
     *
     * @param spots    the frame's spots, pixels
     * @param driftRow the specimen's offset from the first frame of the series, pixels along the rows
     * @param driftCol the same along the columns
     */
    public Step next(List<Spot> spots, double driftRow, double driftCol) {
        frame++;
        int n = spots.size();
        double[] rows = new double[n];
        double[] cols = new double[n];
        for (int i = 0; i < n; i++) {
            rows[i] = spots.get(i).row() - driftRow;
            cols[i] = spots.get(i).col() - driftCol;
        }
        Map<Long, List<Live>> cells = new HashMap<>();
        for (Live t : live.values()) {
            cells.computeIfAbsent(key(cell(t.row()), cell(t.col())), k -> new ArrayList<>()).add(t);
        }
        List<double[]> pairs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long r0 = cell(rows[i]);
            long c0 = cell(cols[i]);
            for (long r = r0 - 1; r <= r0 + 1; r++) {
                for (long c = c0 - 1; c <= c0 + 1; c++) {
                    for (Live t : cells.getOrDefault(key(r, c), List.of())) {
                        double d = Math.hypot(t.row() - rows[i], t.col() - cols[i]);
                        if (d <= gate) {
                            pairs.add(new double[] {d, i, t.id()});
                        }
                    }
                }
            }
        }
        // ties by spot then track order, so the same input gives the same ids
        pairs.sort((a, b) -> a[0] != b[0] ? Double.compare(a[0], b[0])
                : a[1] != b[1] ? Double.compare(a[1], b[1]) : Double.compare(a[2], b[2]));
        int[] ids = new int[n];
        Arrays.fill(ids, -1);
        double[] moved = new double[n];
        Map<Integer, Live> taken = new HashMap<>();
        for (double[] p : pairs) {
            int i = (int) p[1];
            int id = (int) p[2];
            if (ids[i] < 0 && !taken.containsKey(id)) {
                ids[i] = id;
                moved[i] = p[0];
                taken.put(id, live.get(id));
            }
        }
        List<Integer> begun = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (ids[i] < 0) {
                ids[i] = nextId++;
                begun.add(ids[i]);
            }
        }
        List<Integer> ended = new ArrayList<>();
        for (Live t : List.copyOf(live.values())) {
            if (!taken.containsKey(t.id()) && frame - t.lastFrame() > maxGap) {
                live.remove(t.id());
                ended.add(t.id());
            }
        }
        for (int i = 0; i < n; i++) {
            live.put(ids[i], new Live(ids[i], rows[i], cols[i], frame));
        }
        return new Step(frame, ids, begun, ended, moved);
    }

    private long cell(double v) {
        return (long) Math.floor(v / gate);
    }

    private static long key(long r, long c) {
        return (r << 32) ^ (c & 0xffffffffL);
    }
}
