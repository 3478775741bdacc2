package org.stemloop.image;

/**
 * Resamples a frame with non-square pixels to square ones, because the detectors measure distances
 * in pixels and take one pixel size for both axes. The coarser axis is interpolated linearly to the
 * finer axis's pixel size, so no measured sample is averaged away; the finer axis is left as it is.
 *
 * <p>Sample {@code j} of the new axis sits at the centre of its new pixel, {@code (j + 0.5) * fine}
 * from the edge, which is {@code (j + 0.5) * fine / coarse - 0.5} in old pixel coordinates; beyond
 * the outermost old centres the edge value is repeated. Cost: one pass over the new frame.
 */
final class SquarePixels {

    private SquarePixels() {
    }

    /**
     * The frame on a square grid of the finer pixel size, calibrated with it.
     *
     * @param size both axes known (see {@link PixelSize#known()})
     * @throws ImageTooLargeException when the resampled frame would exceed {@link NpyCodec#MAX_PIXELS}
     */
    static Frame resample(Frame frame, PixelSize size, String source) throws ImageTooLargeException {
        double fine = Math.min(size.row(), size.column());
        long rows = Math.max(1, Math.round(frame.height() * size.row() / fine));
        long columns = Math.max(1, Math.round(frame.width() * size.column() / fine));
        if (rows * columns > NpyCodec.MAX_PIXELS) {
            throw new ImageTooLargeException(source, "resampling %d x %d non-square pixels (%s) to square gives %d x %d, over %d pixels"
                    .formatted(frame.height(), frame.width(), ImageFile.describe(size), rows, columns, NpyCodec.MAX_PIXELS));
        }
        double[] src = frame.pixels();
        double[] out = new double[(int) (rows * columns)];
        int[] r0 = new int[(int) rows];
        double[] rw = new double[(int) rows];
        weights(frame.height(), fine / size.row(), r0, rw);
        int[] c0 = new int[(int) columns];
        double[] cw = new double[(int) columns];
        weights(frame.width(), fine / size.column(), c0, cw);
        int w = frame.width();
        for (int r = 0; r < rows; r++) {
            int ra = r0[r];
            int rb = Math.min(ra + 1, frame.height() - 1);
            for (int c = 0; c < columns; c++) {
                int ca = c0[c];
                int cb = Math.min(ca + 1, w - 1);
                double top = src[ra * w + ca] * (1 - cw[c]) + src[ra * w + cb] * cw[c];
                double bottom = src[rb * w + ca] * (1 - cw[c]) + src[rb * w + cb] * cw[c];
                out[r * (int) columns + c] = top * (1 - rw[r]) + bottom * rw[r];
            }
        }
        return Frame.of((int) rows, (int) columns, out, frame.precision()).withPixelSize(fine);
    }

    /** For each new sample: the old sample before it and the weight of the one after ({@code step} = new/old size). */
    private static void weights(int oldLength, double step, int[] index, double[] weight) {
        for (int j = 0; j < index.length; j++) {
            double x = Math.max(0, Math.min(oldLength - 1, (j + 0.5) * step - 0.5));
            int i = (int) Math.floor(x);
            index[j] = i;
            weight[j] = x - i;
        }
    }
}
