package org.stemloop.detect;

import java.util.ArrayList;
import java.util.List;
import org.stemloop.image.Frame;
import org.stemloop.image.Precision;

/**
 * Laplacian-of-Gaussian blob detection, equal to scikit-image's {@code blob_log} (0.19.3):
 * the same blobs, at the same integer positions, with the same sigmas, for every parameter
 * including its quirks (descending sigma lists, {@code log_scale}, {@code threshold_rel},
 * {@code exclude_border}, plateau ties, pruning order). Steps:
 * <ol>
 *   <li>{@link SigmaSchedule}: the scales;</li>
 *   <li>{@link ScaleSpace}: the scale-normalised LoG stack, in parallel;</li>
 *   <li>{@link PeakFinder}: 3x3x3 local maxima above the threshold;</li>
 *   <li>{@link BlobPruner}: drop the smaller of two blobs that overlap too much.</li>
 * </ol>
 *
 * <p>Float32 frames are processed in float32 where scikit-image does so; everything else in
 * float64. Frames must be finite: a NaN or infinite pixel is rejected with its position.
 *
 * {@snippet :
 * List<Blob> atoms = LogBlobDetector.detect(frame, LogParams.of(2, 6, 10, 0.1, 0.5));
 * }
 *
 * @apiNote Cost is dominated by the stack: about {@code 4 (int(4 sigma + 0.5) + 1)}
 *          multiply-adds per pixel per scale. To try many thresholds and overlaps on one frame,
 *          build the {@link ScaleSpace} once and call {@link #detect(ScaleSpace, LogParams)}.
 * @see <a href="https://scikit-image.org/docs/0.19.x/api/skimage.feature.html#blob-log">skimage.feature.blob_log</a>
 */
public final class LogBlobDetector {

    private LogBlobDetector() {
    }

    /** Detects blobs in {@code frame}; blobs come brightest first. */
    public static List<Blob> detect(Frame frame, LogParams params) {
        requireFinite(frame);
        return detect(scaleSpace(frame, params), params);
    }

    /** The LoG stack {@code params} asks for (its scales, its precision). */
    public static ScaleSpace scaleSpace(Frame frame, LogParams params) {
        return ScaleSpace.build(frame, SigmaSchedule.of(params, frame.precision()));
    }

    /** The scales {@code params} gives for a frame of the given precision. */
    public static double[] sigmas(LogParams params, Precision precision) {
        return SigmaSchedule.of(params, precision);
    }

    /**
     * Detects blobs in a stack built before; only the threshold, overlap and border of
     * {@code params} are used (the scales are the stack's).
     */
    public static List<Blob> detect(ScaleSpace space, LogParams params) {
        double threshold = PeakFinder.threshold(space, params);
        int[] peaks = PeakFinder.find(space, threshold, params.excludeBorder());
        int n = peaks.length;
        int s = space.numScales();
        int w = space.width();
        int[] rows = new int[n];
        int[] cols = new int[n];
        double[] sigma = new double[n];
        for (int i = 0; i < n; i++) {
            int pixel = peaks[i] / s;
            rows[i] = pixel / w;
            cols[i] = pixel % w;
            sigma[i] = space.sigma(peaks[i] % s);
        }
        BlobPruner.prune(rows, cols, sigma, params.overlap(), space.precision() == Precision.FLOAT32);
        List<Blob> blobs = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            if (sigma[i] > 0) {
                blobs.add(new Blob(rows[i], cols[i], sigma[i]));
            }
        }
        return List.copyOf(blobs);
    }

    private static void requireFinite(Frame frame) {
        double[] px = frame.pixels();
        for (int i = 0; i < px.length; i++) {
            if (!Double.isFinite(px[i])) {
                throw new IllegalArgumentException("frame has a non-finite pixel (%s) at row %d, col %d"
                        .formatted(px[i], i / frame.width(), i % frame.width()));
            }
        }
    }
}
