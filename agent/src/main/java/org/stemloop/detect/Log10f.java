package org.stemloop.detect;

/**
 * {@code log10f} as glibc 2.36 computes it, which is what NumPy's float32 {@code log10} returns
 * on Debian 12: needed because scikit-image computes a float32 frame's log-spaced scales with
 * it, and that function is not correctly rounded (for 3.903f it answers 0.5913986f where the
 * nearest float is 0.5913985f). Two steps, transcribed from glibc:
 * <ol>
 *   <li>{@code __logf} (from Arm's optimized-routines): a 16-interval table of {@code 1/c} and
 *       {@code log c}, and a cubic for {@code log1p(z/c - 1)}, in double, rounded to float once;</li>
 *   <li>{@code __ieee754_log10f} (fdlibm): {@code k log10(2) + log(m) / ln 10} in float
 *       arithmetic with a two-part {@code log10(2)}.</li>
 * </ol>
 * Valid for positive normal floats (sigmas); others fall back to {@link StrictMath#log10}.
 */
final class Log10f {

    private static final double[] INVC = {
        0x1.661ec79f8f3bep+0, 0x1.571ed4aaf883dp+0, 0x1.49539f0f010bp+0, 0x1.3c995b0b80385p+0,
        0x1.30d190c8864a5p+0, 0x1.25e227b0b8eap+0, 0x1.1bb4a4a1a343fp+0, 0x1.12358f08ae5bap+0,
        0x1.0953f419900a7p+0, 0x1p+0, 0x1.e608cfd9a47acp-1, 0x1.ca4b31f026aap-1,
        0x1.b2036576afce6p-1, 0x1.9c2d163a1aa2dp-1, 0x1.886e6037841edp-1, 0x1.767dcf5534862p-1,
    };
    private static final double[] LOGC = {
        -0x1.57bf7808caadep-2, -0x1.2bef0a7c06ddbp-2, -0x1.01eae7f513a67p-2, -0x1.b31d8a68224e9p-3,
        -0x1.6574f0ac07758p-3, -0x1.1aa2bc79c81p-3, -0x1.a4e76ce8c0e5ep-4, -0x1.1973c5a611cccp-4,
        -0x1.252f438e10c1ep-5, 0x0p+0, 0x1.aa5aa5df25984p-5, 0x1.c5e53aa362eb4p-4,
        0x1.526e57720db08p-3, 0x1.bc2860d22477p-3, 0x1.1058bc8a07ee1p-2, 0x1.4043057b6ee09p-2,
    };
    private static final double LN2 = 0x1.62e42fefa39efp-1;
    private static final double A0 = -0x1.00ea348b88334p-2;
    private static final double A1 = 0x1.5575b0be00b6ap-2;
    private static final double A2 = -0x1.ffffef20a4123p-2;
    private static final int OFF = 0x3f330000;

    private static final float IVLN10 = Float.intBitsToFloat(0x3ede5bd9);
    private static final float LOG10_2HI = Float.intBitsToFloat(0x3e9a2080);
    private static final float LOG10_2LO = Float.intBitsToFloat(0x355427db);

    private Log10f() {
    }

    static float log10f(float x) {
        int hx = Float.floatToRawIntBits(x);
        if (hx < 0x00800000 || hx >= 0x7f800000) {
            return (float) StrictMath.log10(x);
        }
        int k = (hx >> 23) - 127;
        int i = k < 0 ? 1 : 0;
        hx = (hx & 0x007fffff) | ((0x7f - i) << 23);
        float y = k + i;
        float m = Float.intBitsToFloat(hx);
        float z = y * LOG10_2LO + IVLN10 * logf(m);
        return z + y * LOG10_2HI;
    }

    /** glibc's {@code __logf} for positive normal floats. */
    static float logf(float x) {
        int ix = Float.floatToRawIntBits(x);
        if (ix == 0x3f800000) {
            return 0;
        }
        int tmp = ix - OFF;
        int i = (tmp >>> (23 - 4)) % 16;
        int k = tmp >> 23;
        int iz = ix - (tmp & (0x1ff << 23));
        double z = Float.intBitsToFloat(iz);
        double r = z * INVC[i] - 1;
        double y0 = LOGC[i] + k * LN2;
        double r2 = r * r;
        double y = A1 * r + A2;
        y = A0 * r2 + y;
        y = y * r2 + (y0 + r);
        return (float) y;
    }
}
