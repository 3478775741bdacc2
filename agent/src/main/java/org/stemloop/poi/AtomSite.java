package org.stemloop.poi;

import org.stemloop.image.Frame;

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

    /** An atom's brightness as {@link PoiFinder} compares it: the mean of the 3 x 3 pixels at it (clipped at the border). */
    public static double brightness(Frame frame, double row, double col) {
        int r0 = (int) Math.round(row);
        int c0 = (int) Math.round(col);
        double sum = 0;
        int n = 0;
        for (int r = Math.max(0, r0 - 1); r <= Math.min(frame.height() - 1, r0 + 1); r++) {
            for (int c = Math.max(0, c0 - 1); c <= Math.min(frame.width() - 1, c0 + 1); c++) {
                sum += frame.get(r, c);
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }
}
