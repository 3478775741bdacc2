package org.stemloop.track;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Scores a tracker's identities against the truth, frame after frame, as the multiple-object-tracking
 * literature counts them (Bernardin and Stiefelhagen, "Evaluating multiple object tracking performance: the
 * CLEAR MOT metrics", EURASIP JIVP 2008): in each frame every true object is matched, one to one and nearest
 * first, to a tracked spot within {@code radiusPx}; an <em>identity switch</em> is a true object matched to a
 * different track id than the last time it was matched. Misses and false spots are counted as well.
 *
 * @apiNote Cost per frame O(t * s) for t true objects and s spots; meant for tests and benchmarks.
 */
public final class IdentityScore {

    private final double radiusPx;
    private final Map<Integer, Integer> lastTrack = new HashMap<>();
    private int frames;
    private long switches;
    private long matched;
    private long missed;
    private long falseSpots;

    /** @param radiusPx a true object and a spot further apart than this do not match, pixels */
    public IdentityScore(double radiusPx) {
        if (!(radiusPx > 0)) {
            throw new IllegalArgumentException("Matching radius must be positive pixels: " + radiusPx);
        }
        this.radiusPx = radiusPx;
    }

    /**
     * Adds a frame.
     *
     * @param truth    the true objects' positions
     * @param truthIds their identities (the same object has the same id in every frame)
     * @param spots    the tracked spots
     * @param trackIds their track ids
     * @return the identity switches in this frame
     */
    public int add(List<Spot> truth, int[] truthIds, List<Spot> spots, int[] trackIds) {
        if (truth.size() != truthIds.length || spots.size() != trackIds.length) {
            throw new IllegalArgumentException("Positions and ids differ in number: %d/%d true, %d/%d tracked"
                    .formatted(truth.size(), truthIds.length, spots.size(), trackIds.length));
        }
        frames++;
        List<double[]> pairs = new ArrayList<>();
        for (int t = 0; t < truth.size(); t++) {
            for (int s = 0; s < spots.size(); s++) {
                double d = Math.hypot(truth.get(t).row() - spots.get(s).row(), truth.get(t).col() - spots.get(s).col());
                if (d <= radiusPx) {
                    pairs.add(new double[] {d, t, s});
                }
            }
        }
        pairs.sort((a, b) -> Double.compare(a[0], b[0]));
        boolean[] truthTaken = new boolean[truth.size()];
        boolean[] spotTaken = new boolean[spots.size()];
        int now = 0;
        int hits = 0;
        for (double[] p : pairs) {
            int t = (int) p[1];
            int s = (int) p[2];
            if (truthTaken[t] || spotTaken[s]) {
                continue;
            }
            truthTaken[t] = true;
            spotTaken[s] = true;
            hits++;
            Integer before = lastTrack.put(truthIds[t], trackIds[s]);
            if (before != null && before != trackIds[s]) {
                now++;
            }
        }
        switches += now;
        matched += hits;
        missed += truth.size() - hits;
        falseSpots += spots.size() - hits;
        return now;
    }

    public int frames() {
        return frames;
    }

    /** Identity switches so far. */
    public long switches() {
        return switches;
    }

    /** Identity switches per 100 frames. */
    public double switchesPer100Frames() {
        return frames == 0 ? 0 : 100.0 * switches / frames;
    }

    /** True objects matched, summed over frames. */
    public long matched() {
        return matched;
    }

    /** True objects with no spot in reach, summed over frames. */
    public long missed() {
        return missed;
    }

    /** Spots with no true object in reach, summed over frames. */
    public long falseSpots() {
        return falseSpots;
    }
}
