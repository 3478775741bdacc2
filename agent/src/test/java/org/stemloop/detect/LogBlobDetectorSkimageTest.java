package org.stemloop.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every fixture frame gives exactly scikit-image's blobs: same rows, columns and sigmas, to the
 * last bit. The fixtures cover both materials, noise 0–0.9, odd and non-square sizes, float32,
 * float64, uint8 and uint16 inputs, descending and log-spaced scales, threshold_rel,
 * exclude_border, plateaus, overlap 0 and 1, and parameter sets where pruning order matters.
 */
class LogBlobDetectorSkimageTest {

    static Stream<String> cases() {
        return SkimageFixtures.names().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void sameBlobsAsScikitImage(String name) {
        SkimageFixtures.Case c = SkimageFixtures.load(name);

        List<Blob> found = LogBlobDetector.detect(c.frame(), c.params());

        assertThat(sorted(found)).as("blobs of %s (%d expected)", name, c.expected().size())
                .containsExactlyElementsOf(sorted(c.expected()));
    }

    private static List<Blob> sorted(List<Blob> blobs) {
        return blobs.stream().sorted(Comparator.comparingDouble(Blob::row).thenComparingDouble(Blob::col)
                .thenComparingDouble(Blob::sigma)).toList();
    }
}
