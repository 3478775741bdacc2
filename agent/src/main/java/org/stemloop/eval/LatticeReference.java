package org.stemloop.eval;

import java.util.ArrayList;
import java.util.List;
import org.stemloop.reward.LatticeCell;

/**
 * Scores detections against the lattice they themselves define, where no true positions exist (a
 * multislice simulation without its atom list, an experimental frame): a {@link LatticeFit} of the
 * image's cell to the detections, every column of that lattice inside the frame less a border
 * margin, and a one-to-one match ({@link OneToOneMatching}).
 *
 * <p><b>A self-consistency reference, not the truth.</b> The lattice and its columns per cell come
 * from the image's own spectrum and folded cell, and the positions from the detections; so a column
 * missing from the detections, an extra detection between columns, or a double detection all show,
 * but a column the folded cell does not show (too faint) is not expected, and a real defect (a
 * vacancy, an interstitial, a displaced column beyond the radius) counts against the detector. On a
 * perfect crystal such as a multislice simulation this is what "every column found" means.
 *
 * <p>Counting near the border: an expected column counts (TP or FN) when it lies inside the
 * margin; a detection counts as an FP only when it lies inside and matched no column at all, so a
 * column just outside the margin matched by a detection just inside is neither.
 *
 * @param fit       the lattice fitted to the detections
 * @param scores    tp, fp, fn over the inner region
 * @param expected  expected columns inside the margin
 * @param radius    match radius, px
 * @param margin    border margin, px
 * @param meanError mean distance of the matched pairs, px (NaN when none)
 */
public record LatticeReference(LatticeFit fit, Scores scores, List<LatticeCell.Column> expected, double radius,
        double margin, double meanError) {

    /** Default match radius: this fraction of the fitted lattice's nearest-neighbour distance (as {@code bench real}). */
    public static final double RADIUS_FRACTION = 1.0 / 3;

    public LatticeReference {
        expected = List.copyOf(expected);
    }

    /**
     * Fits {@code cell} to {@code detections} and scores them.
     *
     * @param cell       the image's cell ({@code LatticeEstimator.cell(frame)})
     * @param detections detected positions, px
     * @param height     frame height, px
     * @param width      frame width, px
     * @param margin     border left out, px (&gt;= 0)
     * @param radius     match radius, px, or NaN for {@link #RADIUS_FRACTION} of the nearest-neighbour distance
     */
    public static LatticeReference evaluate(LatticeCell cell, List<Point> detections, int height, int width,
            double margin, double radius) {
        if (!(margin >= 0) || 2 * margin >= Math.min(height, width)) {
            throw new IllegalArgumentException("margin must be >= 0 and leave part of the %d x %d frame: %s"
                    .formatted(height, width, margin));
        }
        LatticeFit fit = LatticeFit.fit(cell, detections);
        double r = Double.isNaN(radius) ? RADIUS_FRACTION * fit.cell().nearestNeighbourPx() : radius;
        ScoringRadius.require(r);
        // every column in the frame takes part in the matching, so that a detection of a column just
        // outside the margin is matched there rather than counted as a false positive
        List<LatticeCell.Column> all = fit.cell().columns(height, width, -r);
        List<Point> columns = all.stream().map(c -> new Point(c.row(), c.col())).toList();
        MatchResult m = OneToOneMatching.match(detections, columns, r);
        boolean[] columnMatched = new boolean[all.size()];
        boolean[] detectionMatched = new boolean[detections.size()];
        int tp = 0;
        double sum = 0;
        for (MatchedPair p : m.pairs()) {
            columnMatched[p.truth()] = true;
            detectionMatched[p.prediction()] = true;
            if (inside(columns.get(p.truth()), height, width, margin)) {
                tp++;
                sum += p.distance();
            }
        }
        int fn = 0;
        List<LatticeCell.Column> expected = new ArrayList<>();
        for (int k = 0; k < all.size(); k++) {
            if (inside(columns.get(k), height, width, margin)) {
                expected.add(all.get(k));
                if (!columnMatched[k]) {
                    fn++;
                }
            }
        }
        int fp = 0;
        for (int k = 0; k < detections.size(); k++) {
            if (!detectionMatched[k] && inside(detections.get(k), height, width, margin)) {
                fp++;
            }
        }
        return new LatticeReference(fit, Scores.ofCounts(tp, fp, fn), expected, r, margin, tp == 0 ? Double.NaN : sum / tp);
    }

    private static boolean inside(Point p, int height, int width, double margin) {
        return p.row() >= margin && p.row() < height - margin && p.col() >= margin && p.col() < width - margin;
    }
}
