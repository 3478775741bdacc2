package org.stemloop.sim;

/**
 * How the specimen moves under the beam between frames, as seen on the frame: a constant velocity (thermal or
 * stage drift) plus a random walk (vibration, charging). Frame {@code k} (0-based) shows every atom at its place
 * in the first frame plus the accumulated offset; the offset stays within {@code reachPx} of the start on each
 * axis (it is reflected at that bound), so the atoms placed around the frame always fill it.
 *
 * @param rowPerFrame constant drift along the rows (down), pixels per frame, -8 to 8
 * @param colPerFrame constant drift along the columns (right), pixels per frame, -8 to 8
 * @param walkSigma   standard deviation of the random step added on each axis per frame, pixels, 0 to 4
 * @param reachPx     the largest offset from the first frame on either axis, pixels, 0 to 1024; atoms are placed
 *                    this much further around the frame (more atoms to render, so keep it near what a series needs)
 */
public record Drift(double rowPerFrame, double colPerFrame, double walkSigma, double reachPx) {

    /** The specimen stays put. */
    public static final Drift NONE = new Drift(0, 0, 0, 0);

    public Drift {
        Checks.range("Drift along rows (px per frame)", rowPerFrame, -8, 8);
        Checks.range("Drift along columns (px per frame)", colPerFrame, -8, 8);
        Checks.range("Drift random walk (px per frame)", walkSigma, 0, 4);
        Checks.range("Drift reach (px)", reachPx, 0, 1024);
        if ((rowPerFrame != 0 || colPerFrame != 0 || walkSigma > 0) && reachPx == 0) {
            throw new IllegalArgumentException("A drifting specimen needs a reach above 0 px (how far it may go)");
        }
    }

    /** Whether the specimen moves at all. */
    public boolean moves() {
        return rowPerFrame != 0 || colPerFrame != 0 || walkSigma > 0;
    }
}
