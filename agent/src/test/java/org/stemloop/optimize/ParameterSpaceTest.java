package org.stemloop.optimize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.stemloop.detect.LogParams;

class ParameterSpaceTest {

    private final ParameterSpace space = ParameterSpace.forSpacing(10);

    @Test
    void rangesScaleWithTheLatticeSpacing() {
        assertThat(space.minSigma()).isEqualTo(new Range(0.5, 3.5));
        assertThat(space.maxSigma()).isEqualTo(new Range(1.5, 5.0));
        assertThat(ParameterSpace.forSpacing(20).maxSigma()).isEqualTo(new Range(3.0, 10.0));
    }

    @Test
    void gridIsGeometricWithinTheRatio() {
        double[] g = space.sigmaGrid();
        assertThat(g[0]).isEqualTo(0.5);
        assertThat(g[g.length - 1]).isEqualTo(5.0);
        for (int i = 1; i < g.length; i++) {
            assertThat(g[i] / g[i - 1]).isBetween(1.0, ParameterSpace.DEFAULT_SIGMA_RATIO);
        }
    }

    @Test
    void everyCandidateDecodesInsideItsRangesWithSnappedScalesNearBlobLogs() {
        int[] max = space.genes();
        double[] grid = space.sigmaGrid();
        for (int a = 0; a <= max[0]; a += 3) {
            for (int b = 0; b <= max[1]; b += 3) {
                int[] genes = {a, b, max[2], 0};
                LogParams p = space.decode(genes);
                assertThat(p.minSigma()).isLessThanOrEqualTo(p.maxSigma());
                assertThat(p.threshold()).isEqualTo(0.5, org.assertj.core.api.Assertions.within(1e-12));
                assertThat(p.overlap()).isEqualTo(0.05, org.assertj.core.api.Assertions.within(1e-12));
                int[] layers = space.layers(genes);
                assertThat(grid[layers[0]]).isEqualTo(p.minSigma());
                assertThat(grid[layers[layers.length - 1]]).isEqualTo(p.maxSigma());
                assertThat(layers.length).isBetween(1, 10);
                for (int i = 0; i < layers.length; i++) {
                    // every snapped scale within half a grid step of some linspace value
                    double s = grid[layers[i]];
                    double step = (p.maxSigma() - p.minSigma()) / 9;
                    double nearest = p.minSigma() + Math.round((s - p.minSigma()) / Math.max(step, 1e-12)) * step;
                    assertThat(Math.abs(s / nearest - 1)).isLessThan(0.016);
                }
            }
        }
    }

    @Nested
    class Failures {
        @Test
        void minAboveMax() {
            assertThatThrownBy(() -> new Range(2, 1)).hasMessage("Min greater than max: 2.0 > 1.0");
        }

        @Test
        void tooSmallSpacing() {
            assertThatThrownBy(() -> ParameterSpace.forSpacing(1)).hasMessageContaining("Nearest-neighbour distance");
        }

        @Test
        void geneOutOfRange() {
            assertThatThrownBy(() -> space.decode(new int[] {0, 0, 99, 0})).hasMessageContaining("Gene 2 out of");
            assertThatThrownBy(() -> space.decode(new int[] {0, 0})).hasMessageContaining("4 genes");
        }

        @Test
        void thresholdMustBePositive() {
            assertThatThrownBy(() -> new ParameterSpace(new Range(1, 2), new Range(2, 3), new Range(0, 1),
                    new Range(0, 1), 10, 1.03, 10, 10)).hasMessageContaining("Threshold range must be positive");
        }
    }
}
