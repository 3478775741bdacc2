package org.stemloop.optimize;

import java.util.List;
import java.util.Objects;
import org.stemloop.detect.Blob;

/**
 * The outcome of {@link SlidingWindows}: the parameter map, the consensus, the whole-frame front
 * of the windows' choices, and the atoms found with each window's own parameters in its cell.
 *
 * @param windows    what each window chose, row by row
 * @param consensus  the per-gene median of the windows' choices, scored on the whole frame
 * @param wholeFrame the windows' choices and the consensus applied to the whole frame: its front
 *                   and recommended option
 * @param perWindow  each window's choice applied to its own cell, merged across the seams
 * @param windowsMs  milliseconds spent searching the windows
 * @param wholeFrameMs milliseconds spent scoring the choices on the whole frame (its LoG stack included)
 */
public record WindowedResult(List<WindowChoice> windows, Candidate consensus, SearchResult wholeFrame,
        PerWindow perWindow, long windowsMs, long wholeFrameMs) {

    /**
     * Per-window parameters applied region by region ({@link PerWindowDetection}).
     *
     * @param atoms   the merged atoms of the whole frame, sorted by row then column
     * @param owned   atoms kept from each window (row-major, as {@code windows})
     * @param rewards the atoms' rewards on the whole frame, in the search's reward order
     * @param ms      milliseconds for the cells' detection and the merge
     */
    public record PerWindow(List<Blob> atoms, List<Integer> owned, double[] rewards, long ms) {

        public PerWindow {
            atoms = List.copyOf(atoms);
            owned = List.copyOf(owned);
            rewards = rewards.clone();
        }

        @Override
        public double[] rewards() {
            return rewards.clone();
        }
    }

    public WindowedResult {
        windows = List.copyOf(windows);
        Objects.requireNonNull(consensus, "consensus");
        Objects.requireNonNull(wholeFrame, "wholeFrame");
        Objects.requireNonNull(perWindow, "perWindow");
    }

    /** The atoms of the whole-frame recommendation, found once on the whole frame (no seams). */
    public List<Blob> atoms() {
        return wholeFrame.recommendedAtoms();
    }

    public String describe() {
        return "%d windows of %d x %d px searched in %d ms".formatted(windows.size(), windows.get(0).height(),
                windows.get(0).width(), windowsMs);
    }
}
