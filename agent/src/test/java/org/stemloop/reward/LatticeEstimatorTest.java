package org.stemloop.reward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
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

    /** PbTiO3 [100]: a = 24.4 px, c = 25.9 px (c / a = 1.065), Pb corners and Ti-O centres: two spacings, not one square. */
    @ParameterizedTest(name = "tetragonal a=24.4 c=25.9 px at {0}°")
    @CsvSource({"0", "7", "33"})
    void tetragonalCellIsRectangular(double degrees) {
        List<SyntheticLattice.Atom> atoms = SyntheticLattice.centredRectangle(384, 384, 24.4, 25.9, degrees, 3, 0.4);
        LatticeEstimate estimate = LatticeEstimator.require(SyntheticLattice.render(384, 384, atoms, 2.2, 0.1, 23));

        assertThat(estimate.symmetry()).isEqualTo(Symmetry.RECTANGULAR);
        assertThat(Math.max(estimate.spacingPx(), estimate.secondSpacingPx())).isCloseTo(25.9, within(0.26));
        assertThat(Math.min(estimate.spacingPx(), estimate.secondSpacingPx())).isCloseTo(24.4, within(0.24));
        assertThat(estimate.atomsPerCell()).isEqualTo(2);
        assertThat(estimate.toLattice().expectedCount(384, 384, 1)).isCloseTo(atoms.size(), within(0.05 * atoms.size()));
    }

    /** A square stretched 2% along one axis, as a slow scan's drift does: still one square spacing. */
    @Test
    void scanDistortedSquareStaysSquare() {
        List<SyntheticLattice.Atom> atoms = SyntheticLattice.centredRectangle(512, 512, 30, 30.6, 0, 3, 0.5);
        LatticeEstimate estimate = LatticeEstimator.require(SyntheticLattice.render(512, 512, atoms, 2.5, 0.1, 29));

        assertThat(estimate.symmetry()).isEqualTo(Symmetry.SQUARE);
        assertThat(estimate.spacingPx()).isCloseTo(30.3, within(0.45));
    }

    /** Two lattices of similar strength and unrelated spacings (two phases): refused, naming why. */
    @Test
    void incompatibleSpacingsAreRefused() {
        List<SyntheticLattice.Atom> atoms = new java.util.ArrayList<>(SyntheticLattice.square(512, 512, 21, 0, 2));
        atoms.addAll(SyntheticLattice.square(512, 512, 26, 17, 5));
        Frame frame = SyntheticLattice.render(512, 512, atoms, 2.2, 0.1, 31);

        assertThatThrownBy(() -> LatticeEstimator.require(frame)).isInstanceOf(NoLatticeException.class)
                .hasMessageContaining("incompatible spacings");
        assertThat(LatticeEstimator.estimate(frame)).isEmpty();
    }

    /** Fringes: one set of planes and no second direction. */
    @Test
    void oneDirectionIsRefused() {
        double[] pixels = new double[256 * 256];
        Random random = new Random(3);
        for (int r = 0; r < 256; r++) {
            for (int c = 0; c < 256; c++) {
                pixels[r * 256 + c] = Math.cos(2 * Math.PI * (c * 0.8 + r * 0.6) / 12) + 0.1 * random.nextGaussian();
            }
        }
        assertThatThrownBy(() -> LatticeEstimator.require(Frame.of(256, 256, pixels)))
                .isInstanceOf(NoLatticeException.class).hasMessageContaining("one direction of lattice planes only");
    }

    @Test
    void noiseIsRefusedNamingTheStrongestPeak() {
        Random random = new Random(5);
        double[] pixels = new double[256 * 256];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = random.nextGaussian();
        }
        assertThatThrownBy(() -> LatticeEstimator.require(Frame.of(256, 256, pixels)))
                .isInstanceOf(NoLatticeException.class).hasMessageContaining("times above its ring's background");
    }

    /** The real-space cell of a centred rectangle: sides, two columns per cell, the centre one at half the cell. */
    @Test
    void cellHasBothColumnsInRealSpace() {
        List<SyntheticLattice.Atom> atoms = SyntheticLattice.centredRectangle(384, 384, 24.4, 25.9, 0, 3, 0.4);
        LatticeCell cell = LatticeEstimator.cell(SyntheticLattice.render(384, 384, atoms, 2.2, 0.1, 23));

        double[] sides = cell.sidesPx();
        assertThat(Math.min(sides[0], sides[1])).isCloseTo(24.4, within(0.25));
        assertThat(Math.max(sides[0], sides[1])).isCloseTo(25.9, within(0.26));
        assertThat(cell.sites()).hasSize(2);
        assertThat(cell.columns(384, 384, 0).size()).isCloseTo(atoms.size(), within(8));
        // the first (brightest) site on a corner column: offset 3 px plus a whole number of cells
        LatticeCell.Site corner = cell.sites().get(0);
        double[] f = cell.fractional(3, 3, corner);
        assertThat(Math.abs(f[0] - Math.rint(f[0]))).isLessThan(0.05);
        assertThat(Math.abs(f[1] - Math.rint(f[1]))).isLessThan(0.05);
        double[] centre = cell.fractional(cell.sites().get(1).row(), cell.sites().get(1).col(), corner);
        assertThat(Math.abs(centre[0] - Math.rint(centre[0]))).isCloseTo(0.5, within(0.05));
        assertThat(Math.abs(centre[1] - Math.rint(centre[1]))).isCloseTo(0.5, within(0.05));
    }
}
