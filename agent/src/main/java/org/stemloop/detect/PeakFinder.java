package org.stemloop.detect;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
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
        double[][][] layers = space.columns();
        double t = p.hasThreshold() ? p.threshold() : min(layers);
        if (p.hasThresholdRel()) {
            t = Math.max(t, p.thresholdRel() * max(layers));
        }
        // NumPy compares a float32 array with a scalar after casting the scalar to float32
        return space.precision() == Precision.FLOAT32 ? (float) t : t;
    }

    /**
     * Peaks above {@code threshold}, as packed voxel indices {@code (row * width + col) * S + scale},
     * sorted by decreasing value. Layers are column-major ({@code col * height + row}).
     */
    static int[] find(ScaleSpace space, double threshold, int excludeBorder) {
        int h = space.height();
        int w = space.width();
        int s = space.numScales();
        double[][][] layers = space.columns();
        if (isConstantNonNegative(layers)) {
            return new int[0];
        }
        // one task per layer; the sort below makes the result independent of the split
        List<Callable<int[]>> tasks = new ArrayList<>(s);
        for (int k = 0; k < s; k++) {
            int layer = k;
            tasks.add(() -> peaksInLayer(layers, h, w, s, layer, threshold, excludeBorder));
        }
        int[][] perLayer = new int[s][];
        try {
            List<Future<int[]>> done = Parallelism.shared().invokeAll(tasks);
            for (int k = 0; k < s; k++) {
                perLayer[k] = done.get(k).get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while finding peaks", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("peak finding failed: " + e.getCause(), e.getCause());
        }
        int total = 0;
        for (int[] p : perLayer) {
            total += p.length;
        }
        int[] all = new int[total];
        int n = 0;
        for (int[] p : perLayer) {
            System.arraycopy(p, 0, all, n, p.length);
            n += p.length;
        }
        return sortByValueDescending(all, layers, h, w, s);
    }

    private static int[] peaksInLayer(double[][][] layers, int h, int w, int s, int k, double threshold,
                                      int excludeBorder) {
        int[] found = new int[64];
        int n = 0;
        double[][] layer = layers[k];
        int last = h - 1;
        for (int c = excludeBorder; c < w - excludeBorder; c++) {
            double[] col = layer[c];
            for (int r = excludeBorder; r < h - excludeBorder; r++) {
                double v = col[r];
                // the neighbours in the same column first: they reject most voxels from the cache
                if (v > threshold
                        && (r == 0 || v >= col[r - 1]) && (r == last || v >= col[r + 1])
                        && isLocalMax(layers, h, w, s, r, c, k, v)) {
                    if (n == found.length) {
                        found = Arrays.copyOf(found, n * 2);
                    }
                    found[n++] = (r * w + c) * s + k;
                }
            }
        }
        return Arrays.copyOf(found, n);
    }

    private static boolean isLocalMax(double[][][] layers, int h, int w, int s, int r, int c, int k, double v) {
        boolean border = r == 0 || r == h - 1 || c == 0 || c == w - 1 || k == 0 || k == s - 1;
        if (border && v < 0) {
            return false; // the zero padding outside the stack is larger
        }
        int rLo = Math.max(0, r - 1);
        int rHi = Math.min(h - 1, r + 1);
        // this layer first (its columns are in the cache), then the layers above and below
        if (exceeds(layers[k], w, r, c, rLo, rHi, v)) {
            return false;
        }
        return (k == 0 || !exceeds(layers[k - 1], w, r, c, rLo, rHi, v))
                && (k == s - 1 || !exceeds(layers[k + 1], w, r, c, rLo, rHi, v));
    }

    /** Whether any value of the layer's 3x3 neighbourhood of (r, c) is larger than {@code v}. */
    private static boolean exceeds(double[][] layer, int w, int r, int c, int rLo, int rHi, double v) {
        for (int dc = Math.max(0, c - 1); dc <= Math.min(w - 1, c + 1); dc++) {
            double[] col = layer[dc];
            for (int dr = rLo; dr <= rHi; dr++) {
                if (col[dr] > v) {
                    return true;
                }
            }
        }
        return false;
    }

    private static int[] sortByValueDescending(int[] voxels, double[][][] layers, int h, int w, int s) {
        // ties keep (row, col, scale) order
        Integer[] boxed = new Integer[voxels.length];
        for (int i = 0; i < voxels.length; i++) {
            boxed[i] = voxels[i];
        }
        Arrays.sort(boxed, (a, b) -> {
            int byValue = Double.compare(value(layers, b, h, w, s), value(layers, a, h, w, s));
            return byValue != 0 ? byValue : Integer.compare(a, b);
        });
        int[] out = new int[voxels.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = boxed[i];
        }
        return out;
    }

    private static double value(double[][][] layers, int voxel, int h, int w, int s) {
        int pixel = voxel / s;
        return layers[voxel % s][pixel % w][pixel / w];
    }

    /**
     * A constant stack has no peaks in scikit-image ({@code image_is_trivial}): every voxel
     * equals its neighbourhood maximum only when all are equal and not below the zero padding.
     */
    private static boolean isConstantNonNegative(double[][][] layers) {
        double first = layers[0][0][0];
        if (first < 0) {
            return false;
        }
        for (double[][] layer : layers) {
            for (double[] column : layer) {
                for (double v : column) {
                    if (v != first) {
                        return false; // almost always at the second voxel
                    }
                }
            }
        }
        return true;
    }

    private static double min(double[][][] layers) {
        return range(layers)[0];
    }

    private static double max(double[][][] layers) {
        return range(layers)[1];
    }

    /** {@code {min, max}} over the whole stack. */
    private static double[] range(double[][][] layers) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double[][] layer : layers) {
            for (double[] column : layer) {
                for (double v : column) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
        }
        return new double[] {min, max};
    }
}
