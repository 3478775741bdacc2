package org.stemloop.reward;

import java.util.List;
import org.stemloop.detect.Blob;

/**
 * The atom positions of one candidate detection, in pixels, as the rewards read them: primitive
 * arrays for speed, with the distances to each atom's {@value #K} nearest neighbours computed once,
 * on first use, and shared by every reward that needs them.
 *
 * <p>Immutable apart from that cache; confine an instance to one thread (the optimiser scores each
 * candidate on one thread).
 */
public final class AtomPositions {

    /** Neighbours kept per atom: the paper's ER uses k = 3. */
    public static final int K = 3;

    private final double[] rows;
    private final double[] cols;
    private double[] neighbourDistances;

    private AtomPositions(double[] rows, double[] cols) {
        if (rows.length != cols.length) {
            throw new IllegalArgumentException("Rows and cols differ in length: %d != %d".formatted(rows.length, cols.length));
        }
        for (int i = 0; i < rows.length; i++) {
            if (!Double.isFinite(rows[i]) || !Double.isFinite(cols[i])) {
                throw new IllegalArgumentException("Atom %d position must be finite: (%s, %s)".formatted(i, rows[i], cols[i]));
            }
        }
        this.rows = rows;
        this.cols = cols;
    }

    /** Positions from parallel arrays of rows and columns in pixels (copied). */
    public static AtomPositions of(double[] rows, double[] cols) {
        return new AtomPositions(rows.clone(), cols.clone());
    }

    /** The centres of detected blobs. */
    public static AtomPositions ofBlobs(List<Blob> blobs) {
        double[] rows = new double[blobs.size()];
        double[] cols = new double[blobs.size()];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = blobs.get(i).row();
            cols[i] = blobs.get(i).col();
        }
        return new AtomPositions(rows, cols);
    }

    /** Number of atoms. */
    public int size() {
        return rows.length;
    }

    /** Row of atom {@code i}, pixels. */
    public double row(int i) {
        return rows[i];
    }

    /** Column of atom {@code i}, pixels. */
    public double col(int i) {
        return cols[i];
    }

    /**
     * Distance in pixels from atom {@code i} to its {@code rank}-th nearest other atom (rank 0 is the
     * nearest, up to {@code K - 1}); {@code +Infinity} when there are not that many other atoms.
     *
     * @apiNote The first call builds the neighbour table in about O(n K).
     */
    public double neighbourDistance(int i, int rank) {
        if (rank < 0 || rank >= K) {
            throw new IllegalArgumentException("Neighbour rank must be in [0, %d): %d".formatted(K, rank));
        }
        return table()[i * K + rank];
    }

    /** Sum of the distances from atom {@code i} to its {@code K} nearest other atoms, pixels. */
    public double neighbourSum(int i) {
        double[] t = table();
        double sum = 0;
        for (int j = 0; j < K; j++) {
            sum += t[i * K + j];
        }
        return sum;
    }

    private double[] table() {
        if (neighbourDistances == null) {
            neighbourDistances = new NeighbourGrid(rows, cols).kNearestDistances(K);
        }
        return neighbourDistances;
    }
}
