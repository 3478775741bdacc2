package org.stemloop.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.stemloop.image.Frame;

class RealisticSimulatorTest {

    /**
     * The geometry alone: no noise, background, holes or contamination; every scan distortion on;
     * a sharp probe (0.5 Å), so that a window of 0.45 nearest-neighbour distances holds an atom's
     * whole torn spot and next to nothing of its neighbours'.
     */
    private static RealisticSpec distorted(Preset preset) {
        return preset.spec(256).idealised().withRotation(37)
                .withProbe(Probe.of(0.5).withoutTail())
                .withScan(new ScanDistortion(0.3, 0.6, 23, 0.02, 0.03));
    }

    /** Centre of mass of the pixels within {@code radius} of (row, col), one step from there. */
    private static double[] centreOfMass(Frame f, double row, double col, double radius) {
        double sum = 0;
        double sr = 0;
        double sc = 0;
        for (int r = (int) Math.floor(row - radius); r <= (int) Math.ceil(row + radius); r++) {
            for (int c = (int) Math.floor(col - radius); c <= (int) Math.ceil(col + radius); c++) {
                if ((r - row) * (r - row) + (c - col) * (c - col) <= radius * radius) {
                    double v = f.get(r, c);
                    sum += v;
                    sr += v * r;
                    sc += v * c;
                }
            }
        }
        return new double[] {sr / sum, sc / sum};
    }

    @Nested
    class Geometry {

        @ParameterizedTest
        @EnumSource(value = Preset.class, names = {"HAADF_NION_GRAPHENE", "HAADF_SRTIO3"})
        void atomsAreDrawnAtTheirTruthAfterRotationShearAndJitter(Preset preset) {
            RealisticSpec spec = distorted(preset);
            RealisticFrame f = Simulator.realistic(spec, 5);
            double nn = spec.material().nearestNeighbourAngstrom() / spec.pixelSizeAngstrom();
            double radius = 0.45 * nn;
            double worst = 0;
            int checked = 0;
            for (TrueAtom a : f.atoms()) {
                if (a.row() < nn || a.col() < nn || a.row() > 255 - nn || a.col() > 255 - nn) {
                    continue;
                }
                double[] com = centreOfMass(f.frame(), a.row(), a.col(), radius);
                worst = Math.max(worst, Math.hypot(com[0] - a.row(), com[1] - a.col()));
                checked++;
            }
            assertThat(checked).isGreaterThan(50);
            assertThat(worst).as("largest distance of a centre of mass from its truth, px").isLessThan(0.05);
        }

        @Test
        void truthMovesWithTheShearWhileTheLatticeStaysPut() {
            RealisticSpec straight = Preset.HAADF_SRTIO3.spec(256).idealised().withRotation(0);
            double shear = 0.02;
            RealisticSpec sheared = straight.withScan(new ScanDistortion(0, 0, 50, shear, 0));
            List<TrueAtom> before = Simulator.realistic(straight, 9).atoms();
            List<TrueAtom> after = Simulator.realistic(sheared, 9).atoms();
            // Atoms far from the side edges stay in the frame: each moves by shear (row - centre) sideways.
            TrueAtom a = before.stream().filter(t -> t.col() > 60 && t.col() < 190 && t.row() < 40).findFirst()
                    .orElseThrow();
            TrueAtom moved = after.stream().filter(t -> Math.abs(t.row() - a.row()) < 1e-9).min((x, y) -> Double.compare(
                    Math.abs(x.col() - a.col()), Math.abs(y.col() - a.col()))).orElseThrow();
            // Within 1e-4 px, not exactly: the centroid weighs whole rows of the spot, cut at 4 sigma.
            assertThat(moved.col() - a.col()).isCloseTo(shear * (a.row() - 127.5), within(1e-4));
        }

        @Test
        void randomRotationIsDrawnFromTheSeedAndReported() {
            RealisticSpec spec = Preset.HAADF_SRTIO3.spec(64);
            assertThat(spec.randomRotation()).isTrue();
            double a = Simulator.realistic(spec, 1).rotationDegrees();
            double b = Simulator.realistic(spec, 2).rotationDegrees();
            assertThat(a).isBetween(0.0, 360.0).isNotEqualTo(b);
            assertThat(Simulator.realistic(spec.withRotation(12.5), 1).rotationDegrees()).isEqualTo(12.5);
        }
    }

    @Nested
    class Regions {

        private final RealisticSpec dirty = Preset.HAADF_NION_GRAPHENE.spec(256).withSpecimen(
                Preset.HAADF_NION_GRAPHENE.spec(256).specimen().withHoles(3, 4).withContamination(3, 4, 3));

        @Test
        void noTrueAtomLiesInAHoleOrAContaminationPatch() {
            RealisticFrame f = Simulator.realistic(dirty, 4);
            assertThat(f.regions()).hasSize(6);
            assertThat(f.atoms()).isNotEmpty().noneMatch(a -> f.outsideCrystal(a.row(), a.col()));
            // The lattice was there: the same seed without regions has the atoms the regions removed.
            RealisticFrame open = Simulator.realistic(dirty.withSpecimen(dirty.specimen().withHoles(0, 4)
                    .withContamination(0, 4, 3)), 4);
            long removed = open.atoms().stream().filter(a -> f.outsideCrystal(a.row(), a.col())).count();
            assertThat(removed).isGreaterThan(20);
            assertThat(f.atoms().size()).isEqualTo(open.atoms().size() - removed);
        }

        private static Region.Kind kindAt(List<Region> regions, int r, int c) {
            for (Region g : regions) {
                if (g.contains(r, c)) {
                    return g.kind();
                }
            }
            return null;
        }

        @Test
        void holesAreDarkAndContaminationBrightInHaadf() {
            RealisticFrame f = Simulator.realistic(dirty.withDose(0), 4);
            double hole = 0;
            double dirt = 0;
            double film = 0;
            int nh = 0;
            int nd = 0;
            int nf = 0;
            for (int r = 0; r < 256; r++) {
                for (int c = 0; c < 256; c++) {
                    double v = f.frame().get(r, c);
                    Region.Kind k = kindAt(f.regions(), r, c);
                    if (k == Region.Kind.HOLE && RealisticSimulator.coverage(f.regions(), k, r, c) > 0.99) {
                        hole += v;
                        nh++;
                    } else if (k == Region.Kind.CONTAMINATION) {
                        dirt += v;
                        nd++;
                    } else if (k == null) {
                        film += v;
                        nf++;
                    }
                }
            }
            assertThat(nh).isPositive();
            assertThat(nd).isPositive();
            assertThat(hole / nh).isLessThan(0.05 * film / nf);
            assertThat(dirt / nd).isGreaterThan(1.5 * film / nf);
        }
    }

    @Nested
    class Dose {

        @Test
        void countsArePoissonAroundTheExpectedImage() {
            double dose = 40;
            RealisticSpec spec = Preset.HAADF_SRTIO3.spec(128).withDose(dose);
            double[] expected = Simulator.realistic(spec.withDose(0), 3).frame().pixels();
            double[] counts = Simulator.realistic(spec, 3).frame().pixels();
            double total = 0;
            for (double v : expected) {
                total += v;
            }
            double scale = dose * expected.length / total;
            double sum = 0;
            double squares = 0;
            double lambdas = 0;
            for (int i = 0; i < counts.length; i++) {
                assertThat(counts[i]).isEqualTo(Math.rint(counts[i])).isNotNegative();
                double lambda = expected[i] * scale;
                sum += counts[i];
                squares += (counts[i] - lambda) * (counts[i] - lambda);
                lambdas += lambda;
            }
            int n = counts.length;
            // Mean dose within 4 standard errors (sqrt(dose / n)); variance = mean within 4 of its ~1.6% errors.
            assertThat(sum / n).isCloseTo(dose, within(4 * Math.sqrt(dose / n)));
            assertThat(squares / lambdas).isCloseTo(1.0, within(4 * Math.sqrt(2.0 / n + 1.0 / (dose * n))));
        }

        @Test
        void doseAndNoiseLeaveTheTruthAlone() {
            RealisticSpec spec = Preset.HAADF_NION_GRAPHENE.spec(128);
            assertThat(Simulator.realistic(spec.withDose(5), 8).atoms())
                    .isEqualTo(Simulator.realistic(spec.withDose(0), 8).atoms());
        }
    }

    @Nested
    class Determinism {

        @ParameterizedTest
        @EnumSource(Preset.class)
        void sameSeedSameFrameOtherSeedOtherFrame(Preset preset) {
            RealisticSpec spec = preset.spec(192);
            RealisticFrame a = Simulator.realistic(spec, 21);
            RealisticFrame b = Simulator.realistic(spec, 21);
            RealisticFrame c = Simulator.realistic(spec, 22);
            assertThat(a.frame()).isEqualTo(b.frame());
            assertThat(a.atoms()).isEqualTo(b.atoms());
            assertThat(c.frame()).isNotEqualTo(a.frame());
            assertThat(c.atoms()).isNotEqualTo(a.atoms());
        }
    }

    @Nested
    class Contrasts {

        @Test
        void abfColumnsAreDarkAndHaadfColumnsBright() {
            RealisticSpec haadf = Preset.HAADF_SRTIO3.spec(128).idealised();
            for (Contrast contrast : Contrast.values()) {
                RealisticFrame f = Simulator.realistic(haadf.withContrast(contrast), 2);
                double atAtoms = f.atoms().stream().mapToDouble(a -> f.frame().get((int) Math.round(a.row()),
                        (int) Math.round(a.col()))).average().orElseThrow();
                double mean = java.util.Arrays.stream(f.frame().pixels()).average().orElseThrow();
                if (contrast == Contrast.ABF) {
                    assertThat(atAtoms).isLessThan(0.7 * mean);
                } else {
                    assertThat(atAtoms).isGreaterThan(1.5 * mean);
                }
            }
        }

        @Test
        void thicknessVariesTheColumnIntensitySmoothly() {
            RealisticSpec even = Preset.HAADF_SRTIO3.spec(256).idealised().withProbe(Probe.of(0.9).withoutTail());
            RealisticSpec wedge = even.withSpecimen(even.specimen().withThickness(0.2, 20));
            assertThat(relativeSpreadOfSrPeaks(Simulator.realistic(even, 6))).isLessThan(0.01);
            assertThat(relativeSpreadOfSrPeaks(Simulator.realistic(wedge, 6))).isBetween(0.08, 0.4);
        }

        private double relativeSpreadOfSrPeaks(RealisticFrame f) {
            double[] peaks = f.atoms().stream().filter(a -> a.label().equals("Sr")
                    && a.row() > 10 && a.col() > 10 && a.row() < 245 && a.col() < 245)
                    .mapToDouble(a -> f.frame().get((int) Math.round(a.row()), (int) Math.round(a.col()))).toArray();
            double mean = java.util.Arrays.stream(peaks).average().orElseThrow();
            double var = java.util.Arrays.stream(peaks).map(v -> (v - mean) * (v - mean)).average().orElseThrow();
            return Math.sqrt(var) / mean;
        }
    }

    @Nested
    class Calibration {

        @Test
        void theFrameCarriesTheToldPixelSizeAndTheTruthBoth() {
            RealisticSpec spec = Preset.HAADF_SRTIO3.spec(64).withPixelSize(0.1).withCalibrationError(0.04);
            RealisticFrame f = Simulator.realistic(spec, 1);
            assertThat(f.frame().pixelSizeAngstrom()).hasValueCloseTo(0.104, within(1e-12));
            var json = RealisticTruthJson.toJson(f, Preset.HAADF_SRTIO3);
            assertThat(json.get("pixel_size_angstrom").asDouble()).isEqualTo(0.1);
            assertThat(json.get("told_pixel_size_angstrom").asDouble()).isCloseTo(0.104, within(1e-12));
            assertThat(json.get("atoms").size()).isEqualTo(f.atoms().size());
            assertThat(f.asSimulated().spec().pixelSizeAngstrom()).isCloseTo(0.104, within(1e-12));
        }
    }

    @Nested
    class BadParameters {

        @Test
        void eachNamesItsParameter() {
            assertThatThrownBy(() -> new Probe(0.1, 0.3, 3)).hasMessageContaining("Probe FWHM");
            assertThatThrownBy(() -> new Probe(1, 0.9, 3)).hasMessageContaining("tail fraction");
            assertThatThrownBy(() -> new ScanDistortion(9, 0, 50, 0, 0)).hasMessageContaining("Scan jitter");
            assertThatThrownBy(() -> new ScanDistortion(0, 0, 50, 0.5, 0)).hasMessageContaining("Drift shear");
            assertThatThrownBy(() -> Specimen.CLEAN.withHoles(-1, 5)).hasMessageContaining("Number of holes");
            assertThatThrownBy(() -> new Background(-0.1, 0, 100, 0, 1)).hasMessageContaining("Background level");
            RealisticSpec spec = Preset.HAADF_SRTIO3.spec(64);
            assertThatThrownBy(() -> spec.withDose(-1)).hasMessageContaining("Dose");
            assertThatThrownBy(() -> spec.withDose(Double.NaN)).hasMessageContaining("Dose");
            assertThatThrownBy(() -> spec.withCalibrationError(0.5)).hasMessageContaining("Calibration error");
            assertThatThrownBy(() -> spec.withPixelSize(2)).hasMessageContaining("Pixel size");
            assertThatThrownBy(() -> spec.withSize(8, 64)).hasMessageContaining("Height");
            assertThatThrownBy(() -> spec.withSpecimen(Specimen.CLEAN.withDopants(0.01)))
                    .hasMessageContaining("Dopants are implemented for graphene only");
            assertThatThrownBy(() -> Preset.parse("haadf-gold")).hasMessageContaining("haadf-nion-graphene");
            assertThatThrownBy(() -> Contrast.parse("bf")).hasMessageContaining("haadf or abf");
        }
    }
}
