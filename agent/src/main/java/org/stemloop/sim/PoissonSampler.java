package org.stemloop.sim;

import java.util.random.RandomGenerator;

/**
 * Exact Poisson variates from a given random generator, so shot noise is deterministic for a
 * seed. Small means use multiplication of uniforms (Knuth); means of 10 and more use Hörmann's
 * transformed rejection with squeeze, PTRS (W. Hörmann, "The transformed rejection method for
 * generating Poisson random variables", Insurance: Mathematics and Economics 12, 1993), as NumPy
 * does. Cost: O(mean) below 10, O(1) above.
 */
final class PoissonSampler {

    private static final int TABLE_SIZE = 256;
    private static final double[] LOG_FACTORIAL = new double[TABLE_SIZE];

    static {
        for (int k = 1; k < TABLE_SIZE; k++) {
            LOG_FACTORIAL[k] = LOG_FACTORIAL[k - 1] + Math.log(k);
        }
    }

    private PoissonSampler() {
    }

    /** One Poisson draw of mean {@code mean} (>= 0, finite). */
    static long sample(double mean, RandomGenerator rng) {
        if (!(mean >= 0 && Double.isFinite(mean))) {
            throw new IllegalArgumentException("Poisson mean must be finite and >= 0: " + mean);
        }
        if (mean == 0) {
            return 0;
        }
        return mean < 10 ? multiplication(mean, rng) : transformedRejection(mean, rng);
    }

    private static long multiplication(double mean, RandomGenerator rng) {
        double limit = Math.exp(-mean);
        long k = 0;
        double product = rng.nextDouble();
        while (product > limit) {
            k++;
            product *= rng.nextDouble();
        }
        return k;
    }

    private static long transformedRejection(double mean, RandomGenerator rng) {
        double logMean = Math.log(mean);
        double b = 0.931 + 2.53 * Math.sqrt(mean);
        double a = -0.059 + 0.02483 * b;
        double inverseAlpha = 1.1239 + 1.1328 / (b - 3.4);
        double vr = 0.9277 - 3.6224 / (b - 2);
        while (true) {
            double u = rng.nextDouble() - 0.5;
            double v = rng.nextDouble();
            double us = 0.5 - Math.abs(u);
            long k = (long) Math.floor((2 * a / us + b) * u + mean + 0.43);
            if (us >= 0.07 && v <= vr) {
                return k;
            }
            if (k < 0 || (us < 0.013 && v > us)) {
                continue;
            }
            if (Math.log(v) + Math.log(inverseAlpha) - Math.log(a / (us * us) + b)
                    <= -mean + k * logMean - logFactorial(k)) {
                return k;
            }
        }
    }

    /** ln k!, from a table for small k and Stirling's series (error below 1e-13) beyond. */
    static double logFactorial(long k) {
        if (k < TABLE_SIZE) {
            return LOG_FACTORIAL[(int) k];
        }
        double x = k;
        double inverse = 1 / x;
        double inverseSquared = inverse * inverse;
        return x * Math.log(x) - x + 0.5 * Math.log(2 * Math.PI * x)
                + inverse * (1.0 / 12 - inverseSquared * (1.0 / 360 - inverseSquared / 1260));
    }
}
