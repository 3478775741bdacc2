package org.stemloop.image;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SampleTypeTest {

    @Test
    void unsignedIntegersScaleByTheReciprocalOfTheirMaximumAsNumpyDoes() {
        assertThat(SampleType.UINT16.scaled(65535)).isEqualTo(1.0);
        assertThat(SampleType.UINT16.scaled(1)).isEqualTo(1.0 / 65535);
        // Multiplying by the reciprocal differs from dividing in the last bit for some values:
        // numpy multiplies, so must we.
        assertThat(SampleType.UINT16.scaled(3)).isEqualTo(3 * (1.0 / 65535));
        assertThat(SampleType.UINT8.scaled(255)).isEqualTo(1.0);
        assertThat(SampleType.UINT64.scaled(-1L)).isEqualTo(1.0);
    }

    @Test
    void signedIntegersMapTheMostNegativeValueToMinusOne() {
        assertThat(SampleType.INT8.scaled(-128)).isEqualTo(-1.0);
        assertThat(SampleType.INT8.scaled(127)).isEqualTo(1.0);
        assertThat(SampleType.INT16.scaled(-32767)).isEqualTo(-32767 * (1.0 / 32767));
        assertThat(SampleType.INT64.scaled(Long.MIN_VALUE)).isEqualTo(-1.0);
    }

    @Test
    void boolIsZeroOrOneAndFloatsKeepThePrecisionScikitImageUses() {
        assertThat(SampleType.BOOL.scaled(7)).isEqualTo(1.0);
        assertThat(SampleType.BOOL.scaled(0)).isEqualTo(0.0);
        assertThat(SampleType.FLOAT16.precision()).isEqualTo(Precision.FLOAT32);
        assertThat(SampleType.FLOAT32.precision()).isEqualTo(Precision.FLOAT32);
        assertThat(SampleType.UINT8.precision()).isEqualTo(Precision.FLOAT64);
    }

    @Test
    void halfFloatsConvertExactlyIncludingSpecialValues() {
        assertThat(HalfFloat.toFloat((short) 0x3C00)).isEqualTo(1.0f);
        assertThat(HalfFloat.toFloat((short) 0xC000)).isEqualTo(-2.0f);
        assertThat(HalfFloat.toFloat((short) 0x7BFF)).isEqualTo(65504.0f);
        assertThat(HalfFloat.toFloat((short) 0x0001)).isEqualTo(0x1p-24f);
        assertThat(HalfFloat.toFloat((short) 0x03FF)).isEqualTo(1023 * 0x1p-24f);
        assertThat(HalfFloat.toFloat((short) 0x8000)).isEqualTo(-0.0f);
        assertThat(HalfFloat.toFloat((short) 0x7C00)).isEqualTo(Float.POSITIVE_INFINITY);
        assertThat(HalfFloat.toFloat((short) 0xFC00)).isEqualTo(Float.NEGATIVE_INFINITY);
        assertThat(HalfFloat.toFloat((short) 0x7E00)).isNaN();
    }
}
