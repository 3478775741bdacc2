package org.stemloop.unet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ResamplerTest {

    private static double[] spot(int n, double row, double col, double sigma) {
        double[] p = new double[n * n];
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < n; c++) {
                double d2 = (r - row) * (r - row) + (c - col) * (c - col);
                p[r * n + c] = Math.exp(-d2 / (2 * sigma * sigma));
            }
        }
        return p;
    }

    private static double[] centroid(double[] p, int h, int w) {
        double s = 0, sr = 0, sc = 0;
        for (int r = 0; r < h; r++) {
            for (int c = 0; c < w; c++) {
                double v = p[r * w + c];
                s += v;
                sr += v * r;
                sc += v * c;
            }
        }
        return new double[] {sr / s, sc / s};
    }

    @Test
    void sameSizeIsTheIdentity() {
        double[] p = spot(20, 7.3, 11.8, 2);
        assertThat(Resampler.resize(p, 20, 20, 20, 20)).containsExactly(p);
    }

    @Test
    void aConstantStaysConstantAtAnySize() {
        double[] p = new double[30 * 17];
        java.util.Arrays.fill(p, 4.5);
        for (int[] size : new int[][] {{11, 7}, {63, 40}, {30, 17}, {1, 1}}) {
            for (double v : Resampler.resize(p, 30, 17, size[0], size[1])) {
                assertThat(v).isCloseTo(4.5, within(1e-12));
            }
        }
    }

    @Test
    void reducingAveragesAFinePatternAwayInsteadOfAliasingIt() {
        // a pixel-scale stripe pattern (0, 1, 0, 1, ...) at half the size: a plain bilinear
        // sample would pick the 0s or the 1s; the widened triangle gives their mean
        double[] stripes = new double[40 * 40];
        for (int i = 0; i < stripes.length; i++) {
            stripes[i] = (i % 40) % 2;
        }
        double[] half = Resampler.resize(stripes, 40, 40, 20, 20);
        for (int r = 0; r < 20; r++) {
            for (int c = 1; c < 19; c++) {
                assertThat(half[r * 20 + c]).isCloseTo(0.5, within(1e-9));
            }
        }
    }

    @Test
    void positionsMapBackThroughTheResizeToWithinATenthOfAPixel() {
        double row = 30.3, col = 41.7;
        double[] p = spot(100, row, col, 4);
        for (int out : new int[] {57, 143, 100}) {
            double[] small = Resampler.resize(p, 100, 100, out, out);
            double[] c = centroid(small, out, out);
            assertThat(Resampler.toInput(c[0], 100, out)).as("row via %d px", out).isCloseTo(row, within(0.1));
            assertThat(Resampler.toInput(c[1], 100, out)).as("col via %d px", out).isCloseTo(col, within(0.1));
        }
    }

    @Nested
    class Rejects {
        @Test
        void sizesThatAreNotPositive() {
            assertThatThrownBy(() -> Resampler.resize(new double[4], 2, 2, 0, 3)).hasMessageContaining("positive sizes");
        }

        @Test
        void anArrayOfTheWrongLength() {
            assertThatThrownBy(() -> Resampler.resize(new double[5], 2, 2, 3, 3)).hasMessageContaining("needs 4 values");
        }
    }
}
