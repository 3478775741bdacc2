package org.stemloop.optimize;

import java.util.List;
import java.util.Objects;
import org.stemloop.detect.Blob;

/**
 * The outcome of {@link SlidingWindows}: the parameter map, the consensus and the whole-frame
 * front of the windows' choices.
 *
 * @param windows    what each window chose, row by row
 * @param consensus  the per-gene median of the windows' choices, scored on the whole frame
 * @param wholeFrame the windows' choices and the consensus applied to the whole frame: its front
 *                   and recommended option
 * @param windowsMs  milliseconds spent searching the windows
 */
public record WindowedResult(List<WindowChoice> windows, Candidate consensus, SearchResult wholeFrame, long windowsMs) {

    public WindowedResult {
        windows = List.copyOf(windows);
        Objects.requireNonNull(consensus, "consensus");
        Objects.requireNonNull(wholeFrame, "wholeFrame");
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
