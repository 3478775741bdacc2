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
     * as columns. The column passes read whole rows; their results are transposed so the row
     * passes read whole columns: loads at offset {@code x} from separate arrays are the only
     * pattern Java 17's JIT vectorises (a load at an unknown offset from a possibly aliased
     * array blocks it).
     */
    private static double[][] layer(double[][] rows, int h, int w, double sigma, boolean f32, Workspace ws) {
        GaussianKernel k = GaussianKernel.of(sigma);
        // axis 0 first: A = rows ⋆ k2, B = rows ⋆ k0 (down the columns)
        pass(rows, h, w, k.second, ws.a, f32);
        pass(rows, h, w, k.smooth, ws.b, f32);
        transpose(ws.a, ws.at, h, w);
        transpose(ws.b, ws.bt, h, w);
        // then axis 1, on the transposed images: out = A ⋆ k0 and tmp = B ⋆ k2 (along the rows)
        double[][] out = new double[w][h];
        pass(ws.at, w, h, k.smooth, out, f32);
        pass(ws.bt, w, h, k.second, ws.ct, f32);
        if (f32) {
            float scale = (float) (sigma * sigma);
            for (int x = 0; x < w; x++) {
                double[] o = out[x];
                double[] t = ws.ct[x];
                for (int y = 0; y < h; y++) {
                    float sum = (float) o[y] + (float) t[y];
                    o[y] = -sum * scale;
                }
            }
        } else {
            double scale = sigma * sigma;
            for (int x = 0; x < w; x++) {
                double[] o = out[x];
                double[] t = ws.ct[x];
                for (int y = 0; y < h; y++) {
                    o[y] = -(o[y] + t[y]) * scale;
                }
            }
        }
        return out;
    }

    /**
     * SciPy's {@code correlate1d} with a symmetric kernel along the first axis of {@code src}
     * (given as {@code n} lines of length {@code len}), {@code mode='reflect'}: {@code dst[y][x]
     * = src[y][x] k[0]}, then {@code += (src[y-j][x] + src[y+j][x]) k[j]} for j from the radius
     * down to 1, as SciPy sums; rounded to float for float32 frames. Two taps per sweep halve
     * the loads and stores of {@code dst} without changing the order of the additions (more taps
     * per sweep, or strips narrower than a line, measured slower).
     */
    private static void pass(double[][] src, int n, int len, double[] k, double[][] dst, boolean f32) {
        int r = k.length - 1;
        int[] reflect = new int[n + 2 * r];
        for (int i = -r; i < n + r; i++) {
            reflect[i + r] = Reflect.index(i, n);
        }
        double k0 = k[0];
        for (int y = 0; y < n; y++) {
            double[] out = dst[y];
            double[] centre = src[y];
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
                for (int x = 0; x < len; x++) {
                    out[x] = (float) out[x];
                }
            }
        }
    }

    /** {@code dst[x][y] = src[y][x]}, eight rows at a time so each written line is used whole. */
    private static void transpose(double[][] src, double[][] dst, int h, int w) {
        int y = 0;
        for (; y + 8 <= h; y += 8) {
            double[] s0 = src[y];
            double[] s1 = src[y + 1];
            double[] s2 = src[y + 2];
            double[] s3 = src[y + 3];
            double[] s4 = src[y + 4];
            double[] s5 = src[y + 5];
            double[] s6 = src[y + 6];
            double[] s7 = src[y + 7];
            for (int x = 0; x < w; x++) {
                double[] d = dst[x];
                d[y] = s0[x];
                d[y + 1] = s1[x];
                d[y + 2] = s2[x];
                d[y + 3] = s3[x];
                d[y + 4] = s4[x];
                d[y + 5] = s5[x];
                d[y + 6] = s6[x];
                d[y + 7] = s7[x];
            }
        }
        for (; y < h; y++) {
            double[] row = src[y];
            for (int x = 0; x < w; x++) {
                dst[x][y] = row[x];
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
     * the next frame of the same size (a 1024² frame needs 40 MB of them).
     */
    private static final class Workspace {
        private static final ThreadLocal<Workspace> CURRENT = new ThreadLocal<>();

        final double[][] a;
        final double[][] b;
        final double[][] at;
        final double[][] bt;
        final double[][] ct;

        static Workspace forThread(int h, int w) {
            Workspace ws = CURRENT.get();
            if (ws == null || ws.a.length != h || ws.at.length != w) {
                ws = new Workspace(h, w);
                CURRENT.set(ws);
            }
            return ws;
        }

        private Workspace(int h, int w) {
            a = new double[h][w];
            b = new double[h][w];
            at = new double[w][h];
            bt = new double[w][h];
            ct = new double[w][h];
        }
    }
}
