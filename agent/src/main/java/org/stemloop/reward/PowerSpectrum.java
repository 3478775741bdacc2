package org.stemloop.reward;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.stemloop.image.Frame;

/**
 * The power spectrum of a frame and its lattice peaks: the frame minus its mean, times a 2-D Hann
 * window (so the frame edges do not draw a cross through the spectrum), zero-padded to a power of
 * two of at least twice the frame below 1024 px (finer sampling of the peaks), transformed.
 *
 * <p>Peaks are 5 x 5 local maxima of the 3 x 3 mean power in one half plane (the other is its mirror image for
 * a real frame), measured against the geometric mean power of their ring |k|, which follows the
 * smooth fall-off of the spectrum and hardly notices the few peaks on the ring. Each peak position is
 * refined by a parabola through the log power of its neighbours along each axis (exact for a Gaussian
 * peak, close for the Hann window's main lobe).
 *
 * @apiNote O(N^2 log N) for the transform size N; about 0.1-0.5 s for a 1024 x 1024 frame.
 */
final class PowerSpectrum {

    private final int n;
    private final double[] power;
    private final double[] ringLogMean;

    PowerSpectrum(Frame frame) {
        int h = frame.height(), w = frame.width();
        int size = Integer.highestOneBit(Math.max(Math.max(h, w), 2) - 1) << 1;
        this.n = size < 1024 ? 2 * size : size;
        double[] pixels = frame.pixels();
        double mean = 0;
        for (double v : pixels) {
            mean += v;
        }
        mean /= pixels.length;
        double[] re = new double[n * n];
        double[] im = new double[n * n];
        double[] wr = hann(h);
        double[] wc = hann(w);
        for (int r = 0; r < h; r++) {
            for (int c = 0; c < w; c++) {
                re[r * n + c] = (pixels[r * w + c] - mean) * wr[r] * wc[c];
            }
        }
        new Fft2d(n).forward(re, im);
        double[] raw = new double[n * n];
        for (int i = 0; i < raw.length; i++) {
            raw[i] = re[i] * re[i] + im[i] * im[i];
        }
        this.power = boxMean(raw, n);
        this.ringLogMean = ringLogMeans();
    }

    /** Transform size N: a peak at |k| bins is a spacing of N / |k| pixels. */
    int size() {
        return n;
    }

    /**
     * The peaks whose length lies in [kMin, kMax] bins and whose excess reaches {@code minExcess},
     * strongest first.
     */
    List<SpectrumPeak> peaks(double kMin, double kMax, double minExcess) {
        List<SpectrumPeak> found = new ArrayList<>();
        int half = n / 2;
        for (int ky = 0; ky < half; ky++) {
            for (int kx = -half + 1; kx < half; kx++) {
                if (ky == 0 && kx <= 0) {
                    continue;
                }
                double k = Math.hypot(kx, ky);
                if (k < kMin || k > kMax) {
                    continue;
                }
                double p = at(kx, ky);
                double excess = p / Math.exp(ringLogMean[(int) Math.round(k)]);
                if (excess >= minExcess && isLocalMax(kx, ky, p)) {
                    found.add(refine(kx, ky, excess));
                }
            }
        }
        found.sort(Comparator.comparingDouble(SpectrumPeak::excess).reversed());
        return List.copyOf(found);
    }

    private boolean isLocalMax(int kx, int ky, double p) {
        for (int dy = -2; dy <= 2; dy++) {
            for (int dx = -2; dx <= 2; dx++) {
                if ((dx != 0 || dy != 0) && at(kx + dx, ky + dy) > p) {
                    return false;
                }
            }
        }
        return true;
    }

    private SpectrumPeak refine(int kx, int ky, double excess) {
        double c = Math.log(at(kx, ky) + Double.MIN_NORMAL);
        double dx = vertexOffset(Math.log(at(kx - 1, ky) + Double.MIN_NORMAL), c, Math.log(at(kx + 1, ky) + Double.MIN_NORMAL));
        double dy = vertexOffset(Math.log(at(kx, ky - 1) + Double.MIN_NORMAL), c, Math.log(at(kx, ky + 1) + Double.MIN_NORMAL));
        return new SpectrumPeak(kx + dx, ky + dy, excess);
    }

    /** Offset of a parabola's vertex through (-1, left), (0, centre), (1, right), within half a bin. */
    private static double vertexOffset(double left, double centre, double right) {
        double curvature = left - 2 * centre + right;
        if (!(curvature < 0)) {
            return 0;
        }
        return Math.max(-0.5, Math.min(0.5, 0.5 * (left - right) / curvature));
    }

    /**
     * 3 x 3 mean of the power, wrapping around: a peak of the zero-padded, windowed transform spans
     * about 3 bins, noise bins vary independently, so the mean lifts weak peaks out of the noise
     * (pure-noise maxima drop from ~25 to ~12 times the background).
     */
    private static double[] boxMean(double[] raw, int n) {
        double[] rowSum = new double[raw.length];
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                rowSum[y * n + x] = raw[y * n + Math.floorMod(x - 1, n)] + raw[y * n + x] + raw[y * n + (x + 1) % n];
            }
        }
        double[] out = new double[raw.length];
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                out[y * n + x] = (rowSum[Math.floorMod(y - 1, n) * n + x] + rowSum[y * n + x] + rowSum[((y + 1) % n) * n + x]) / 9;
            }
        }
        return out;
    }

    /** Power at signed frequency (kx, ky), wrapping around the transform. */
    private double at(int kx, int ky) {
        return power[Math.floorMod(ky, n) * n + Math.floorMod(kx, n)];
    }

    private double[] ringLogMeans() {
        int rings = (int) Math.ceil(n / Math.sqrt(2)) + 2;
        double[] sum = new double[rings];
        int[] count = new int[rings];
        for (int y = 0; y < n; y++) {
            int ky = y < n / 2 ? y : y - n;
            for (int x = 0; x < n; x++) {
                int kx = x < n / 2 ? x : x - n;
                int ring = (int) Math.round(Math.hypot(kx, ky));
                sum[ring] += Math.log(power[y * n + x] + Double.MIN_NORMAL);
                count[ring]++;
            }
        }
        for (int r = 0; r < rings; r++) {
            sum[r] = count[r] == 0 ? 0 : sum[r] / count[r];
        }
        return sum;
    }

    /** A symmetric Hann window of length {@code len} (all ones below 3). */
    private static double[] hann(int len) {
        double[] w = new double[len];
        for (int i = 0; i < len; i++) {
            w[i] = len < 3 ? 1 : 0.5 - 0.5 * Math.cos(2 * Math.PI * i / (len - 1));
        }
        return w;
    }
}
