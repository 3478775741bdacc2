package org.stemloop.image;

/**
 * IEEE 754 binary16 ("float16", numpy {@code <f2}) to float. Every half value is exactly a float,
 * so the conversion is exact (Java 17 has no {@code Float.float16ToFloat}; it came in Java 20).
 */
final class HalfFloat {

    private HalfFloat() {
    }

    /** The float equal to the half-precision bits {@code h}. */
    static float toFloat(short h) {
        int bits = h & 0xFFFF;
        int sign = (bits & 0x8000) << 16;
        int exponent = (bits >>> 10) & 0x1F;
        int mantissa = bits & 0x3FF;
        if (exponent == 0x1F) {
            // Infinity keeps a zero mantissa; NaN keeps its payload.
            return Float.intBitsToFloat(sign | 0x7F80_0000 | (mantissa << 13));
        }
        if (exponent == 0) {
            // Zero or subnormal: mantissa * 2^-24, exact in float.
            float magnitude = mantissa * 0x1p-24f;
            return sign == 0 ? magnitude : -magnitude;
        }
        return Float.intBitsToFloat(sign | ((exponent - 15 + 127) << 23) | (mantissa << 13));
    }
}
