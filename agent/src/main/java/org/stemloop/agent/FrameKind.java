package org.stemloop.agent;

import java.util.Objects;

/**
 * What parameters are tuned for: the lattice (material and pixel size) and the frame size. A frame
 * of another kind makes the agent optimise again.
 *
 * @param lattice the lattice the rewards were computed against
 * @param height  frame rows, pixels
 * @param width   frame columns, pixels
 */
public record FrameKind(FrameLattice lattice, int height, int width) {

    public FrameKind {
        Objects.requireNonNull(lattice, "lattice");
    }

    boolean sameAs(FrameKind other) {
        return other != null && height == other.height && width == other.width && lattice.sameAs(other.lattice);
    }

    public String describe() {
        return "%s at %.4g Å/px, %d x %d px".formatted(lattice.name(), lattice.pixelSize(), height, width);
    }
}
