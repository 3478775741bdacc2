package org.stemloop.reward;

/**
 * In-place 2-D discrete Fourier transform of an {@code n x n} complex array, n a power of two:
 * iterative radix-2 Cooley–Tukey on every row, then on every column. Forward sign convention
 * {@code X[k] = sum x[j] exp(-2 pi i j k / n)}, no normalisation.
 *
 * <p>Public for {@code org.stemloop.track}'s phase correlation (the inverse transform is the forward one of
 * the complex conjugate, conjugated and divided by n²).
 *
 * @apiNote O(n^2 log n); a 1024 x 1024 transform takes some tens of milliseconds. Not thread-safe
 *          per instance (it keeps scratch buffers); create one per thread.
 */
public final class Fft2d {

    private final int n;
    private final double[] cos;
    private final double[] sin;
    private final int[] bitReverse;
    private final double[] lineRe;
    private final double[] lineIm;

    /** A transform of {@code n x n}, n a power of two. */
    public Fft2d(int n) {
        if (n < 2 || Integer.bitCount(n) != 1) {
            throw new IllegalArgumentException("FFT size must be a power of two >= 2: " + n);
        }
        this.n = n;
        this.cos = new double[n / 2];
        this.sin = new double[n / 2];
        for (int i = 0; i < n / 2; i++) {
            cos[i] = Math.cos(2 * Math.PI * i / n);
            sin[i] = -Math.sin(2 * Math.PI * i / n);
        }
        this.bitReverse = new int[n];
        int bits = Integer.numberOfTrailingZeros(n);
        for (int i = 0; i < n; i++) {
            bitReverse[i] = Integer.reverse(i) >>> (32 - bits);
        }
        this.lineRe = new double[n];
        this.lineIm = new double[n];
    }

    /** Transforms the row-major {@code n x n} arrays in place. */
    public void forward(double[] re, double[] im) {
        if (re.length != n * n || im.length != n * n) {
            throw new IllegalArgumentException("FFT of %d x %d needs %d values, got %d and %d".formatted(n, n, n * n, re.length, im.length));
        }
        for (int row = 0; row < n; row++) {
            transformLine(re, im, row * n, 1);
        }
        for (int col = 0; col < n; col++) {
            transformLine(re, im, col, n);
        }
    }

    private void transformLine(double[] re, double[] im, int offset, int stride) {
        for (int i = 0; i < n; i++) {
            int j = bitReverse[i];
            lineRe[j] = re[offset + i * stride];
            lineIm[j] = im[offset + i * stride];
        }
        for (int size = 2; size <= n; size <<= 1) {
            int half = size >> 1;
            int twiddleStep = n / size;
            for (int start = 0; start < n; start += size) {
                for (int k = 0; k < half; k++) {
                    double wr = cos[k * twiddleStep];
                    double wi = sin[k * twiddleStep];
                    int a = start + k;
                    int b = a + half;
                    double tr = lineRe[b] * wr - lineIm[b] * wi;
                    double ti = lineRe[b] * wi + lineIm[b] * wr;
                    lineRe[b] = lineRe[a] - tr;
                    lineIm[b] = lineIm[a] - ti;
                    lineRe[a] += tr;
                    lineIm[a] += ti;
                }
            }
        }
        for (int i = 0; i < n; i++) {
            re[offset + i * stride] = lineRe[i];
            im[offset + i * stride] = lineIm[i];
        }
    }
}
