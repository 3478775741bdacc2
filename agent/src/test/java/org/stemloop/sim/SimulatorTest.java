package org.stemloop.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.stemloop.image.Frame;
import org.stemloop.reward.Material;

class SimulatorTest {

    private static final SimulationSpec GRAPHENE = SimulationSpec.of(Material.GRAPHENE, 256).withSeed(11);
    private static final SimulationSpec SRTIO3 = SimulationSpec.of(Material.SRTIO3, 256).withSeed(11);

    @Nested
    class Determinism {

        private final SimulationSpec everything = GRAPHENE.withRotation(23)
                .withNoise(new Noise(0.4, 40, 0.7))
                .withDefects(new Defects(0.03, 0.02, 2, 6, 0.1));

        @Test
        void sameSeedGivesIdenticalFramesAndTruth() {
            SimulatedFrame a = Simulator.simulate(everything);
            SimulatedFrame b = Simulator.simulate(everything);
            assertThat(a.frame()).isEqualTo(b.frame());
            assertThat(a.atoms()).isEqualTo(b.atoms());
        }

        @Test
        void otherSeedGivesOtherFrameAndTruth() {
            SimulatedFrame a = Simulator.simulate(everything);
            SimulatedFrame b = Simulator.simulate(everything.withSeed(12));
            assertThat(a.frame()).isNotEqualTo(b.frame());
            assertThat(a.atoms()).isNotEqualTo(b.atoms());
        }

        @Test
        void noiseLeavesTheLayoutOfASeedAlone() {
            SimulatedFrame clean = Simulator.simulate(GRAPHENE);
            SimulatedFrame noisy = Simulator.simulate(GRAPHENE.withNoise(new Noise(0.9, 20, 0)));
            assertThat(noisy.atoms()).isEqualTo(clean.atoms());
        }

        @Test
        void scanJitterDistortsTheImageButNotTheTruth() {
            SimulationSpec jittered = GRAPHENE.withNoise(Noise.NONE.withScanJitter(1.0));
            assertThat(Simulator.cleanFrame(jittered)).isNotEqualTo(Simulator.cleanFrame(GRAPHENE));
            assertThat(Simulator.simulate(jittered).atoms()).isEqualTo(Simulator.simulate(GRAPHENE).atoms());
        }
    }

    @Nested
    class Counts {

        @ParameterizedTest
        @ValueSource(doubles = {0, 17, 45})
        void grapheneHasItsLatticeDensity(double rotation) {
            // One seed: atom rows along the edges fall in or out, ~1% at 1024 px.
            SimulationSpec spec = SimulationSpec.of(Material.GRAPHENE, 1024).withRotation(rotation);
            SimulatedFrame f = Simulator.simulate(spec);
            double expected = 0.3819 * 1024 * 1024 * 0.14 * 0.14;
            assertThat((double) f.atoms().size()).isCloseTo(expected, within(0.02 * expected));
            assertThat(f.count("C")).isEqualTo(f.atoms().size());
        }

        @ParameterizedTest
        @EnumSource(Material.class)
        void averageOverSeedsMatchesTheDensityClosely(Material material) {
            // The random cell shift makes every lattice site uniform over the frame: the mean is exact.
            SimulationSpec spec = SimulationSpec.of(material, 96).withRotation(7);
            double total = 0;
            int seeds = 40;
            for (int s = 0; s < seeds; s++) {
                total += Simulator.simulate(spec.withSeed(s)).atoms().size();
            }
            assertThat(total / seeds).isCloseTo(spec.expectedLatticeAtoms(), within(0.01 * spec.expectedLatticeAtoms()));
        }

        @Test
        void srtio3HasTwoColumnsPerCell() {
            SimulatedFrame f = Simulator.simulate(SimulationSpec.of(Material.SRTIO3, 512).withRotation(8));
            double area = 512 * 512 * 0.25 * 0.25;
            double expected = 2 * area / (3.905 * 3.905);
            assertThat((double) f.atoms().size()).isCloseTo(expected, within(0.02 * expected));
            assertThat((double) f.count("Sr")).isCloseTo(expected / 2, within(0.03 * expected / 2));
            assertThat((double) f.count("Ti-O")).isCloseTo(expected / 2, within(0.03 * expected / 2));
        }

        @Test
        void nonSquareFramesKeepTheirShapeAndDensity() {
            SimulationSpec spec = GRAPHENE.withSize(300, 700);
            SimulatedFrame f = Simulator.simulate(spec);
            assertThat(f.frame().height()).isEqualTo(300);
            assertThat(f.frame().width()).isEqualTo(700);
            assertThat(f.atoms()).allSatisfy(a -> {
                assertThat(a.row()).isBetween(-0.5, 299.5);
                assertThat(a.col()).isBetween(-0.5, 699.5);
            });
            assertThat(f.atoms()).anySatisfy(a -> assertThat(a.col()).isGreaterThan(690));
            assertThat((double) f.atoms().size()).isCloseTo(spec.expectedLatticeAtoms(),
                    within(0.03 * spec.expectedLatticeAtoms()));
        }

        @Test
        void aFrameInsideAHoleIsBlankWithNoAtoms() {
            SimulationSpec spec = SimulationSpec.of(Material.GRAPHENE, 16)
                    .withDefects(Defects.NONE.withHoles(1, 50));
            SimulatedFrame f = Simulator.simulate(spec);
            assertThat(f.atoms()).isEmpty();
            assertThat(f.frame().range()).containsExactly(0, 0);
        }
    }

    @Nested
    class NoiseLevel {

        @ParameterizedTest
        @EnumSource(Material.class)
        void cleanFrameIsNormalisedToTheUnitInterval(Material material) {
            Frame clean = Simulator.cleanFrame(SimulationSpec.of(material, 200).withNoiseLevel(0.5));
            assertThat(clean.range()).containsExactly(0, 1);
        }

        @ParameterizedTest
        @ValueSource(doubles = {0.05, 0.3, 0.9})
        void noiseIsGaussianWithStandardDeviationL(double level) {
            SimulationSpec spec = GRAPHENE.withSize(300, 300).withNoiseLevel(level);
            double[] noisy = Simulator.simulate(spec).frame().pixels();
            double[] clean = Simulator.cleanFrame(spec).pixels();
            double sum = 0;
            double sumSquares = 0;
            for (int i = 0; i < noisy.length; i++) {
                double d = noisy[i] - clean[i];
                sum += d;
                sumSquares += d * d;
            }
            double mean = sum / noisy.length;
            double std = Math.sqrt(sumSquares / noisy.length - mean * mean);
            assertThat(std).isCloseTo(level, within(0.02 * level));
            assertThat(mean).isCloseTo(0, within(0.02 * level));
        }

        @Test
        void levelZeroIsTheCleanFrame() {
            assertThat(Simulator.simulate(SRTIO3).frame()).isEqualTo(Simulator.cleanFrame(SRTIO3));
        }

        @Test
        void shotNoiseChangesTheFrameAndStaysNormalised() {
            SimulationSpec spec = GRAPHENE.withNoise(Noise.NONE.withShotDose(20));
            Frame shot = Simulator.simulate(spec).frame();
            assertThat(shot).isNotEqualTo(Simulator.cleanFrame(spec));
            assertThat(shot.range()).containsExactly(0, 1);
        }
    }

    @Nested
    class Contrast {

        @ParameterizedTest
        @ValueSource(doubles = {0, 31})
        void grapheneTruthSitsOnBrightSpots(double rotation) {
            assertTruthOnLocalMaxima(GRAPHENE.withRotation(rotation).withDefects(Defects.NONE.withDopants(0.05)));
        }

        @ParameterizedTest
        @ValueSource(doubles = {0, 31})
        void srtio3TruthSitsOnBrightSpots(double rotation) {
            assertTruthOnLocalMaxima(SRTIO3.withRotation(rotation));
        }

        @Test
        void siliconIsBrighterThanCarbon() {
            SimulationSpec spec = GRAPHENE.withDefects(Defects.NONE.withDopants(0.05));
            SimulatedFrame f = Simulator.simulate(spec);
            assertThat(f.count("Si")).isPositive();
            Frame clean = Simulator.cleanFrame(spec);
            assertThat(meanAt(clean, f.atoms(), "Si")).isGreaterThan(3 * meanAt(clean, f.atoms(), "C"));
        }

        @Test
        void strontiumIsBrighterThanTitaniumOxygen() {
            SimulatedFrame f = Simulator.simulate(SRTIO3);
            Frame clean = Simulator.cleanFrame(SRTIO3);
            assertThat(meanAt(clean, f.atoms(), "Sr")).isGreaterThan(1.5 * meanAt(clean, f.atoms(), "Ti-O"));
        }

        private void assertTruthOnLocalMaxima(SimulationSpec spec) {
            Frame clean = Simulator.cleanFrame(spec);
            List<TrueAtom> atoms = Simulator.simulate(spec).atoms();
            int checked = 0;
            for (TrueAtom a : atoms) {
                int r0 = (int) Math.round(a.row());
                int c0 = (int) Math.round(a.col());
                if (r0 < 4 || c0 < 4 || r0 >= clean.height() - 4 || c0 >= clean.width() - 4) {
                    continue;
                }
                int bestR = r0;
                int bestC = c0;
                for (int r = r0 - 3; r <= r0 + 3; r++) {
                    for (int c = c0 - 3; c <= c0 + 3; c++) {
                        if (clean.get(r, c) > clean.get(bestR, bestC)) {
                            bestR = r;
                            bestC = c;
                        }
                    }
                }
                assertThat(Math.hypot(bestR - a.row(), bestC - a.col())).as("brightest pixel near %s", a)
                        .isLessThan(1.0);
                checked++;
            }
            assertThat(checked).isGreaterThan(100);
        }

        private double meanAt(Frame frame, List<TrueAtom> atoms, String label) {
            return atoms.stream().filter(a -> a.label().equals(label))
                    .mapToDouble(a -> frame.get((int) Math.round(a.row()), (int) Math.round(a.col())))
                    .average().orElseThrow();
        }
    }

    @Nested
    class Geometry {

        @Test
        void rotationTurnsTheLatticeAboutTheFrameCentre() {
            double theta = Math.toRadians(30);
            List<TrueAtom> straight = Simulator.simulate(GRAPHENE).atoms();
            List<TrueAtom> turned = Simulator.simulate(GRAPHENE.withRotation(30)).atoms();
            assertThat(turned).isNotEqualTo(straight);
            double centre = 127.5;
            int matched = 0;
            for (TrueAtom a : straight) {
                double dr = a.row() - centre;
                double dc = a.col() - centre;
                if (Math.hypot(dr, dc) > 100) {
                    continue;
                }
                // Counter-clockwise on screen, where rows grow downwards.
                double col = centre + dc * Math.cos(theta) + dr * Math.sin(theta);
                double row = centre - dc * Math.sin(theta) + dr * Math.cos(theta);
                assertThat(turned.stream().anyMatch(t -> Math.hypot(t.row() - row, t.col() - col) < 1e-6))
                        .as("turned %s is in the rotated truth", a).isTrue();
                matched++;
            }
            assertThat(matched).isGreaterThan(200);
        }

        @Test
        void vacanciesRemoveAtomsFromTruthAndImage() {
            SimulatedFrame perfect = Simulator.simulate(GRAPHENE);
            SimulationSpec spec = GRAPHENE.withDefects(Defects.NONE.withVacancies(0.1));
            SimulatedFrame holed = Simulator.simulate(spec);
            Set<TrueAtom> kept = Set.copyOf(holed.atoms());
            assertThat(perfect.atoms()).containsAll(kept);
            List<TrueAtom> removed = perfect.atoms().stream().filter(a -> !kept.contains(a)).toList();
            assertThat((double) removed.size()).isCloseTo(0.1 * perfect.atoms().size(),
                    within(0.03 * perfect.atoms().size()));
            Frame clean = Simulator.cleanFrame(spec);
            for (TrueAtom gone : removed) {
                assertThat(clean.get((int) Math.round(gone.row()), (int) Math.round(gone.col()))).as("at %s", gone)
                        .isLessThan(0.2);
            }
        }

        @Test
        void holesEmptyDisks() {
            SimulatedFrame perfect = Simulator.simulate(GRAPHENE);
            SimulatedFrame holed = Simulator.simulate(GRAPHENE.withDefects(Defects.NONE.withHoles(3, 8)));
            assertThat(perfect.atoms()).containsAll(holed.atoms());
            assertThat(holed.atoms().size()).isLessThan(perfect.atoms().size() - 50);
        }

        @Test
        void amorphousPatchHasRandomCarbonKeptApart() {
            SimulationSpec spec = GRAPHENE.withDefects(Defects.NONE.withAmorphous(0.3));
            SimulatedFrame f = Simulator.simulate(spec);
            List<TrueAtom> amorphous = f.atoms().stream().filter(a -> a.label().equals("amorphous")).toList();
            double expected = AtomLayout.AMORPHOUS_DENSITY_RATIO * spec.expectedLatticeAtoms() * 0.3;
            assertThat((double) amorphous.size()).isCloseTo(expected, within(0.1 * expected));
            double minDistance = AtomLayout.AMORPHOUS_MIN_DISTANCE_RATIO * 1.42 / 0.14;
            for (int i = 0; i < amorphous.size(); i++) {
                for (int j = i + 1; j < amorphous.size(); j++) {
                    TrueAtom a = amorphous.get(i);
                    TrueAtom b = amorphous.get(j);
                    assertThat(Math.hypot(a.row() - b.row(), a.col() - b.col())).isGreaterThan(0.99 * minDistance);
                }
            }
            Set<String> labels = f.atoms().stream().map(TrueAtom::label).collect(Collectors.toSet());
            assertThat(labels).containsExactlyInAnyOrder("C", "amorphous");
        }
    }
}
