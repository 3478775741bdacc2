package org.stemloop.reward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NeighbourGridTest {

    @ParameterizedTest(name = "{0} uniform points")
    @ValueSource(ints = {4, 50, 2000, 10000})
    void matchesBruteForceOnUniformPoints(int n) {
        Random random = new Random(n);
        double[] rows = new double[n], cols = new double[n];
        for (int i = 0; i < n; i++) {
            rows[i] = 512 * random.nextDouble();
            cols[i] = 300 * random.nextDouble();
        }
        assertMatchesBruteForce(rows, cols, 3, n > 2000 ? 500 : n);
    }

    @Test
    void matchesBruteForceOnClustersWithExactDuplicates() {
        Random random = new Random(42);
        int n = 3000;
        double[] rows = new double[n], cols = new double[n];
        for (int i = 0; i < n; i++) {
            int cluster = i % 7;
            rows[i] = 40 * cluster + 0.5 * random.nextGaussian();
            cols[i] = 1000 * (cluster % 2) + 3 * random.nextGaussian();
        }
        // exact duplicates: distance 0
        for (int i = 0; i < 100; i++) {
            rows[n - 1 - i] = rows[i];
            cols[n - 1 - i] = cols[i];
        }
        assertMatchesBruteForce(rows, cols, 3, n);
    }

    @Test
    void matchesBruteForceOnCollinearPointsAndLargerK() {
        double[] rows = new double[300], cols = new double[300];
        Random random = new Random(3);
        for (int i = 0; i < rows.length; i++) {
            rows[i] = 17;
            cols[i] = 800 * random.nextDouble();
        }
        assertMatchesBruteForce(rows, cols, 6, rows.length);
    }

    @Test
    void missingNeighboursAreInfinite() {
        double[] d = new NeighbourGrid(new double[] {0, 3}, new double[] {0, 4}).kNearestDistances(3);

        assertThat(d).containsExactly(5, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY,
                5, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY);
    }

    @Test
    void emptyAndSinglePoint() {
        assertThat(new NeighbourGrid(new double[0], new double[0]).kNearestDistances(3)).isEmpty();
        assertThat(new NeighbourGrid(new double[] {1}, new double[] {2}).kNearestDistances(2))
                .containsExactly(Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY);
    }

    @Nested
    class Failures {

        @Test
        void mismatchedLengths() {
            assertThatThrownBy(() -> new NeighbourGrid(new double[2], new double[3]))
                    .isInstanceOf(IllegalArgumentException.class).hasMessage("Rows and cols differ in length: 2 != 3");
        }

        @Test
        void kBelowOne() {
            assertThatThrownBy(() -> new NeighbourGrid(new double[2], new double[2]).kNearestDistances(0))
                    .isInstanceOf(IllegalArgumentException.class).hasMessage("k must be at least 1: 0");
        }
    }

    /** Compares the first {@code checked} points' k nearest distances with an O(n^2) scan. */
    private static void assertMatchesBruteForce(double[] rows, double[] cols, int k, int checked) {
        double[] grid = new NeighbourGrid(rows, cols).kNearestDistances(k);
        for (int i = 0; i < checked; i++) {
            double[] all = new double[rows.length - 1];
            int m = 0;
            for (int j = 0; j < rows.length; j++) {
                if (j != i) {
                    all[m++] = Math.hypot(rows[j] - rows[i], cols[j] - cols[i]);
                }
            }
            Arrays.sort(all);
            for (int r = 0; r < k; r++) {
                double expected = r < all.length ? all[r] : Double.POSITIVE_INFINITY;
                if (Double.isInfinite(expected)) {
                    assertThat(grid[i * k + r]).isInfinite();
                } else {
                    assertThat(grid[i * k + r]).as("point %d rank %d", i, r).isCloseTo(expected, within(1e-9));
                }
            }
        }
    }
}
