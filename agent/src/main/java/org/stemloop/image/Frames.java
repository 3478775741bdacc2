package org.stemloop.image;

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
        double[] pixels = frame.pixels();
        int bad = 0;
        int first = -1;
        for (int i = 0; i < pixels.length; i++) {
            if (!Double.isFinite(pixels[i])) {
                bad++;
                if (first < 0) {
                    first = i;
                }
            }
        }
        if (bad > 0) {
            throw new ImageFormatException(source, "%d NaN or infinite pixel%s, the first at (row %d, col %d)"
                    .formatted(bad, bad == 1 ? "" : "s", first / frame.width(), first % frame.width()));
        }
        return frame;
    }
}
