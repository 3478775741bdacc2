package org.stemloop.optimize;

import java.util.Arrays;

/**
 * The cells that own the atoms of a sliding-window grid: along each axis, the part of the frame
 * nearer to one window's centre than to any other's (the Voronoi cells of the window centres,
 * which for a rectangular grid of windows are rectangles). Cells tile the frame without gaps or
 * overlaps, and each lies inside its window (its edges are half a stride from the centre, the
 * window's half a window), so an atom belongs to exactly one window.
 *
 * @param rowOrigins top rows of the windows, ascending
 * @param colOrigins left columns of the windows, ascending
 * @param height     window height, pixels
 * @param width      window width, pixels
 * @param rowBounds  cell boundaries along rows: cell {@code i} spans {@code [rowBounds[i], rowBounds[i + 1])}
 *                   in pixel coordinates (the frame spans [-0.5, frame height - 0.5))
 * @param colBounds  the same along columns
 */
public record WindowCells(int[] rowOrigins, int[] colOrigins, int height, int width, double[] rowBounds, double[] colBounds) {

    public WindowCells {
        rowOrigins = rowOrigins.clone();
        colOrigins = colOrigins.clone();
        rowBounds = rowBounds.clone();
        colBounds = colBounds.clone();
    }

    /** The cells of windows of {@code window x window} px (capped at the frame) over a frame. */
    public static WindowCells of(int frameHeight, int frameWidth, int window) {
        int h = Math.min(window, frameHeight);
        int w = Math.min(window, frameWidth);
        int[] rows = SlidingWindows.origins(frameHeight, h);
        int[] cols = SlidingWindows.origins(frameWidth, w);
        return new WindowCells(rows, cols, h, w, bounds(rows, h, frameHeight), bounds(cols, w, frameWidth));
    }

    /** Boundaries halfway between neighbouring window centres; the frame's edges at both ends. */
    private static double[] bounds(int[] origins, int window, int size) {
        double[] b = new double[origins.length + 1];
        b[0] = -0.5;
        for (int i = 1; i < origins.length; i++) {
            // centres are origin + (window - 1) / 2; the midpoint of two of them
            b[i] = (origins[i - 1] + origins[i]) / 2.0 + (window - 1) / 2.0;
        }
        b[origins.length] = size - 0.5;
        return b;
    }

    public int rows() {
        return rowOrigins.length;
    }

    public int cols() {
        return colOrigins.length;
    }

    /** The cell index (0 .. rows - 1) along rows whose span contains {@code row}. */
    public int rowCell(double row) {
        return cell(rowBounds, row);
    }

    /** The cell index along columns whose span contains {@code col}. */
    public int colCell(double col) {
        return cell(colBounds, col);
    }

    private static int cell(double[] bounds, double x) {
        int i = Arrays.binarySearch(bounds, x);
        int k = i >= 0 ? i : -i - 2;
        return Math.max(0, Math.min(bounds.length - 2, k));
    }
}
