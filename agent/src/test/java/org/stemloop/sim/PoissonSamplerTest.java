package org.stemloop.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PoissonSamplerTest {

    @ParameterizedTest
    @ValueSource(doubles = {0.3, 4, 9.99, 10, 55, 2000})
    void meanAndVarianceEqualTheMean(double mean) {
        SplittableRandom rng = new SplittableRandom(42);
        int n = 200_000;
        double sum = 0;
        double sumSquares = 0;
        for (int i = 0; i < n; i++) {
            long k = PoissonSampler.sample(mean, rng);
            assertThat(k).isNotNegative();
            sum += k;
            sumSquares += (double) k * k;
        }
        double m = sum / n;
        double variance = sumSquares / n - m * m;
        assertThat(m).isCloseTo(mean, within(5 * Math.sqrt(mean / n)));
        assertThat(variance).isCloseTo(mean, within(0.03 * mean));
    }

    @Test
    void zeroMeanGivesZero() {
        assertThat(PoissonSampler.sample(0, new SplittableRandom(1))).isZero();
    }

    @Test
    void logFactorialIsContinuousAcrossTheTable() {
        double exact = 0;
        for (int k = 1; k <= 300; k++) {
            exact += Math.log(k);
            assertThat(PoissonSampler.logFactorial(k)).as("ln %d!", k).isCloseTo(exact, within(1e-9 * exact));
        }
    }

    @Test
    void rejectsNegativeOrInfiniteMeans() {
        assertThatThrownBy(() -> PoissonSampler.sample(-1, new SplittableRandom(1)))
                .hasMessage("Poisson mean must be finite and >= 0: -1.0");
        assertThatThrownBy(() -> PoissonSampler.sample(Double.POSITIVE_INFINITY, new SplittableRandom(1)))
                .hasMessageStartingWith("Poisson mean must be finite");
    }
}
