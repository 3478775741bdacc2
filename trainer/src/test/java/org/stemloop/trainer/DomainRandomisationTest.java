package org.stemloop.trainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.stemloop.image.Frame;
import org.stemloop.image.PngWriter;
import org.stemloop.reward.Material;

class DomainRandomisationTest {

    private static final int SIZE = 64;

    /** A flat frame with a grid of atoms every 8 px. */
    private static List<double[]> grid() {
        List<double[]> atoms = new ArrayList<>();
        for (int r = 4; r < SIZE; r += 8) {
            for (int c = 4; c < SIZE; c += 8) {
                atoms.add(new double[] {r, c});
            }
        }
        return atoms;
    }

    @Test
    void probabilityZeroLeavesFrameAndAtomsAlone() {
        double[] image = new double[SIZE * SIZE];
        java.util.Arrays.fill(image, 0.3);
        List<double[]> atoms = grid();
        List<double[]> out = DomainRandomisation.NONE.apply(image, SIZE, atoms, new SplittableRandom(1));
        assertThat(out).isSameAs(atoms);
        assertThat(image).containsOnly(0.3);
    }

    @Test
    void contaminationAndShearChangeTheAtomsOfSomeFramesAndAllStayInside() {
        int fewer = 0;
        int moved = 0;
        for (int seed = 0; seed < 60; seed++) {
            double[] image = new double[SIZE * SIZE];
            java.util.Arrays.fill(image, 0.3);
            List<double[]> atoms = grid();
            List<double[]> out = new DomainRandomisation(1).apply(image, SIZE, atoms, new SplittableRandom(seed));
            if (out.size() < atoms.size()) {
                fewer++;
            }
            if (out.size() == atoms.size() && out.stream().anyMatch(a -> a[1] % 8 != 4)) {
                moved++;
            }
            for (double[] a : out) {
                assertThat(a[1]).isBetween(-0.5, SIZE - 0.5);
            }
            for (double v : image) {
                assertThat(v).isFinite().isGreaterThanOrEqualTo(0);
            }
        }
        // contamination on ~30% of frames drops atoms; shear on ~50% moves them
        assertThat(fewer).isBetween(5, 35);
        assertThat(moved).isGreaterThan(5);
    }

    @Test
    void samplesStayDeterministicWithRandomisation() {
        SampleGenerator g = new SampleGenerator(Material.GRAPHENE, SIZE, Augmentation.DEFAULT, DomainRandomisation.DEFAULT, 3);
        float[] a = new float[SIZE * SIZE];
        float[] b = new float[SIZE * SIZE];
        float[] m = new float[SIZE * SIZE];
        g.sample(5, a, m, 0);
        g.sample(5, b, m, 0);
        assertThat(a).isEqualTo(b);
    }

    @Test
    void rejectsProbabilitiesOutsideZeroToOne() {
        assertThatThrownBy(() -> new DomainRandomisation(1.5)).hasMessageContaining("[0, 1]");
    }

    /** {@code -Dstemloop.dumpSamples=DIR} writes a few samples and masks as PNG, to look at. */
    @Test
    void dumpSamplesWhenAsked() throws Exception {
        String dir = System.getProperty("stemloop.dumpSamples");
        if (dir == null) {
            return;
        }
        int size = 96;
        SampleGenerator g = new SampleGenerator(Material.GRAPHENE, size, Augmentation.DEFAULT, new DomainRandomisation(1), 11);
        for (int i = 0; i < 12; i++) {
            float[] img = new float[size * size];
            float[] mask = new float[size * size];
            g.sample(i, img, mask, 0);
            double[] both = new double[size * 2 * size];
            for (int r = 0; r < size; r++) {
                for (int c = 0; c < size; c++) {
                    both[r * 2 * size + c] = img[r * size + c];
                    both[r * 2 * size + size + c] = mask[r * size + c];
                }
            }
            PngWriter.write(Frame.of(size, 2 * size, both), Path.of(dir, "sample" + i + ".png"), PngWriter.BitDepth.EIGHT,
                    PngWriter.Scaling.UNIT);
        }
    }
}
