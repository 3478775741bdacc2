package org.stemloop.poi;

import java.util.Objects;

/**
 * One place on a frame worth a spectrum.
 *
 * @param id          stable within its frame: {@code p<atom index>}
 * @param atom        the index of the atom in the frame's detections
 * @param kind        why
 * @param row         pixels, from the top
 * @param col         pixels, from the left
 * @param xAngstrom   the microscope's frame: {@code col * pixel size} (Å); NaN when the pixel size is unknown
 * @param yAngstrom   {@code row * pixel size} (Å); NaN when unknown
 * @param score       how strongly, 0 (barely) to 1 (certainly); comparable within a kind
 * @param reason      one line a person can check, e.g. "intensity 6.1 MAD above the median"
 */
public record PointOfInterest(String id, int atom, PoiKind kind, double row, double col, double xAngstrom,
                              double yAngstrom, double score, String reason) {

    public PointOfInterest {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(reason, "reason");
        if (atom < 0) {
            throw new IllegalArgumentException("Atom index must not be negative: " + atom);
        }
        if (!Double.isFinite(row) || !Double.isFinite(col)) {
            throw new IllegalArgumentException("Point of interest position must be finite: (%s, %s)".formatted(row, col));
        }
        if (!(score >= 0 && score <= 1)) {
            throw new IllegalArgumentException("Score must be in [0, 1]: " + score);
        }
    }
}
