package org.stemloop.reward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Percentage.withPercentage;

import java.io.IOException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.stemloop.image.Frame;
import org.stemloop.testsupport.RealData;

/**
 * The FFT estimate on the real images, against the pixel sizes their README gives. Prints what it
 * finds; asserts only what the README makes certain (within 5%, since the pixel sizes are nominal).
 */
class LatticeEstimatorRealDataTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            // file, nominal Å/px, lattice parameter a (Å), material
            "graphene_si_2nm.npy, 0.078, 2.46, graphene",
            "graphene_gb_4nm.npy, 0.078, 2.46, graphene",
            "graphene_gb_6nm.npy, 0.117, 2.46, graphene",
            "srtio3_haadf_1024.npy, 0.1001, 3.905, srtio3",
            // the Atomap images show SrTiO3 along [110]: a rectangular cell, planes at a and a / sqrt(2)
            "srtio3_adf_atomap.npy, 0.09326, 3.905, srtio3-110",
            "srtio3_abf_atomap.npy, 0.09326, 3.905, srtio3-110"})
    void estimateMatchesNominalPixelSize(String file, double pixelSize, double a, String material) throws IOException {
        Frame frame = TestNpy.read(RealData.file(file));
        Lattice truth = material.equals("graphene") ? Lattice.graphene() : Lattice.srtio3();
        long start = System.nanoTime();

        LatticeEstimate estimate = LatticeEstimator.estimate(frame).orElseThrow();
        Lattice measured = estimate.toLattice();
        double millis = (System.nanoTime() - start) / 1e6;

        double expectedNn = truth.nearestNeighbourPx(pixelSize);
        double expectedCount = truth.expectedCount(frame.height(), frame.width(), pixelSize);
        System.out.printf("%-24s %s%n    nn %.2f px (nominal %.2f), count %.0f (nominal %.0f), lattice %s, confidence %.2f, %.0f ms%n",
                file, estimate.note(), measured.nearestNeighbourPx(1), expectedNn,
                measured.expectedCount(frame.height(), frame.width(), 1), expectedCount, measured.name(), estimate.confidence(), millis);
        if (material.equals("srtio3-110")) {
            double aPx = a / pixelSize;
            assertThat(estimate.symmetry()).isEqualTo(Symmetry.RECTANGULAR);
            assertThat(Math.max(estimate.spacingPx(), estimate.secondSpacingPx())).isCloseTo(aPx, withPercentage(3));
            assertThat(Math.min(estimate.spacingPx(), estimate.secondSpacingPx())).isCloseTo(aPx / Math.sqrt(2), withPercentage(3));
        } else {
            // nominal pixel sizes; the SrTiO3 frame's scan drift alone stretches one axis by 4%
            assertThat(measured.nearestNeighbourPx(1)).isCloseTo(expectedNn, withPercentage(5));
            assertThat(measured.expectedCount(frame.height(), frame.width(), 1)).isCloseTo(expectedCount, withPercentage(10));
        }
    }
}
