package org.stemloop.reward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class Fft2dTest {

    @Test
    void matchesDirectTransform() {
        int n = 16;
        Random random = new Random(9);
        double[] re = new double[n * n], im = new double[n * n];
        for (int i = 0; i < re.length; i++) {
            re[i] = random.nextGaussian();
            im[i] = random.nextGaussian();
        }
        double[] fr = re.clone(), fi = im.clone();

        new Fft2d(n).forward(fr, fi);

        for (int ky = 0; ky < n; ky++) {
            for (int kx = 0; kx < n; kx++) {
                double sr = 0, si = 0;
                for (int y = 0; y < n; y++) {
                    for (int x = 0; x < n; x++) {
                        double t = -2 * Math.PI * ((double) kx * x + (double) ky * y) / n;
                        sr += re[y * n + x] * Math.cos(t) - im[y * n + x] * Math.sin(t);
                        si += re[y * n + x] * Math.sin(t) + im[y * n + x] * Math.cos(t);
                    }
                }
                assertThat(fr[ky * n + kx]).isCloseTo(sr, within(1e-9));
                assertThat(fi[ky * n + kx]).isCloseTo(si, within(1e-9));
            }
        }
    }

    @Test
    void planeWaveGoesToOneBin() {
        int n = 64;
        double[] re = new double[n * n], im = new double[n * n];
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                re[y * n + x] = Math.cos(2 * Math.PI * (5.0 * x + 3.0 * y) / n);
            }
        }
        new Fft2d(n).forward(re, im);

        assertThat(re[3 * n + 5]).isCloseTo(n * n / 2.0, within(1e-6));
        assertThat(re[(n - 3) * n + (n - 5)]).isCloseTo(n * n / 2.0, within(1e-6));
        assertThat(Math.hypot(re[4 * n + 5], im[4 * n + 5])).isLessThan(1e-6);
    }

    @Nested
    class Failures {

        @Test
        void sizeNotAPowerOfTwo() {
            assertThatThrownBy(() -> new Fft2d(12)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("FFT size must be a power of two >= 2: 12");
        }

        @Test
        void arraysOfTheWrongSize() {
            assertThatThrownBy(() -> new Fft2d(4).forward(new double[16], new double[15]))
                    .isInstanceOf(IllegalArgumentException.class).hasMessage("FFT of 4 x 4 needs 16 values, got 16 and 15");
        }
    }
}
