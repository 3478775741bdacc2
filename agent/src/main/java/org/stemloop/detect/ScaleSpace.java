package org.stemloop.detect;

import java.util.Arrays;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.ArrayList;
import java.util.List;
import org.stemloop.image.Frame;
import org.stemloop.image.Precision;

/**
 * The scale-normalised LoG stack of one frame: {@code -sigma² ∇²(G_sigma * image)} at each
 * scale, as scikit-image's {@code blob_log} builds its {@code image_cube}.
 *
 * <p>Each scale takes four separable passes (SciPy's {@code gaussian_laplace}: the second
 * derivative along rows after smoothing down the columns, plus the converse), in the same order
 * and precision as SciPy, so every value equals scikit-image's. Scales are computed in parallel,
 * the largest kernels first so the threads finish together.
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
    private final double[][] layers;
    private final Precision precision;

    private ScaleSpace(int height, int width, double[] sigmas, double[][] layers, Precision precision) {
        this.height = height;
        this.width = width;
        this.sigmas = sigmas;
        this.layers = layers;
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
        boolean f32 = frame.precision() == Precision.FLOAT32;
        double[][] layers = new double[sigmas.length][];
        Integer[] order = new Integer[sigmas.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(sigmas[b], sigmas[a]));
        AtomicInteger next = new AtomicInteger();
        int workers = Math.min(Parallelism.threads(), sigmas.length);
        List<Future<?>> tasks = new ArrayList<>();
        int maxRadius = GaussianKernel.of(Arrays.stream(sigmas).max().orElseThrow()).radius;
        for (int t = 0; t < workers; t++) {
            tasks.add(pool.submit(() -> {
                Workspace ws = new Workspace(h * w, w + 2 * maxRadius);
                for (int i = next.getAndIncrement(); i < order.length; i = next.getAndIncrement()) {
                    int s = order[i];
                    layers[s] = layer(image, h, w, sigmas[s], f32, ws);
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

    /** One layer: {@code -(d²/dy² + d²/dx²)(G * image) * sigma²}, in SciPy's order of operations. */
    private static double[] layer(double[] image, int h, int w, double sigma, boolean f32, Workspace ws) {
        GaussianKernel k = GaussianKernel.of(sigma);
        double[] out = new double[h * w];
        // axis 0: second derivative down the columns, then smoothing along the rows
        Correlate1D.alongColumns(image, ws.a, h, w, k.second, f32);
        Correlate1D.alongRows(ws.a, out, h, w, k.smooth, f32, ws.line);
        // axis 1: smoothing down the columns, then second derivative along the rows
        Correlate1D.alongColumns(image, ws.a, h, w, k.smooth, f32);
        Correlate1D.alongRows(ws.a, ws.b, h, w, k.second, f32, ws.line);
        double[] tmp = ws.b;
        if (f32) {
            float scale = (float) (sigma * sigma);
            for (int i = 0; i < out.length; i++) {
                float sum = (float) out[i] + (float) tmp[i];
                out[i] = -sum * scale;
            }
        } else {
            double scale = sigma * sigma;
            for (int i = 0; i < out.length; i++) {
                out[i] = -(out[i] + tmp[i]) * scale;
            }
        }
        return out;
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
        return layers[scale][row * width + col];
    }

    /** The layers themselves, for the peak finder in this package; never modified. */
    double[][] layers() {
        return layers;
    }

    private static final class Workspace {
        final double[] a;
        final double[] b;
        final double[] line;

        Workspace(int pixels, int lineLength) {
            a = new double[pixels];
            b = new double[pixels];
            line = new double[lineLength];
        }
    }
}
