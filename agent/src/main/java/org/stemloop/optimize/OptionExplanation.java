package org.stemloop.optimize;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.stemloop.detect.Blob;
import org.stemloop.reward.AtomPositions;
import org.stemloop.reward.RewardContext;

/**
 * Why an option reads the frame as it does, on the frame itself: against the option in use, the
 * atoms it adds and drops; the crowded atoms that make its ER, each joined to its nearest neighbour;
 * and its QC by region, the atoms found in each cell of a coarse grid against what the lattice puts
 * there.
 *
 * @param diff    what the option adds to and drops from the reading in use
 * @param crowded each crowded atom (3-neighbour distance sum below the lattice's limit) with its
 *                nearest neighbour: the pairs ER counts
 * @param qc      the option's atom count against the lattice's expectation, cell by cell
 */
public record OptionExplanation(AtomSetDiff diff, List<CrowdedPair> crowded, QcGrid qc) {

    public OptionExplanation {
        Objects.requireNonNull(diff, "diff");
        Objects.requireNonNull(qc, "qc");
        crowded = List.copyOf(crowded);
    }

    /** A crowded atom and its nearest neighbour. */
    public record CrowdedPair(Blob atom, Blob neighbour) {
        public CrowdedPair {
            Objects.requireNonNull(atom, "atom");
            Objects.requireNonNull(neighbour, "neighbour");
        }
    }

    /**
     * Atoms found per cell of a {@code rows x cols} grid over the frame, and the lattice's expectation
     * for a cell (the expected count spread evenly by area).
     *
     * @param cellHeight cell height, pixels (the last row of cells may be cut by the frame's edge)
     * @param found      atoms found per cell, row-major
     * @param expected   atoms the lattice expects per cell, row-major
     */
    public record QcGrid(int rows, int cols, double cellHeight, double cellWidth, int[] found, double[] expected) {
        public QcGrid {
            if (rows < 1 || cols < 1 || found.length != rows * cols || expected.length != rows * cols) {
                throw new IllegalArgumentException("A QC grid needs rows x cols cells: %d x %d, %d found, %d expected"
                        .formatted(rows, cols, found.length, expected.length));
            }
            found = found.clone();
            expected = expected.clone();
        }

        /** Signed relative departure of cell (r, c): (found - expected) / expected; 0.1 is 10 % too many. */
        public double departure(int r, int c) {
            double e = expected[r * cols + c];
            return (found[r * cols + c] - e) / e;
        }

        /** Atoms found in cell (r, c). */
        public int found(int r, int c) {
            return found[r * cols + c];
        }

        @Override
        public int[] found() {
            return found.clone();
        }

        @Override
        public double[] expected() {
            return expected.clone();
        }
    }

    /** Cells per side so that a cell expects about this many atoms: fewer makes the map noise. */
    static final double ATOMS_PER_CELL = 20;

    /**
     * The explanation of {@code option}'s atoms against {@code inUse}'s on a {@code height x width} frame.
     *
     * @param context the frame's lattice: expected count, nearest-neighbour distance, crowding limit
     */
    public static OptionExplanation of(List<Blob> option, List<Blob> inUse, RewardContext context, int height,
            int width) {
        AtomSetDiff diff = AtomSetDiff.of(option, inUse, AtomSetDiff.radiusFor(context.nearestNeighbourPx()));
        return new OptionExplanation(diff, crowdedPairs(option, context.crowdingLimitPx()),
                qcGrid(option, context.expectedCount(), height, width));
    }

    static List<CrowdedPair> crowdedPairs(List<Blob> atoms, double limitPx) {
        AtomPositions p = AtomPositions.ofBlobs(atoms);
        // a crowded atom's nearest neighbour is closer than a third of the limit: one ring of such cells holds it
        double side = limitPx / 3;
        Map<Long, List<Integer>> grid = new HashMap<>();
        for (int i = 0; i < atoms.size(); i++) {
            grid.computeIfAbsent(key(cell(p.row(i), side), cell(p.col(i), side)), k -> new ArrayList<>()).add(i);
        }
        List<CrowdedPair> pairs = new ArrayList<>();
        for (int i = 0; i < atoms.size(); i++) {
            if (!(p.neighbourSum(i) < limitPx)) {
                continue;
            }
            int nearest = -1;
            double best = Double.POSITIVE_INFINITY;
            long r = cell(p.row(i), side);
            long c = cell(p.col(i), side);
            for (long dr = -1; dr <= 1; dr++) {
                for (long dc = -1; dc <= 1; dc++) {
                    for (int j : grid.getOrDefault(key(r + dr, c + dc), List.of())) {
                        double d = Math.hypot(p.row(i) - p.row(j), p.col(i) - p.col(j));
                        if (j != i && d < best) {
                            best = d;
                            nearest = j;
                        }
                    }
                }
            }
            if (nearest >= 0) {
                pairs.add(new CrowdedPair(atoms.get(i), atoms.get(nearest)));
            }
        }
        return pairs;
    }

    static QcGrid qcGrid(List<Blob> atoms, double expectedCount, int height, int width) {
        int cells = (int) Math.max(1, Math.min(8, Math.floor(Math.sqrt(expectedCount / ATOMS_PER_CELL))));
        int rows = Math.max(1, (int) Math.round(cells * Math.sqrt(height / (double) width)));
        int cols = Math.max(1, (int) Math.round(cells * Math.sqrt(width / (double) height)));
        double ch = height / (double) rows;
        double cw = width / (double) cols;
        int[] found = new int[rows * cols];
        for (Blob b : atoms) {
            // pixel centres sit at integers: the frame spans [-0.5, size - 0.5)
            int r = (int) Math.min(rows - 1, Math.max(0, Math.floor((b.row() + 0.5) / ch)));
            int c = (int) Math.min(cols - 1, Math.max(0, Math.floor((b.col() + 0.5) / cw)));
            found[r * cols + c]++;
        }
        double[] expected = new double[rows * cols];
        java.util.Arrays.fill(expected, expectedCount / (rows * cols));
        return new QcGrid(rows, cols, ch, cw, found, expected);
    }

    private static long cell(double x, double side) {
        return (long) Math.floor(x / side);
    }

    private static long key(long r, long c) {
        return (r << 32) ^ (c & 0xffffffffL);
    }
}
