package org.stemloop.reward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.stemloop.image.Frame;

class LatticeEstimatorTest {

    @ParameterizedTest(name = "honeycomb a={0} px, {1}°, noise {2}")
    @CsvSource({"31.5, 0, 0.2", "31.5, 17, 0.5", "12, 33, 0.3", "20, 45, 1.0", "8, 5, 0.3"})
    void honeycombSpacingAndSymmetry(double a, double degrees, double noise) {
        int size = 512;
        List<SyntheticLattice.Atom> atoms = SyntheticLattice.honeycomb(size, size, a, degrees, 3.3);
        Frame frame = SyntheticLattice.render(size, size, atoms, a / 8, noise, 7);

        LatticeEstimate estimate = LatticeEstimator.estimate(frame).orElseThrow();

        double planeSpacing = a * Math.sqrt(3) / 2;
        assertThat(estimate.symmetry()).isEqualTo(Symmetry.HEXAGONAL);
        assertThat(estimate.spacingPx()).isCloseTo(planeSpacing, within(0.03 * planeSpacing));
        assertThat(estimate.atomsPerCell()).isEqualTo(2);
        Lattice lattice = estimate.toLattice();
        assertThat(lattice).isInstanceOf(Honeycomb.class);
        assertThat(lattice.nearestNeighbourPx(1)).isCloseTo(a / Math.sqrt(3), within(0.03 * a / Math.sqrt(3)));
        assertThat(lattice.expectedCount(size, size, 1)).isCloseTo(atoms.size(), within(0.06 * atoms.size()));
    }

    @ParameterizedTest(name = "centred square a={0} px, {1}°, centre brightness {2}")
    @CsvSource({"39, 0, 0.45, 0.2", "39, 12, 1.0, 0.2", "16, 30, 0.6, 0.5", "25, 3, 0.45, 1.0"})
    void centredSquareDensity(double a, double degrees, double centre, double noise) {
        int size = 512;
        List<SyntheticLattice.Atom> atoms = SyntheticLattice.centredSquare(size, size, a, degrees, 2.1, centre);
        Frame frame = SyntheticLattice.render(size, size, atoms, a / 9, noise, 11);

        LatticeEstimate estimate = LatticeEstimator.estimate(frame).orElseThrow();

        // (100) at a when the centre column differs in brightness, else (110) at a / sqrt(2)
        assertThat(estimate.symmetry()).isEqualTo(Symmetry.SQUARE);
        double expected = estimate.atomsPerCell() == 2 ? a : a / Math.sqrt(2);
        assertThat(estimate.spacingPx()).isCloseTo(expected, within(0.03 * expected));
        Lattice lattice = estimate.toLattice();
        assertThat(lattice.nearestNeighbourPx(1)).isCloseTo(a / Math.sqrt(2), within(0.03 * a / Math.sqrt(2)));
        assertThat(lattice.expectedCount(size, size, 1)).isCloseTo(atoms.size(), within(0.06 * atoms.size()));
    }

    @Test
    void findsPerovskiteFirstOrderWhenColumnsDiffer() {
        List<SyntheticLattice.Atom> atoms = SyntheticLattice.centredSquare(400, 380, 42, 0, 5, 0.4);
        LatticeEstimate estimate = LatticeEstimator.estimate(SyntheticLattice.render(400, 380, atoms, 4, 0.1, 3)).orElseThrow();

        assertThat(estimate.spacingPx()).isCloseTo(42, within(1.26));
        assertThat(estimate.atomsPerCell()).isEqualTo(2);
        assertThat(estimate.toLattice()).isInstanceOf(CentredSquare.class);
    }

    @Test
    void triangularLatticeHasOneAtomPerCell() {
        List<SyntheticLattice.Atom> atoms = SyntheticLattice.triangular(512, 512, 22, 24, 1.7);
        LatticeEstimate estimate = LatticeEstimator.estimate(SyntheticLattice.render(512, 512, atoms, 2.5, 0.3, 13)).orElseThrow();

        assertThat(estimate.symmetry()).isEqualTo(Symmetry.HEXAGONAL);
        assertThat(estimate.spacingPx()).isCloseTo(22 * Math.sqrt(3) / 2, within(0.03 * 22 * Math.sqrt(3) / 2));
        assertThat(estimate.atomsPerCell()).isEqualTo(1);
        assertThat(estimate.toLattice().expectedCount(512, 512, 1)).isCloseTo(atoms.size(), within(0.05 * atoms.size()));
    }

    @Test
    void simpleSquareLatticeHasOneAtomPerCell() {
        List<SyntheticLattice.Atom> atoms = SyntheticLattice.square(300, 420, 17, 8, 4);
        LatticeEstimate estimate = LatticeEstimator.estimate(SyntheticLattice.render(300, 420, atoms, 2, 0.3, 17)).orElseThrow();

        assertThat(estimate.symmetry()).isEqualTo(Symmetry.SQUARE);
        assertThat(estimate.spacingPx()).isCloseTo(17, within(0.51));
        assertThat(estimate.atomsPerCell()).isEqualTo(1);
        assertThat(estimate.toLattice().nearestNeighbourPx(1)).isCloseTo(17, within(0.51));
    }

    @Test
    void rectangularLattice() {
        List<SyntheticLattice.Atom> atoms = SyntheticLattice.rectangular(512, 512, 14, 23, 20, 3);
        LatticeEstimate estimate = LatticeEstimator.estimate(SyntheticLattice.render(512, 512, atoms, 2, 0.3, 19)).orElseThrow();

        assertThat(estimate.symmetry()).isEqualTo(Symmetry.RECTANGULAR);
        assertThat(estimate.spacingPx()).isCloseTo(23, within(0.69));
        assertThat(estimate.secondSpacingPx()).isCloseTo(14, within(0.42));
        assertThat(estimate.toLattice().expectedCount(512, 512, 1)).isCloseTo(atoms.size(), within(0.05 * atoms.size()));
    }

    @Test
    void noLatticeInOnePixel() {
        assertThat(LatticeEstimator.estimate(Frame.of(1, 1, new double[] {0.5}))).isEmpty();
    }

    @Test
    void noLatticeInNoise() {
        Random random = new Random(5);
        double[] pixels = new double[256 * 256];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = random.nextGaussian();
        }
        assertThat(LatticeEstimator.estimate(Frame.of(256, 256, pixels))).isEmpty();
    }

    @Test
    void noLatticeInBlankFrame() {
        assertThat(LatticeEstimator.estimate(Frame.of(64, 64, new double[64 * 64]))).isEmpty();
    }

    @Test
    void confidenceIsHigherForCleanerFrames() {
        List<SyntheticLattice.Atom> atoms = SyntheticLattice.honeycomb(256, 256, 20, 10, 0);
        Optional<LatticeEstimate> clean = LatticeEstimator.estimate(SyntheticLattice.render(256, 256, atoms, 2.5, 0.05, 1));
        Optional<LatticeEstimate> noisy = LatticeEstimator.estimate(SyntheticLattice.render(256, 256, atoms, 2.5, 1.0, 1));

        assertThat(clean).isPresent();
        assertThat(noisy).isPresent();
        assertThat(clean.get().confidence()).isGreaterThan(noisy.get().confidence());
    }
}
