package org.stemloop.detect;

import java.util.Arrays;
import org.stemloop.image.Precision;

/**
 * Local maxima of a LoG stack, as {@code skimage.feature.peak_local_max} finds them for
 * {@code blob_log} (scikit-image 0.19): a voxel is a peak when it equals the maximum of its
 * 3x3x3 neighbourhood (the scale axis counts; outside the stack counts as 0, SciPy's
 * {@code maximum_filter(mode='constant')}), lies strictly above the threshold, and is not
 * within {@code excludeBorder} pixels of the frame's edge. Plateaus keep every tied voxel; a
 * constant stack has no peaks. Peaks come out brightest first (ties in row, col, scale order).
 */
final class PeakFinder {

    private PeakFinder() {
    }

    /** The threshold {@code blob_log} applies, in the stack's precision. */
    static double threshold(ScaleSpace space, LogParams p) {
        double[][] layers = space.layers();
        double t = p.hasThreshold() ? p.threshold() : min(layers);
        if (p.hasThresholdRel()) {
            t = Math.max(t, p.thresholdRel() * max(layers));
        }
        // NumPy compares a float32 array with a scalar after casting the scalar to float32
        return space.precision() == Precision.FLOAT32 ? (float) t : t;
    }

    /**
     * Peaks above {@code threshold}, as packed voxel indices {@code (row * width + col) * S + scale},
     * sorted by decreasing value.
     */
    static int[] find(ScaleSpace space, double threshold, int excludeBorder) {
        int h = space.height();
        int w = space.width();
        int s = space.numScales();
        double[][] layers = space.layers();
        if (isConstantNonNegative(layers)) {
            return new int[0];
        }
        int[] found = new int[64];
        int n = 0;
        int r0 = excludeBorder;
        int r1 = h - excludeBorder;
        int c0 = excludeBorder;
        int c1 = w - excludeBorder;
        for (int k = 0; k < s; k++) {
            double[] layer = layers[k];
            for (int r = r0; r < r1; r++) {
                int row = r * w;
                for (int c = c0; c < c1; c++) {
                    double v = layer[row + c];
                    if (v > threshold && isLocalMax(layers, h, w, s, r, c, k, v)) {
                        if (n == found.length) {
                            found = Arrays.copyOf(found, n * 2);
                        }
                        found[n++] = (row + c) * s + k;
                    }
                }
            }
        }
        return sortByValueDescending(Arrays.copyOf(found, n), layers, s);
    }

    private static boolean isLocalMax(double[][] layers, int h, int w, int s, int r, int c, int k, double v) {
        boolean border = r == 0 || r == h - 1 || c == 0 || c == w - 1 || k == 0 || k == s - 1;
        if (border && v < 0) {
            return false; // the zero padding outside the stack is larger
        }
        for (int dk = Math.max(0, k - 1); dk <= Math.min(s - 1, k + 1); dk++) {
            double[] layer = layers[dk];
            for (int dr = Math.max(0, r - 1); dr <= Math.min(h - 1, r + 1); dr++) {
                int row = dr * w;
                for (int dc = Math.max(0, c - 1); dc <= Math.min(w - 1, c + 1); dc++) {
                    if (layer[row + dc] > v) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    private static int[] sortByValueDescending(int[] voxels, double[][] layers, int s) {
        // voxels are already in (row, col, scale) order within a scale; sort stably by value
        Integer[] boxed = new Integer[voxels.length];
        for (int i = 0; i < voxels.length; i++) {
            boxed[i] = voxels[i];
        }
        Arrays.sort(boxed, (a, b) -> {
            int byValue = Double.compare(layers[b % s][b / s], layers[a % s][a / s]);
            return byValue != 0 ? byValue : Integer.compare(a, b);
        });
        int[] out = new int[voxels.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = boxed[i];
        }
        return out;
    }

    private static boolean isConstantNonNegative(double[][] layers) {
        double first = layers[0][0];
        if (first < 0) {
            return false;
        }
        for (double[] layer : layers) {
            for (double v : layer) {
                if (v != first) {
                    return false;
                }
            }
        }
        return true;
    }

    private static double min(double[][] layers) {
        double m = Double.POSITIVE_INFINITY;
        for (double[] layer : layers) {
            for (double v : layer) {
                m = Math.min(m, v);
            }
        }
        return m;
    }

    private static double max(double[][] layers) {
        double m = Double.NEGATIVE_INFINITY;
        for (double[] layer : layers) {
            for (double v : layer) {
                m = Math.max(m, v);
            }
        }
        return m;
    }
}
