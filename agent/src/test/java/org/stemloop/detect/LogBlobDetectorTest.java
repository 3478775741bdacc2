package org.stemloop.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.stemloop.image.Frame;

/** Behaviour with known answers, independent of the scikit-image fixtures. */
class LogBlobDetectorTest {

    @Test
    void findsOneGaussianSpotAtItsCentreAndScale() {
        Frame frame = spots(64, 80, new double[][] {{30, 41, 3.0}});

        List<Blob> blobs = LogBlobDetector.detect(frame, LogParams.of(1, 6, 11, 0.05, 0.5));

        assertThat(blobs).hasSize(1);
        assertThat(blobs.get(0).row()).isEqualTo(30);
        assertThat(blobs.get(0).col()).isEqualTo(41);
        assertThat(blobs.get(0).sigma()).isEqualTo(3.0); // the scale-normalised LoG peaks at the spot's sigma
    }

    @Test
    void brightestBlobComesFirst() {
        Frame frame = spots(64, 64, new double[][] {{16, 16, 2.0, 0.5}, {45, 40, 2.0, 1.0}});

        List<Blob> blobs = LogBlobDetector.detect(frame, LogParams.of(1, 4, 7, 0.05, 0.5));

        assertThat(blobs).extracting(Blob::row).containsExactly(45.0, 16.0);
    }

    @Test
    void flatFrameHasNoBlobs() {
        Frame flat = Frame.of(20, 30, new double[600]);

        assertThat(LogBlobDetector.detect(flat, LogParams.of(1, 3, 3, 0.0, 0.5).withThreshold(Double.NaN))).isEmpty();
    }

    @Test
    void excludeBorderDropsBlobsNearTheEdge() {
        Frame frame = spots(64, 64, new double[][] {{3, 32, 1.5}, {32, 32, 1.5}});
        LogParams p = LogParams.of(1, 3, 5, 0.05, 0.5);

        assertThat(LogBlobDetector.detect(frame, p)).hasSize(2);
        assertThat(LogBlobDetector.detect(frame, p.withExcludeBorder(5))).extracting(Blob::row).containsExactly(32.0);
    }

    @Test
    void oneStackServesManyThresholds() {
        Frame frame = spots(64, 64, new double[][] {{16, 16, 2.0, 0.3}, {45, 40, 2.0, 1.0}});
        LogParams p = LogParams.of(1, 4, 7, 0.05, 0.5);
        ScaleSpace stack = LogBlobDetector.scaleSpace(frame, p);

        assertThat(LogBlobDetector.detect(stack, p)).hasSize(2);
        assertThat(LogBlobDetector.detect(stack, p.withThreshold(0.2))).hasSize(1);
        assertThat(LogBlobDetector.detect(stack, p)).isEqualTo(LogBlobDetector.detect(frame, p));
    }

    @Test
    void selectedLayersEqualAStackBuiltForThem() {
        Frame frame = spots(48, 48, new double[][] {{20, 24, 2.5}});
        ScaleSpace all = ScaleSpace.build(frame, new double[] {1, 2, 3, 4});
        ScaleSpace direct = ScaleSpace.build(frame, new double[] {2, 4});

        ScaleSpace picked = all.select(1, 3);

        assertThat(picked.sigmas()).containsExactly(2, 4);
        assertThat(picked.value(20, 24, 1)).isEqualTo(direct.value(20, 24, 1));
    }

    @Nested
    class Rejects {

        @Test
        void nonFinitePixelsWithTheirPosition() {
            double[] px = new double[100];
            px[23] = Double.NaN;
            Frame frame = Frame.of(10, 10, px);

            assertThatThrownBy(() -> LogBlobDetector.detect(frame, LogParams.of(1, 2, 2, 0.1, 0.5)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("row 2, col 3");
        }

        @Test
        void badParametersByName() {
            assertThatThrownBy(() -> LogParams.of(0, 2, 2, 0.1, 0.5)).hasMessageContaining("min_sigma");
            assertThatThrownBy(() -> LogParams.of(1, 2, 0, 0.1, 0.5)).hasMessageContaining("num_sigma");
            assertThatThrownBy(() -> LogParams.of(1, 2, 2, 0.1, 1.5)).hasMessageContaining("overlap");
            assertThatThrownBy(() -> LogParams.of(1, 2, 2, 0.1, 0.5).withThresholdRel(2))
                    .hasMessageContaining("threshold_rel");
            assertThatThrownBy(() -> LogParams.of(1, 2, 2, 0.1, 0.5).withExcludeBorder(-1))
                    .hasMessageContaining("exclude_border");
        }
    }

    /** Gaussian spots {row, col, sigma[, amplitude]} on a black frame. */
    static Frame spots(int h, int w, double[][] spots) {
        double[] px = new double[h * w];
        for (double[] s : spots) {
            double amp = s.length > 3 ? s[3] : 1.0;
            for (int r = 0; r < h; r++) {
                for (int c = 0; c < w; c++) {
                    double d2 = (r - s[0]) * (r - s[0]) + (c - s[1]) * (c - s[1]);
                    px[r * w + c] += amp * Math.exp(-d2 / (2 * s[2] * s[2]));
                }
            }
        }
        return Frame.of(h, w, px);
    }
}
