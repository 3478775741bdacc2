package org.stemloop.agent;

import java.util.Arrays;

/**
 * The atom classes of one frame ({@code classes} option): each LoG* atom's class, or why the frame
 * was not classified.
 *
 * @param labels  class of each atom in the order of the analysis' atoms (0 the largest class), or
 *                {@code null} when skipped
 * @param classes number of classes (0 when skipped)
 * @param patchSide side of the square patch around each atom, pixels (0 when skipped)
 * @param skipped why the frame was not classified (e.g. too few atoms), or {@code null}
 * @param ms      milliseconds the classification took
 */
public record FrameClasses(int[] labels, int classes, int patchSide, String skipped, long ms) {

    public FrameClasses {
        if ((labels == null) == (skipped == null)) {
            throw new IllegalArgumentException("Frame classes have either labels or a reason they were skipped");
        }
        labels = labels == null ? null : labels.clone();
    }

    /** A frame left unclassified, and why. */
    static FrameClasses skipped(String reason, long ms) {
        return new FrameClasses(null, 0, 0, reason, ms);
    }

    @Override
    public int[] labels() {
        return labels == null ? null : labels.clone();
    }

    /** Atoms per class, class 0 first; empty when skipped. */
    public int[] counts() {
        int[] c = new int[classes];
        if (labels != null) {
            for (int l : labels) {
                c[l]++;
            }
        }
        return c;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FrameClasses f && Arrays.equals(labels, f.labels) && classes == f.classes && patchSide == f.patchSide
                && java.util.Objects.equals(skipped, f.skipped) && ms == f.ms;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(Arrays.hashCode(labels), classes, patchSide, skipped, ms);
    }
}
