package org.stemloop.poi;

import java.util.Objects;

/**
 * One place the beam is asked to dwell.
 *
 * @param poiId     the point of interest it serves
 * @param row       pixels of the frame the request names
 * @param col       pixels
 * @param xAngstrom Å in the microscope's frame (NaN when the pixel size is unknown)
 * @param yAngstrom Å
 * @param dwellMs   ms
 */
public record BeamPosition(String poiId, double row, double col, double xAngstrom, double yAngstrom, double dwellMs) {

    public BeamPosition {
        Objects.requireNonNull(poiId, "poiId");
        if (!Double.isFinite(row) || !Double.isFinite(col)) {
            throw new IllegalArgumentException("Beam position must be finite: (%s, %s)".formatted(row, col));
        }
        if (!(dwellMs > 0) || !Double.isFinite(dwellMs)) {
            throw new IllegalArgumentException("Dwell time must be positive ms: " + dwellMs);
        }
    }
}
