package org.stemloop.detect;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.stemloop.image.Frame;
import org.stemloop.image.Precision;

/**
 * The scale-normalised LoG stack of one frame: {@code -sigma² ∇²(G_sigma * image)} at each
 * scale, as scikit-image's {@code blob_log} builds its {@code image_cube}.
 *
 * <p>Each scale takes four separable passes (SciPy's {@code gaussian_laplace}: the second
 * derivative down the columns then smoothing along the rows, plus the converse), in the same
 * order and precision as SciPy, so every value equals scikit-image's. Scales are computed in
 * parallel, the largest kernels first so the threads finish together.
 *
 * @apiNote Cost: about {@code 4 (radius + 1)} multiply-adds per pixel and scale, radius =
 *          {@code int(4 sigma + 0.5)}. Memory: {@code numScales * height * width} doubles.
 *          The stack is immutable once built and can be shared by many threshold/overlap
 *          candidates (the LoG* optimiser does).
 * @implNote Longer than the house's ~300 lines on purpose: the convolution passes are tuned together
 *           (layout, loop order, precision, the parallel schedule) to equal SciPy bit for bit at
 *           benchmarked speed (docs/benchmarks.md); split apart, each change to one would have to be
 *           re-proven against the others.
 */
public final class ScaleSpace {

    private final int height;
    private final int width;
    private final double[] sigmas;
    /** {@code columns[scale][col][row]}: each layer stored column by column. */
    private final double[][][] columns;
    private final Precision precision;

    private ScaleSpace(int height, int width, double[] sigmas, double[][][] columns, Precision precision) {
        this.height = height;
        this.width = width;
        this.sigmas = sigmas;
        this.columns = columns;
        this.precision = precision;
    }

    /** Builds the stack for the given scales on all available processors. */
    public static ScaleSpace build(Frame frame, double[] sigmas) {
        return build(frame, sigmas, Parallelism.shared());
    }

    static ScaleSpace build(Frame frame, double[] sigmas, ExecutorService pool) {
        if (sigmas.length == 0) {
            throw new IllegalArgumentException("at least one sigma is needed");
        }
        for (double s : sigmas) {
            if (!(s > 0) || !Double.isFinite(s)) {
                throw new IllegalArgumentException("sigma must be positive and finite: " + s);
            }
        }
        int h = frame.height();
        int w = frame.width();
        double[] image = frame.pixels();
        double[][] rows = new double[h][];
        for (int y = 0; y < h; y++) {
            rows[y] = Arrays.copyOfRange(image, y * w, (y + 1) * w);
        }
        boolean f32 = frame.precision() == Precision.FLOAT32;
        double[][][] layers = new double[sigmas.length][][];
        Integer[] order = new Integer[sigmas.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(sigmas[b], sigmas[a]));
        AtomicInteger next = new AtomicInteger();
        int workers = Math.min(Parallelism.threads(), sigmas.length);
        List<Future<?>> tasks = new ArrayList<>();
        for (int t = 0; t < workers; t++) {
            tasks.add(pool.submit(() -> {
                Workspace ws = Workspace.forThread(h, w);
                for (int i = next.getAndIncrement(); i < order.length; i = next.getAndIncrement()) {
                    int s = order[i];
                    layers[s] = layer(rows, h, w, sigmas[s], f32, ws);
                }
            }));
        }
        for (Future<?> f : tasks) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while building the LoG stack", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("LoG stack failed: " + e.getCause(), e.getCause());
            }
        }
        return new ScaleSpace(h, w, sigmas.clone(), layers, frame.precision());
    }

    /**
     * One layer, {@code -(d²/dy² + d²/dx²)(G * image) * sigma²} in SciPy's order of operations,
     * as columns. The column passes read whole rows, eight output rows at a time, and each block
     * is transposed while it is still in cache, so the row passes read whole columns: loads at
     * offset {@code x} from separate arrays are the only pattern Java 17's JIT vectorises (a load
     * at an unknown offset from a possibly aliased array blocks it). Keeping the intermediate
     * images out of full-size scratch arrays matters as much: measured, the transposes of whole
     * images cost as much as the row passes because every image fell out of the cache.
     */
    private static double[][] layer(double[][] rows, int h, int w, double sigma, boolean f32, Workspace ws) {
        GaussianKernel k = GaussianKernel.of(sigma);
        int r = k.smooth.length - 1;
        // axis 0 first: A = rows ⋆ k2 and B = rows ⋆ k0 down the columns, stored transposed
        int[] down = reflectTable(h, r);
        for (int y0 = 0; y0 < h; y0 += BLOCK) {
            int n = Math.min(BLOCK, h - y0);
            for (int i = 0; i < n; i++) {
                correlatePair(rows, down, r, y0 + i, k.second, k.smooth, ws.blockA[i], ws.blockB[i], w, f32);
            }
            transposeBlock(ws.blockA, ws.at, y0, n, w);
            transposeBlock(ws.blockB, ws.bt, y0, n, w);
        }
        // then axis 1, along the rows (the stored columns): out = A ⋆ k0 + B ⋆ k2, scaled
        int[] across = reflectTable(w, r);
        double[][] out = new double[w][];
        double[] tmp = ws.line;
        for (int x = 0; x < w; x++) {
            double[] o = new double[h];
            correlate(ws.at, across, r, x, k.smooth, o, h, f32);
            correlate(ws.bt, across, r, x, k.second, tmp, h, f32);
            if (f32) {
                float scale = (float) (sigma * sigma);
                for (int y = 0; y < h; y++) {
                    float sum = (float) o[y] + (float) tmp[y];
                    o[y] = -sum * scale;
                }
            } else {
                double scale = sigma * sigma;
                for (int y = 0; y < h; y++) {
                    o[y] = -(o[y] + tmp[y]) * scale;
                }
            }
            out[x] = o;
        }
        return out;
    }

    /** Rows per block of the column passes: one 64-byte cache line of each transposed column. */
    private static final int BLOCK = 8;

    /** {@code table[i + r]} = the line that index {@code i} in [-r, n + r) reflects to. */
    private static int[] reflectTable(int n, int r) {
        int[] table = new int[n + 2 * r];
        for (int i = -r; i < n + r; i++) {
            table[i + r] = Reflect.index(i, n);
        }
        return table;
    }

    /**
     * Line {@code y} of SciPy's {@code correlate1d} with a symmetric kernel across the lines of
     * {@code src}, {@code mode='reflect'}: {@code out[x] = src[y][x] k[0]}, then {@code += (src[y-j][x]
     * + src[y+j][x]) k[j]} for j from the radius down to 1, as SciPy sums; rounded to float for
     * float32 frames. Two taps per sweep halve the loads and stores of {@code out} without
     * changing the order of the additions (more taps per sweep measured slower).
     */
    private static void correlate(double[][] src, int[] reflect, int r, int y, double[] k, double[] out,
                                  int len, boolean f32) {
        double[] centre = src[y];
        double k0 = k[0];
        for (int x = 0; x < len; x++) {
            out[x] = centre[x] * k0;
        }
        int j = r;
        for (; j >= 2; j -= 2) {
            double[] u0 = src[reflect[y - j + r]];
            double[] d0 = src[reflect[y + j + r]];
            double[] u1 = src[reflect[y - j + 1 + r]];
            double[] d1 = src[reflect[y + j - 1 + r]];
            double kj0 = k[j];
            double kj1 = k[j - 1];
            for (int x = 0; x < len; x++) {
                out[x] = out[x] + (u0[x] + d0[x]) * kj0 + (u1[x] + d1[x]) * kj1;
            }
        }
        if (j == 1) {
            double[] u = src[reflect[y - 1 + r]];
            double[] d = src[reflect[y + 1 + r]];
            double k1 = k[1];
            for (int x = 0; x < len; x++) {
                out[x] += (u[x] + d[x]) * k1;
            }
        }
        if (f32) {
            roundToFloat(out, len);
        }
    }

    /**
     * {@link #correlate} with two kernels of one radius on the same lines at once: each pair
     * sum {@code src[y-j][x] + src[y+j][x]} is loaded and added once for both outputs (each
     * output's additions keep SciPy's order).
     */
    private static void correlatePair(double[][] src, int[] reflect, int r, int y, double[] ka, double[] kb,
                                      double[] outA, double[] outB, int len, boolean f32) {
        double[] centre = src[y];
        double a0 = ka[0];
        double b0 = kb[0];
        for (int x = 0; x < len; x++) {
            double c = centre[x];
            outA[x] = c * a0;
            outB[x] = c * b0;
        }
        int j = r;
        for (; j >= 2; j -= 2) {
            double[] u0 = src[reflect[y - j + r]];
            double[] d0 = src[reflect[y + j + r]];
            double[] u1 = src[reflect[y - j + 1 + r]];
            double[] d1 = src[reflect[y + j - 1 + r]];
            double ka0 = ka[j];
            double ka1 = ka[j - 1];
            double kb0 = kb[j];
            double kb1 = kb[j - 1];
            for (int x = 0; x < len; x++) {
                double s0 = u0[x] + d0[x];
                double s1 = u1[x] + d1[x];
                outA[x] = outA[x] + s0 * ka0 + s1 * ka1;
                outB[x] = outB[x] + s0 * kb0 + s1 * kb1;
            }
        }
        if (j == 1) {
            double[] u = src[reflect[y - 1 + r]];
            double[] d = src[reflect[y + 1 + r]];
            double ka1 = ka[1];
            double kb1 = kb[1];
            for (int x = 0; x < len; x++) {
                double s = u[x] + d[x];
                outA[x] += s * ka1;
                outB[x] += s * kb1;
            }
        }
        if (f32) {
            roundToFloat(outA, len);
            roundToFloat(outB, len);
        }
    }

    private static void roundToFloat(double[] line, int len) {
        for (int x = 0; x < len; x++) {
            line[x] = (float) line[x];
        }
    }

    /** {@code dst[x][y0 + i] = block[i][x]} for the block's {@code n} lines. */
    private static void transposeBlock(double[][] block, double[][] dst, int y0, int n, int w) {
        if (n == BLOCK) {
            double[] s0 = block[0];
            double[] s1 = block[1];
            double[] s2 = block[2];
            double[] s3 = block[3];
            double[] s4 = block[4];
            double[] s5 = block[5];
            double[] s6 = block[6];
            double[] s7 = block[7];
            for (int x = 0; x < w; x++) {
                double[] d = dst[x];
                d[y0] = s0[x];
                d[y0 + 1] = s1[x];
                d[y0 + 2] = s2[x];
                d[y0 + 3] = s3[x];
                d[y0 + 4] = s4[x];
                d[y0 + 5] = s5[x];
                d[y0 + 6] = s6[x];
                d[y0 + 7] = s7[x];
            }
            return;
        }
        for (int i = 0; i < n; i++) {
            double[] line = block[i];
            for (int x = 0; x < w; x++) {
                dst[x][y0 + i] = line[x];
            }
        }
    }

    /**
     * A stack of some of this stack's layers, in the given order (they are shared, not copied):
     * lets a search reuse layers computed once for many candidate sigma lists.
     */
    public ScaleSpace select(int... scales) {
        if (scales.length == 0) {
            throw new IllegalArgumentException("at least one scale is needed");
        }
        double[] s = new double[scales.length];
        double[][][] c = new double[scales.length][][];
        for (int i = 0; i < scales.length; i++) {
            if (scales[i] < 0 || scales[i] >= sigmas.length) {
                throw new IllegalArgumentException("no scale %d in a stack of %d".formatted(scales[i], sigmas.length));
            }
            s[i] = sigmas[scales[i]];
            c[i] = columns[scales[i]];
        }
        return new ScaleSpace(height, width, s, c, precision);
    }

    /** The layers of several stacks of one frame, one after the other (shared, not copied). */
    public static ScaleSpace concat(List<ScaleSpace> stacks) {
        if (stacks.isEmpty()) {
            throw new IllegalArgumentException("at least one stack is needed");
        }
        ScaleSpace first = stacks.get(0);
        int n = stacks.stream().mapToInt(ScaleSpace::numScales).sum();
        double[] s = new double[n];
        double[][][] c = new double[n][][];
        int i = 0;
        for (ScaleSpace st : stacks) {
            if (st.height != first.height || st.width != first.width || st.precision != first.precision) {
                throw new IllegalArgumentException("stacks of different frames: %dx%d %s and %dx%d %s".formatted(
                        first.height, first.width, first.precision, st.height, st.width, st.precision));
            }
            for (int k = 0; k < st.numScales(); k++, i++) {
                s[i] = st.sigmas[k];
                c[i] = st.columns[k];
            }
        }
        return new ScaleSpace(first.height, first.width, s, c, first.precision);
    }

    public int height() {
        return height;
    }

    public int width() {
        return width;
    }

    public int numScales() {
        return sigmas.length;
    }

    /** The scales, in stack order. */
    public double[] sigmas() {
        return sigmas.clone();
    }

    public double sigma(int scale) {
        return sigmas[scale];
    }

    public Precision precision() {
        return precision;
    }

    /** The value at (row, col) of layer {@code scale}. */
    public double value(int row, int col, int scale) {
        return columns[scale][col][row];
    }

    /** The layers, {@code [scale][col][row]}, for the peak finder; never modified. */
    double[][][] columns() {
        return columns;
    }

    /**
     * One worker's scratch images, reused for every scale it computes and kept per thread for
     * the next frame of the same size (a 1024² frame needs 16 MB of them).
     */
    private static final class Workspace {
        private static final ThreadLocal<Workspace> CURRENT = new ThreadLocal<>();

        final double[][] blockA;
        final double[][] blockB;
        final double[][] at;
        final double[][] bt;
        final double[] line;
        final int height;

        static Workspace forThread(int h, int w) {
            Workspace ws = CURRENT.get();
            if (ws == null || ws.height != h || ws.at.length != w) {
                ws = new Workspace(h, w);
                CURRENT.set(ws);
            }
            return ws;
        }

        private Workspace(int h, int w) {
            height = h;
            blockA = new double[BLOCK][w];
            blockB = new double[BLOCK][w];
            at = new double[w][h];
            bt = new double[w][h];
            line = new double[h];
        }
    }
}
