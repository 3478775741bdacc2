package org.stemloop.optimize;

import java.util.Objects;

/**
 * What one window of a sliding-window search chose.
 *
 * @param row    top row of the window in the frame, pixels
 * @param col    left column, pixels
 * @param height window height, pixels
 * @param width  window width, pixels
 * @param choice the window's recommended option (rewards scored on the window)
 */
public record WindowChoice(int row, int col, int height, int width, Candidate choice) {

    public WindowChoice {
        Objects.requireNonNull(choice, "choice");
        if (row < 0 || col < 0 || height < 1 || width < 1) {
            throw new IllegalArgumentException("Window must lie in the frame: (%d, %d) %d x %d".formatted(row, col, height, width));
        }
    }
}
