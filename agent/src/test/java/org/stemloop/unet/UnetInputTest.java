package org.stemloop.unet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class UnetInputTest {

    @Test
    void normalisesToTheUnitRange() {
        assertThat(UnetInput.normalised(new double[] {-2, 0, 2})).containsExactly(0f, 0.5f, 1f);
    }

    @Test
    void aFlatFrameBecomesZeros() {
        assertThat(UnetInput.normalised(new double[] {3, 3, 3})).containsExactly(0f, 0f, 0f);
    }

    @Test
    void rejectsNonFinitePixels() {
        assertThatThrownBy(() -> UnetInput.normalised(new double[] {0, Double.NaN}))
                .hasMessageContaining("non-finite");
    }

    @Test
    void padsToMultiplesOfEight() {
        assertThat(UnetInput.padded(1)).isEqualTo(8);
        assertThat(UnetInput.padded(8)).isEqualTo(8);
        assertThat(UnetInput.padded(37)).isEqualTo(40);
    }

    @Test
    void reflectsWithoutRepeatingTheEdgeAndCropsBack() {
        float[] row = {1, 2, 3};
        float[] padded = UnetInput.reflectPad(row, 1, 3, 1, 8);
        // d c b | a b c d: 1 2 3 then 2 1 2 3 2
        assertThat(padded).containsExactly(1, 2, 3, 2, 1, 2, 3, 2);
        assertThat(UnetInput.crop(padded, 8, 1, 3)).containsExactly(1, 2, 3);
    }
}
