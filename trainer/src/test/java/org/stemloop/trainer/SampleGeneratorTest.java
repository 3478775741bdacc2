package org.stemloop.trainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.stemloop.reward.Material;

class SampleGeneratorTest {

    private static final int SIZE = 64;

    @Test
    void samplesAreDeterministicNormalisedAndMasked() {
        SampleGenerator g = new SampleGenerator(Material.SRTIO3, SIZE, Augmentation.DEFAULT, 7);
        float[] img = new float[2 * SIZE * SIZE];
        float[] mask = new float[2 * SIZE * SIZE];
        g.sample(3, img, mask, 0);
        g.sample(3, img, mask, SIZE * SIZE);
        for (int i = 0; i < SIZE * SIZE; i++) {
            assertThat(img[i]).isEqualTo(img[i + SIZE * SIZE]);
            assertThat(mask[i]).isEqualTo(mask[i + SIZE * SIZE]);
            assertThat(img[i]).isBetween(0f, 1f);
            assertThat(mask[i]).isIn(0f, 1f);
        }
        double covered = 0;
        for (int i = 0; i < SIZE * SIZE; i++) {
            covered += mask[i];
        }
        // disks of radius NN/4 around a lattice with NN ~11 px cover roughly 10-20% of the frame
        assertThat(covered / (SIZE * SIZE)).isBetween(0.05, 0.3);
    }

    @Test
    void differentIndicesGiveDifferentFrames() {
        SampleGenerator g = new SampleGenerator(Material.GRAPHENE, SIZE, Augmentation.DEFAULT, 7);
        float[] a = new float[SIZE * SIZE];
        float[] b = new float[SIZE * SIZE];
        float[] m = new float[SIZE * SIZE];
        g.sample(0, a, m, 0);
        g.sample(1, b, m, 0);
        assertThat(a).isNotEqualTo(b);
    }

    @Test
    void rejectsSizesThePoolingCannotHalveThreeTimes() {
        assertThatThrownBy(() -> new SampleGenerator(Material.GRAPHENE, 60, Augmentation.DEFAULT, 1))
                .hasMessageContaining("multiple of 8");
    }
}
