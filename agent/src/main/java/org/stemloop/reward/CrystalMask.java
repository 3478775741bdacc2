package org.stemloop.reward;

import java.util.Arrays;
import java.util.Objects;

/**
 * Where a frame shows a crystal lattice: a coarse grid of cells, each crystalline or not, found
 * from the image alone. Detections outside it (vacuum, holes, contamination, amorphous patches)
 * are dropped, and the rewards expect atoms only over its area ({@link #crystallineFraction()}).
 *
 * <p>Build one with {@link CrystalMaskEstimator}; {@link #all(int, int)} is the frame as one
 * crystal (mask off).
 *
 * @apiNote {@link #contains(double, double)} is O(1). Immutable and thread-safe.
 */
public final class CrystalMask {

    private final int height;
    private final int width;
    private final int cell;
    private final int rows;
    private final int cols;
    private final boolean[] crystal;
    private final double fraction;

    /**
     * A mask of {@code ceil(height / cell) x ceil(width / cell)} cells, row-major.
     *
     * @param cell side of a grid cell, pixels
     */
    public CrystalMask(int height, int width, int cell, boolean[] crystal) {
        if (height < 1 || width < 1 || cell < 1) {
            throw new IllegalArgumentException("Mask needs a positive frame and cell: %d x %d, cell %d".formatted(height,
                    width, cell));
        }
        this.rows = (height + cell - 1) / cell;
        this.cols = (width + cell - 1) / cell;
        Objects.requireNonNull(crystal, "crystal");
        if (crystal.length != rows * cols) {
            throw new IllegalArgumentException("Mask of %d x %d cells needs %d values: %d".formatted(rows, cols, rows * cols,
                    crystal.length));
        }
        this.height = height;
        this.width = width;
        this.cell = cell;
        this.crystal = crystal.clone();
        long inside = 0;
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                if (this.crystal[r * cols + c]) {
                    inside += (long) (Math.min(height, (r + 1) * cell) - r * cell) * (Math.min(width, (c + 1) * cell) - c * cell);
                }
            }
        }
        this.fraction = (double) inside / ((long) height * width);
    }

    /** The whole frame as crystal: the mask off. */
    public static CrystalMask all(int height, int width) {
        int cell = Math.max(height, width);
        return new CrystalMask(height, width, cell, new boolean[] {true});
    }

    /** Whether the position (pixels, centres at integers) lies on the crystal; positions off the frame do not. */
    public boolean contains(double row, double col) {
        int r = (int) Math.floor((row + 0.5) / cell);
        int c = (int) Math.floor((col + 0.5) / cell);
        if (row < -0.5 || col < -0.5 || r >= rows || c >= cols) {
            return false;
        }
        return crystal[r * cols + c];
    }

    /** Fraction of the frame's pixels on the crystal, 0 to 1. */
    public double crystallineFraction() {
        return fraction;
    }

    /** Fraction of the frame's pixels off the crystal (the masked fraction of reports), 0 to 1. */
    public double maskedFraction() {
        return 1 - fraction;
    }

    /** Whether every cell is crystal. */
    public boolean isAll() {
        for (boolean b : crystal) {
            if (!b) {
                return false;
            }
        }
        return true;
    }

    public int height() {
        return height;
    }

    public int width() {
        return width;
    }

    /** Side of a grid cell, pixels. */
    public int cell() {
        return cell;
    }

    /** Grid rows. */
    public int gridRows() {
        return rows;
    }

    /** Grid columns. */
    public int gridCols() {
        return cols;
    }

    /** Whether grid cell (r, c) is crystal. */
    public boolean cell(int r, int c) {
        return crystal[r * cols + c];
    }

    /** The grid as rows of 0 (masked) and 1 (crystal), for JSON. */
    public int[][] grid() {
        int[][] g = new int[rows][cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                g[r][c] = crystal[r * cols + c] ? 1 : 0;
            }
        }
        return g;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CrystalMask m && m.height == height && m.width == width && m.cell == cell
                && Arrays.equals(m.crystal, crystal);
    }

    @Override
    public int hashCode() {
        return Objects.hash(height, width, cell, Arrays.hashCode(crystal));
    }

    @Override
    public String toString() {
        return "CrystalMask[%d x %d, cell %d px, %.1f%% masked]".formatted(height, width, cell, 100 * maskedFraction());
    }
}
