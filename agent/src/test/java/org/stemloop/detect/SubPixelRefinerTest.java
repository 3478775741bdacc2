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
import org.stemloop.sim.TrueAtom;

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
        assertThat(rmsOnSimulatedFrame(material, 256, 0.0, Refinement.GAUSS)[0]).isLessThanOrEqualTo(0.05);
    }

    /**
     * Issue 15's bar at noise 0.2, met on graphene (docs/benchmarks.md: 0.248 px over four 512²
     * frames; the Cramér-Rao bound of one spot is 0.226 px): the neighbour-subtracted fit with
     * the frame's width. On a 512² frame (~2,000 atoms) so that the RMS is measured to ~2%.
     */
    @Test
    void grapheneMeetsTheBarAtNoise02() {
        double[] rms = rmsOnSimulatedFrame("graphene", 512, 0.2, Refinement.GAUSS);
        assertThat(rms[0]).isLessThanOrEqualTo(0.25);
    }

    /**
     * On SrTiO3 the bar is NOT met over all columns and cannot be by any fit of one column at a
     * time: the Ti-O columns peak at A ~ 0.47 of the Sr ones, so their Cramér-Rao bound at noise 0.2
     * is 2 * 0.2 / (0.47 sqrt(pi)) = 0.48 px. This guards what is reached: the Sr columns within the
     * bar, the Ti-O columns within 15% of their bound, and both well below the LoG maxima and the
     * centre of mass.
     */
    @Test
    void srtio3ReachesTheBoundPerColumnAtNoise02() {
        double[] none = rmsOnSimulatedFrame("srtio3", 512, 0.2, Refinement.NONE);
        double[] com = rmsOnSimulatedFrame("srtio3", 512, 0.2, Refinement.COM);
        double[] gauss = rmsOnSimulatedFrame("srtio3", 512, 0.2, Refinement.GAUSS);
        assertThat(gauss[1]).as("Sr columns").isLessThanOrEqualTo(0.25);
        assertThat(gauss[2]).as("Ti-O columns").isLessThanOrEqualTo(1.15 * 2 * 0.2 / (0.47 * Math.sqrt(Math.PI)));
        assertThat(gauss[0]).as("all columns").isLessThan(0.75 * none[0]).isLessThan(com[0]).isLessThanOrEqualTo(0.42);
    }

    /** Graphene at noise 0.2: the Gaussian fit beats the centre of mass and the LoG maxima by far. */
    @Test
    void grapheneFitBeatsTheOtherMethodsAtNoise02() {
        double none = rmsOnSimulatedFrame("graphene", 256, 0.2, Refinement.NONE)[0];
        double com = rmsOnSimulatedFrame("graphene", 256, 0.2, Refinement.COM)[0];
        double gauss = rmsOnSimulatedFrame("graphene", 256, 0.2, Refinement.GAUSS)[0];
        assertThat(gauss).isLessThan(0.6 * none).isLessThan(0.85 * com);
    }

    /**
     * RMS error (px) of the atoms matched within a third of the bond, atoms 6 px or more inside the
     * frame: {all, the first species (C, Sr), the second (Ti-O; NaN for graphene)}.
     */
    private static double[] rmsOnSimulatedFrame(String material, int size, double noise, Refinement how) {
        Material m = Material.parse(material);
        SimulatedFrame sim = Simulator.simulate(SimulationSpec.of(m, size).withRotation(17).withNoise(Noise.level(noise))
                .withSeed(5));
        double nn = m.nearestNeighbourAngstrom() / sim.spec().pixelSizeAngstrom();
        double s = sim.spec().probeSigmaPixels();
        List<Blob> blobs = LogBlobDetector.detect(sim.frame(), LogParams.of(0.8 * s, 1.3 * s, 5, 0.15, 0.5));
        List<TrueAtom> kept = sim.atoms().stream().filter(a -> inside(a.row(), a.col(), size)).toList();
        List<Point> truth = kept.stream().map(a -> new Point(a.row(), a.col())).toList();
        List<Point> found = SubPixelRefiner.refine(sim.frame(), blobs, nn, how).atoms().stream()
                .filter(b -> inside(b.row(), b.col(), size)).map(Point::of).toList();
        MatchResult match = OneToOneMatching.match(found, truth, nn / 3);
        assertThat(match.scores().recall()).isGreaterThan(0.95);
        double[] sum = new double[3];
        int[] n = new int[3];
        for (MatchedPair p : match.pairs()) {
            int k = kept.get(p.truth()).label().equals("Ti-O") ? 2 : 1;
            double d2 = p.distance() * p.distance();
            sum[0] += d2;
            n[0]++;
            sum[k] += d2;
            n[k]++;
        }
        return new double[] {Math.sqrt(sum[0] / n[0]), Math.sqrt(sum[1] / n[1]), n[2] == 0 ? Double.NaN : Math.sqrt(sum[2] / n[2])};
    }

    private static boolean inside(double row, double col, int size) {
        return row >= 6 && col >= 6 && row <= size - 7 && col <= size - 7;
    }

    /**
     * The carbon atoms beside a Si dopant on a realistic frame (probe tails: the dopant's flank is a slope across
     * its neighbours' discs): a fit must not carry an atom towards the brighter neighbour. Before the run-off
     * bound held a quarter of the bond (realistic graphene seed 2025, 100 e/px) such fits moved the dopants'
     * neighbours 5-7 px, past the match radius of a third of the bond, from starts within a pixel of the truth.
     */
    @Test
    void aDopantsNeighboursStayWhereTheyAre() {
        org.stemloop.sim.RealisticFrame sim = Simulator.realistic(
                org.stemloop.sim.Preset.parse("haadf-nion-graphene").spec(512).withDose(100), 2025);
        double nn = Material.GRAPHENE.nearestNeighbourAngstrom() / sim.spec().pixelSizeAngstrom();
        List<TrueAtom> dopants = sim.atoms().stream().filter(a -> a.label().equals("Si")).toList();
        List<TrueAtom> beside = sim.atoms().stream().filter(a -> a.label().equals("C") && dopants.stream()
                .anyMatch(d -> Math.hypot(d.row() - a.row(), d.col() - a.col()) < 1.3 * nn)).toList();
        assertThat(beside).as("carbon atoms beside a dopant").hasSizeGreaterThan(6);
        // starts as LoG maxima give them: the nearest pixel
        List<Blob> starts = sim.atoms().stream().map(a -> new Blob(Math.round(a.row()), Math.round(a.col()), 2.5)).toList();
        List<Blob> refined = SubPixelRefiner.refine(sim.frame(), starts, nn, Refinement.GAUSS).atoms();
        List<String> carried = new java.util.ArrayList<>();
        for (TrueAtom a : beside) {
            Blob nearest = refined.stream().min(java.util.Comparator.comparingDouble(
                    b -> Math.hypot(b.row() - Math.round(a.row()), b.col() - Math.round(a.col())))).orElseThrow();
            double moved = Math.hypot(nearest.row() - a.row(), nearest.col() - a.col());
            if (moved >= nn / 3) {
                carried.add("C at (%.1f, %.1f) %.1f px away".formatted(a.row(), a.col(), moved));
            }
        }
        // before: 6 of the 21; now one, placed by the centre of mass where its fit failed
        assertThat(carried).as("of %d carbon atoms beside a dopant", beside.size()).hasSizeLessThanOrEqualTo(1);
    }

    @Test
    void aFixedWidthOffByAFifthStillCentresTheSpot() {
        Frame f = spot(20.3, 17.65, 0.2);
        GaussianSpotFit fit = new GaussianSpotFit(15);
        fit.clear(14, 11, 13, 13);
        for (int r = 14; r < 27; r++) {
            for (int c = 11; c < 24; c++) {
                if ((r - 20) * (r - 20) + (c - 17.5) * (c - 17.5) <= 36) {
                    fit.add(r, c, f.get(r, c));
                }
            }
        }
        double[] p = fit.fitFixedSigma(20, 18, 2.4, 1, 0.2);
        assertThat(p[2]).isEqualTo(2.4);
        assertThat(p[0]).isCloseTo(20.3, within(0.03));
        assertThat(p[1]).isCloseTo(17.65, within(0.03));
    }

    /** Each round reads only the previous round's positions, so the threads' order cannot change a result. */
    @Test
    void resultsDoNotDependOnTheThreadsSchedule() {
        SimulatedFrame sim = Simulator.simulate(SimulationSpec.of(Material.GRAPHENE, 256).withNoise(Noise.level(0.2)).withSeed(3));
        double s = sim.spec().probeSigmaPixels();
        List<Blob> blobs = LogBlobDetector.detect(sim.frame(), LogParams.of(0.8 * s, 1.3 * s, 5, 0.15, 0.5));
        var first = SubPixelRefiner.refine(sim.frame(), blobs, 10.14, Refinement.GAUSS);
        for (int k = 0; k < 3; k++) {
            assertThat(SubPixelRefiner.refine(sim.frame(), blobs, 10.14, Refinement.GAUSS)).isEqualTo(first);
        }
        assertThat(first.fitted()).isGreaterThan(blobs.size() * 9 / 10);
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
