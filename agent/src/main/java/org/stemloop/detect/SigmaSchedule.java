package org.stemloop.detect;

import org.stemloop.image.Precision;

/**
 * The list of Gaussian scales a LoG stack is built at, computed exactly as NumPy's
 * {@code linspace}/{@code logspace} compute it inside {@code blob_log} (NumPy 1.24), so that
 * the sigmas, and hence every kernel, match scikit-image to the last bit.
 *
 * <p>For float32 images scikit-image makes {@code min_sigma} and {@code max_sigma} float32
 * arrays, and the whole schedule is computed in float32; this class does the same.
 *
 * <p>Known, measured limits of log-spaced schedules: NumPy's {@code log10} and {@code power} are
 * glibc's, which are not correctly rounded. We reproduce {@code log10f} exactly (202,000 of
 * 202,000 arguments), glibc's float64 {@code log10} formula on a correctly rounded {@code log}
 * (27 in 100,000 arguments differ in the last bit), and {@code 10^y} correctly rounded (105 in
 * 100,000 differ from glibc's {@code pow}; 70 in 100,000 for float32). So about one log-spaced
 * parameter set in a hundred gets a sigma one bit away from scikit-image's. Linear schedules
 * are exact.
 */
final class SigmaSchedule {

    private SigmaSchedule() {
    }

    /** The {@code numSigma} scales of {@code params}, in the order the stack is built. */
    static double[] of(LogParams params, Precision precision) {
        boolean f32 = precision == Precision.FLOAT32;
        double start = round(params.minSigma(), f32);
        double stop = round(params.maxSigma(), f32);
        if (!params.logScale()) {
            return linspace(start, stop, params.numSigma(), f32);
        }
        double[] exponents = linspace(log10(start, f32), log10(stop, f32), params.numSigma(), f32);
        double[] sigmas = new double[exponents.length];
        for (int i = 0; i < sigmas.length; i++) {
            sigmas[i] = round(Exp.pow10(exponents[i]), f32);
        }
        return sigmas;
    }

    /** NumPy's {@code log10}: glibc's {@code log10f} for float32, glibc's {@code log10} formula for float64. */
    private static double log10(double x, boolean f32) {
        return f32 ? Log10f.log10f((float) x) : Exp.glibcLog10(x);
    }

    /** {@code numpy.linspace(start, stop, num)} with endpoint, in float64 or float32 arithmetic. */
    static double[] linspace(double start, double stop, int num, boolean f32) {
        double[] y = new double[num];
        int div = num - 1;
        double delta = round(stop - start, f32);
        if (div > 0) {
            double step = round(delta / div, f32);
            for (int i = 0; i < num; i++) {
                double v = step == 0 ? round(round((double) i / div, f32) * delta, f32) : round(i * step, f32);
                y[i] = round(v + start, f32);
            }
            y[num - 1] = stop;
        } else {
            y[0] = round(0 * delta + start, f32);
        }
        return y;
    }

    static double round(double v, boolean f32) {
        return f32 ? (float) v : v;
    }
}
