package org.stemloop.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.stemloop.eval.MatchResult;
import org.stemloop.eval.MatchedPair;
import org.stemloop.eval.OneToOneMatching;
import org.stemloop.eval.Point;
import org.stemloop.image.Frame;
import org.stemloop.reward.Material;
import org.stemloop.sim.Noise;
import org.stemloop.sim.SimulatedFrame;
import org.stemloop.sim.SimulationSpec;
import org.stemloop.sim.Simulator;

class SubPixelRefinerTest {

    /** A Gaussian spot of sigma 2 px at a known sub-pixel centre, on a flat background. */
    private static Frame spot(double row, double col, double background) {
        int n = 41;
        double[] px = new double[n * n];
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < n; c++) {
                double d2 = (r - row) * (r - row) + (c - col) * (c - col);
                px[r * n + c] = background + Math.exp(-d2 / 8);
            }
        }
        return Frame.of(n, n, px);
    }

    @Test
    void gaussianFitFindsAKnownSubPixelCentre() {
        Frame f = spot(20.3, 17.65, 0.2);
        var r = SubPixelRefiner.refine(f, List.of(new Blob(20, 18, 2)), 12, Refinement.GAUSS);
        assertThat(r.fitted()).isEqualTo(1);
        assertThat(r.atoms().get(0).row()).isCloseTo(20.3, within(1e-4));
        assertThat(r.atoms().get(0).col()).isCloseTo(17.65, within(1e-4));
        assertThat(r.atoms().get(0).sigma()).isEqualTo(2);
    }

    @Test
    void centreOfMassComesCloseOnAFlatBackground() {
        Frame f = spot(20.3, 17.65, 0.2);
        var r = SubPixelRefiner.refine(f, List.of(new Blob(20, 18, 2)), 12, Refinement.COM);
        assertThat(r.centreOfMass()).isEqualTo(1);
        assertThat(r.atoms().get(0).row()).isCloseTo(20.3, within(0.05));
        assertThat(r.atoms().get(0).col()).isCloseTo(17.65, within(0.05));
    }

    @Test
    void noneKeepsTheBlobsExactly() {
        List<Blob> blobs = List.of(new Blob(20, 18, 2), new Blob(3, 4, 1.5));
        var r = SubPixelRefiner.refine(spot(20.3, 17.65, 0), blobs, 12, Refinement.NONE);
        assertThat(r.atoms()).isEqualTo(blobs);
        assertThat(r.unchanged()).isEqualTo(2);
    }

    @Test
    void aFlatFrameLeavesTheAtomWhereItWas() {
        Frame flat = Frame.of(20, 20, new double[400]);
        var r = SubPixelRefiner.refine(flat, List.of(new Blob(10, 10, 2)), 10, Refinement.GAUSS);
        assertThat(r.unchanged()).isEqualTo(1);
        assertThat(r.atoms().get(0)).isEqualTo(new Blob(10, 10, 2));
    }

    @Test
    void aSpotAtTheFrameEdgeIsStillFound() {
        Frame f = spot(1.4, 20.2, 0.1);
        var r = SubPixelRefiner.refine(f, List.of(new Blob(1, 20, 2)), 12, Refinement.GAUSS);
        assertThat(r.atoms().get(0).row()).isCloseTo(1.4, within(1e-3));
        assertThat(r.atoms().get(0).col()).isCloseTo(20.2, within(1e-3));
    }

    /**
     * Issue 15's accuracy bar on noiseless simulated frames, whose truth is known: RMS of the
     * matched atoms <= 0.05 px (random sub-pixel lattice offset, rotated lattice).
     */
    @ParameterizedTest(name = "{0} noiseless: RMS <= 0.05 px")
    @CsvSource({"graphene", "srtio3"})
    void meetsTheNoiselessBar(String material) {
        assertThat(rmsOnSimulatedFrame(material, 0.0, Refinement.GAUSS)).isLessThanOrEqualTo(0.05);
    }

    /**
     * At noise 0.2 the goal of 0.25 px is NOT met (docs/benchmarks.md: graphene 0.29 px, SrTiO3
     * 0.43 px; one spot of amplitude A in noise 0.2 cannot be placed better than the Cramér-Rao
     * bound 0.23 / A px, and SrTiO3's Ti-O columns have A ~ 0.47). This guards what is reached:
     * well below the LoG maxima's error, and the centre of mass's.
     */
    @ParameterizedTest(name = "{0} noise 0.2: Gaussian fit beats the LoG maxima and the centre of mass")
    @CsvSource({"graphene, 0.32", "srtio3, 0.46"})
    void halvesTheErrorAtNoise02(String material, double reached) {
        double none = rmsOnSimulatedFrame(material, 0.2, Refinement.NONE);
        double com = rmsOnSimulatedFrame(material, 0.2, Refinement.COM);
        double gauss = rmsOnSimulatedFrame(material, 0.2, Refinement.GAUSS);
        assertThat(gauss).isLessThan(0.75 * none).isLessThan(com).isLessThanOrEqualTo(reached);
    }

    /** RMS error (px) of the atoms matched within a third of the bond, atoms 6 px or more inside the frame. */
    private static double rmsOnSimulatedFrame(String material, double noise, Refinement how) {
        Material m = Material.parse(material);
        SimulatedFrame sim = Simulator.simulate(SimulationSpec.of(m, 256).withRotation(17).withNoise(Noise.level(noise))
                .withSeed(5));
        double nn = m.nearestNeighbourAngstrom() / sim.spec().pixelSizeAngstrom();
        double s = sim.spec().probeSigmaPixels();
        List<Blob> blobs = LogBlobDetector.detect(sim.frame(), LogParams.of(0.8 * s, 1.3 * s, 5, 0.15, 0.5));
        List<Point> truth = sim.atoms().stream().filter(a -> inside(a.row(), a.col())).map(a -> new Point(a.row(), a.col()))
                .toList();
        List<Point> found = SubPixelRefiner.refine(sim.frame(), blobs, nn, how).atoms().stream()
                .filter(b -> inside(b.row(), b.col())).map(Point::of).toList();
        MatchResult match = OneToOneMatching.match(found, truth, nn / 3);
        assertThat(match.scores().recall()).isGreaterThan(0.95);
        return rms(match);
    }

    private static boolean inside(double row, double col) {
        return row >= 6 && col >= 6 && row <= 249 && col <= 249;
    }

    private static double rms(MatchResult m) {
        double sum = 0;
        for (MatchedPair p : m.pairs()) {
            sum += p.distance() * p.distance();
        }
        return Math.sqrt(sum / m.pairs().size());
    }

    @Nested
    class BadInput {
        @Test
        void aNonPositiveSpacingIsRefused() {
            assertThatThrownBy(() -> SubPixelRefiner.refine(spot(5, 5, 0), List.of(), 0, Refinement.GAUSS))
                    .hasMessageContaining("Nearest-neighbour distance");
        }

        @Test
        void anUnknownMethodIsNamed() {
            assertThatThrownBy(() -> Refinement.parse("spline")).hasMessageContaining("gauss, com or none: spline");
        }
    }
}
