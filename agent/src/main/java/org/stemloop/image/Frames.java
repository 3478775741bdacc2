package org.stemloop.image;

import java.util.Optional;

/**
 * Checks on frames that some consumers need and readers deliberately do not impose: a file with NaN
 * pixels is still a faithful reading of that file, but a detector or a reward cannot use it.
 */
public final class Frames {

    private Frames() {
    }

    /**
     * Returns {@code frame} when every pixel is finite.
     *
     * @param source names the frame in the message (a file, a frame id)
     * @throws ImageFormatException naming how many pixels are NaN or infinite and where the first one is
     * @apiNote one pass over the pixels (about a millisecond for 1024 x 1024)
     */
    public static Frame requireFinite(Frame frame, String source) throws ImageFormatException {
        Optional<NonFinite> bad = nonFinite(frame);
        if (bad.isPresent()) {
            NonFinite b = bad.get();
            throw new ImageFormatException(source, "%d NaN or infinite pixel%s, the first at (row %d, col %d)"
                    .formatted(b.count(), b.count() == 1 ? "" : "s", b.row(), b.col()));
        }
        return frame;
    }

    /**
     * The NaN or infinite pixels of {@code frame}, if any: how many, and where the first (row-major) is.
     *
     * @apiNote one pass over the pixels
     */
    public static Optional<NonFinite> nonFinite(Frame frame) {
        double[] pixels = frame.pixels();
        int count = 0;
        int first = -1;
        for (int i = 0; i < pixels.length; i++) {
            if (!Double.isFinite(pixels[i])) {
                count++;
                if (first < 0) {
                    first = i;
                }
            }
        }
        return count == 0 ? Optional.empty()
                : Optional.of(new NonFinite(count, first / frame.width(), first % frame.width(), pixels[first]));
    }

    /** {@code count} NaN or infinite pixels, the first at ({@code row}, {@code col}) with {@code value}. */
    public record NonFinite(int count, int row, int col, double value) {
    }

    /**
     * The frame min-max scaled to [0, 1] (a constant frame becomes all zeros), float64, pixel size kept:
     * as LoG* sees every frame, so its thresholds mean the same whatever the detector's counts.
     *
     * @throws IllegalArgumentException when a pixel is NaN or infinite
     */
    public static Frame unitRange(Frame frame) {
        double[] range = frame.range();
        if (!Double.isFinite(range[0]) || !Double.isFinite(range[1])) {
            throw new IllegalArgumentException("Frame has non-finite pixels (NaN or infinite): range [%s, %s]"
                    .formatted(range[0], range[1]));
        }
        double[] p = frame.pixels();
        double span = range[1] - range[0];
        for (int i = 0; i < p.length; i++) {
            p[i] = span > 0 ? (p[i] - range[0]) / span : 0;
        }
        Frame scaled = Frame.of(frame.height(), frame.width(), p);
        return frame.pixelSizeAngstrom().isPresent() ? scaled.withPixelSize(frame.pixelSizeAngstrom().getAsDouble())
                : scaled;
    }
}
