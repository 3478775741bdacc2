package org.stemloop.bench.optimize;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.stemloop.detect.Blob;
import org.stemloop.detect.LogParams;
import org.stemloop.eval.MatchResult;
import org.stemloop.eval.MatchedPair;
import org.stemloop.eval.OneToOneMatching;
import org.stemloop.eval.Point;
import org.stemloop.eval.Scores;
import org.stemloop.optimize.WindowCells;
import org.stemloop.optimize.WindowChoice;
import org.stemloop.optimize.WindowedResult;

/**
 * The paper's Figure 3 as numbers: what each sliding window chose, where its cell lies (the part
 * of the frame its parameters detect in per-window mode, {@link WindowCells}), and how well the
 * atoms of that cell match the truth. The per-window atoms are matched one-to-one against the
 * truth over the whole frame, then each pair and each unmatched prediction is counted in the cell
 * of the prediction and each missed true atom in its own cell, so matches across a seam are not
 * lost and the windows' counts sum to the frame's.
 *
 * @param frameHeight frame height, pixels
 * @param frameWidth  frame width, pixels
 * @param rows        windows down the frame
 * @param cols        windows across the frame
 * @param windows     one entry per window, row-major as {@link WindowedResult#windows()}
 */
public record WindowMap(int frameHeight, int frameWidth, int rows, int cols, List<Entry> windows) {

    /**
     * One window of the map.
     *
     * @param row     window row in the grid (0 at the top)
     * @param col     window column in the grid
     * @param choice  what the window chose (its origin and size in pixels, its parameters)
     * @param cellTop top edge of its cell, pixels (cells span [top, bottom) on the pixel grid)
     * @param cellLeft left edge of its cell, pixels
     * @param cellBottom bottom edge of its cell, pixels
     * @param cellRight right edge of its cell, pixels
     * @param scores  the cell's TP, FP and FN (one-to-one) and their precision, recall, F1
     */
    public record Entry(int row, int col, WindowChoice choice, double cellTop, double cellLeft, double cellBottom,
            double cellRight, Scores scores) {

        public Entry {
            Objects.requireNonNull(choice, "choice");
            Objects.requireNonNull(scores, "scores");
        }

        /** The window's chosen {@code blob_log} parameters. */
        public LogParams params() {
            return choice.choice().params();
        }
    }

    public WindowMap {
        windows = List.copyOf(windows);
        if (windows.size() != rows * cols) {
            throw new IllegalArgumentException("A %d x %d map needs %d windows, not %d".formatted(rows, cols, rows * cols,
                    windows.size()));
        }
    }

    /**
     * The map of {@code result} on a frame of the given size, scored against {@code truth}.
     *
     * @param radius match radius in pixels (the benchmarks use a third of the nearest-neighbour distance)
     */
    public static WindowMap of(WindowedResult result, int frameHeight, int frameWidth, List<Point> truth,
            double radius) {
        WindowChoice first = result.windows().get(0);
        WindowCells cells = WindowCells.of(frameHeight, frameWidth, Math.max(first.height(), first.width()));
        if (cells.rows() * cells.cols() != result.windows().size()) {
            throw new IllegalArgumentException("%d windows do not make the %d x %d grid of this frame"
                    .formatted(result.windows().size(), cells.rows(), cells.cols()));
        }
        List<Blob> atoms = result.perWindow().atoms();
        MatchResult match = OneToOneMatching.match(Point.ofBlobs(atoms), truth, radius);
        int n = result.windows().size();
        int[] tp = new int[n];
        int[] fp = new int[n];
        int[] fn = new int[n];
        boolean[] predictionMatched = new boolean[atoms.size()];
        boolean[] truthMatched = new boolean[truth.size()];
        for (MatchedPair p : match.pairs()) {
            predictionMatched[p.prediction()] = true;
            truthMatched[p.truth()] = true;
        }
        for (int i = 0; i < atoms.size(); i++) {
            int k = cells.rowCell(atoms.get(i).row()) * cells.cols() + cells.colCell(atoms.get(i).col());
            if (predictionMatched[i]) {
                tp[k]++;
            } else {
                fp[k]++;
            }
        }
        for (int j = 0; j < truth.size(); j++) {
            if (!truthMatched[j]) {
                fn[cells.rowCell(truth.get(j).row()) * cells.cols() + cells.colCell(truth.get(j).col())]++;
            }
        }
        List<Entry> entries = new ArrayList<>(n);
        for (int r = 0; r < cells.rows(); r++) {
            for (int c = 0; c < cells.cols(); c++) {
                int k = r * cells.cols() + c;
                // the cells' bounds are in pixel-centre coordinates (the frame spans [-0.5, size - 0.5))
                entries.add(new Entry(r, c, result.windows().get(k), cells.rowBounds()[r] + 0.5,
                        cells.colBounds()[c] + 0.5, cells.rowBounds()[r + 1] + 0.5, cells.colBounds()[c + 1] + 0.5,
                        Scores.ofCounts(tp[k], fp[k], fn[k])));
            }
        }
        return new WindowMap(frameHeight, frameWidth, cells.rows(), cells.cols(), entries);
    }

    /** The entry of grid position ({@code row}, {@code col}). */
    public Entry at(int row, int col) {
        return windows.get(row * cols + col);
    }
}
