package org.stemloop.poi;

/**
 * How much beam the agent may ask for: the electron dose is the dwell time (at a fixed probe current), so the
 * budget is a sum of dwell times, per frame and over the run.
 *
 * @param dwellMs    dwell time of one spectrum, ms
 * @param perFrameMs the most dwell time one acquisition request (one frame) may ask for, ms
 * @param perRunMs   the most dwell time all requests of a run together may ask for, ms
 */
public record DoseBudget(double dwellMs, double perFrameMs, double perRunMs) {

    /** 20 ms per spectrum, 200 ms per frame (10 positions), 60 s per run. */
    public static final DoseBudget DEFAULT = new DoseBudget(20, 200, 60_000);

    public DoseBudget {
        if (!(dwellMs > 0) || !Double.isFinite(dwellMs)) {
            throw new IllegalArgumentException("Dwell time must be positive ms: " + dwellMs);
        }
        if (!(perFrameMs >= dwellMs) || !Double.isFinite(perFrameMs)) {
            throw new IllegalArgumentException("Per-frame budget must be at least one dwell (%s ms): %s"
                    .formatted(dwellMs, perFrameMs));
        }
        if (!(perRunMs >= perFrameMs) || !Double.isFinite(perRunMs)) {
            throw new IllegalArgumentException("Per-run budget must be at least the per-frame budget (%s ms): %s"
                    .formatted(perFrameMs, perRunMs));
        }
    }
}
