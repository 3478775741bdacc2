package org.stemloop.poi;

/**
 * An atom as {@link PoiFinder} sees it.
 *
 * @param row       pixels
 * @param col       pixels
 * @param intensity the frame's mean brightness at the atom (any unit; compared within the frame), or NaN
 * @param cls       its class from the clustering step, or -1 when the frame was not classified
 */
public record AtomSite(double row, double col, double intensity, int cls) {

    public AtomSite {
        if (!Double.isFinite(row) || !Double.isFinite(col)) {
            throw new IllegalArgumentException("Atom position must be finite: (%s, %s)".formatted(row, col));
        }
    }
}
