package org.stemloop.optimize;

import java.util.List;
import org.stemloop.detect.Blob;
import org.stemloop.reward.AtomPositions;
import org.stemloop.reward.CrystalMask;

/**
 * The rectangle of a searched image whose atoms the rewards count: the whole frame, or for a
 * sliding window the window inside a crop padded with real pixels around it. Why the padding: an
 * atom just beyond a crop's edge shows half a spot, which the detector's reflecting border makes
 * a whole blob on the edge pixel; counted, such blobs push QC's threshold up until as many real
 * atoms inside are dropped (measured: 512² frames, 256-px windows without padding lost 2% of the
 * atoms with per-window parameters). With real pixels around the window, an atom outside it is
 * found where it is, outside, and not counted.
 *
 * @param row    top row of the area in the searched image, pixels
 * @param col    left column
 * @param height rows
 * @param width  columns
 * @param mask   the crystal in the searched image's pixels: atoms off it do not count; null for none
 */
record ScoredArea(int row, int col, int height, int width, CrystalMask mask) {

    ScoredArea(int row, int col, int height, int width) {
        this(row, col, height, width, null);
    }

    ScoredArea {
        if (row < 0 || col < 0 || height < 1 || width < 1) {
            throw new IllegalArgumentException("Scored area must be a non-empty rectangle: (%d, %d) %d x %d"
                    .formatted(row, col, height, width));
        }
    }

    /** All of a {@code height x width} image. */
    static ScoredArea whole(int height, int width) {
        return new ScoredArea(0, 0, height, width);
    }

    /** All of a {@code height x width} image, atoms counted on its crystal only. */
    static ScoredArea crystal(CrystalMask mask) {
        return new ScoredArea(0, 0, mask.height(), mask.width(), mask);
    }

    /** Whether a position lies in the area (pixel centres at integers; a pixel spans ±0.5) and on the crystal. */
    boolean contains(double r, double c) {
        return r >= row - 0.5 && r < row + height - 0.5 && c >= col - 0.5 && c < col + width - 0.5
                && (mask == null || mask.contains(r, c));
    }

    /** The positions of the blobs ({@code [row, col, ...]}) inside the area. */
    AtomPositions inside(double[][] blobs) {
        int n = 0;
        for (double[] b : blobs) {
            n += contains(b[0], b[1]) ? 1 : 0;
        }
        double[] rows = new double[n];
        double[] cols = new double[n];
        int k = 0;
        for (double[] b : blobs) {
            if (contains(b[0], b[1])) {
                rows[k] = b[0];
                cols[k++] = b[1];
            }
        }
        return AtomPositions.of(rows, cols);
    }

    /** The positions of the blobs inside the area. */
    AtomPositions inside(List<Blob> blobs) {
        return inside(blobs.stream().map(b -> new double[] {b.row(), b.col()}).toArray(double[][]::new));
    }
}
