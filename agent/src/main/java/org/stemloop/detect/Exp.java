package org.stemloop.detect;

/**
 * Correctly rounded {@code exp}, {@code 10^y} and {@code ln}, as the C library computes them
 * for NumPy in all but a handful of inputs. The kernels and sigma lists must match SciPy's bit
 * for bit; {@link StrictMath} (fdlibm) differs from glibc in the last bit for about 9% of kernel
 * arguments. The results are computed in double-double arithmetic (about 100 bits) and rounded
 * once. Cost: about 200 floating-point operations per call; kernels are cached.
 */
final class Exp {

    private static final double LN2_HI = 0x1.62e42fefa39efp-1;
    private static final double LN2_LO = 0x1.abc9e3b39803fp-56;
    private static final double LN10_HI = 0x1.26bb1bbb55516p+1;
    private static final double LN10_LO = -0x1.f48ad494ea3e9p-53;

    private Exp() {
    }

    /** e^x correctly rounded, for |x| < 700 (kernels need x in [-40, 0]). */
    static double exp(double x) {
        if (x == 0) {
            return 1.0;
        }
        if (!(Math.abs(x) < 700)) {
            return StrictMath.exp(x);
        }
        double[] e = expDD(x, 0);
        return e[0] + e[1];
    }

    /** 10^y correctly rounded, for |y| < 300. */
    static double pow10(double y) {
        if (!(Math.abs(y) < 300)) {
            return StrictMath.pow(10, y);
        }
        double[] arg = mul(y, 0, LN10_HI, LN10_LO);
        double[] e = expDD(arg[0], arg[1]);
        return e[0] + e[1];
    }

    /**
     * glibc's {@code __ieee754_log10} (fdlibm's formula over glibc's accurate {@code log}, here
     * correctly rounded): {@code k log10(2) + log(m) / ln 10}, which NumPy's float64
     * {@code log10} returns; it is not correctly rounded.
     */
    static double glibcLog10(double x) {
        if (!(x >= Double.MIN_NORMAL) || !Double.isFinite(x)) {
            return StrictMath.log10(x);
        }
        long bits = Double.doubleToRawLongBits(x);
        int hx = (int) (bits >>> 32);
        int k = (hx >> 20) - 1023;
        int i = k < 0 ? 1 : 0;
        hx = (hx & 0x000fffff) | ((0x3ff - i) << 20);
        double y = k + i;
        double m = Double.longBitsToDouble(((long) hx << 32) | (bits & 0xffffffffL));
        double z = y * LOG10_2LO + IVLN10 * ln(m);
        return z + y * LOG10_2HI;
    }

    /** ln(x) correctly rounded, for positive finite x. */
    static double ln(double x) {
        if (x == 1) {
            return 0;
        }
        double z0 = StrictMath.log(x);
        double[] e = expDD(z0, 0);
        double[] diff = add(x, 0, -e[0], -e[1]);
        double[] step = div(diff[0], diff[1], e[0] + e[1]);
        double[] z = add(z0, 0, step[0], step[1]);
        return z[0] + z[1];
    }

    private static final double IVLN10 = 4.34294481903251816668e-01;
    private static final double LOG10_2HI = 3.01029995663611771306e-01;
    private static final double LOG10_2LO = 3.69423907715893078616e-13;

    /** e^(hi + lo) as a double-double. */
    private static double[] expDD(double hi, double lo) {
        // x = k ln2 + r, |r| <= ln2/2
        double k = Math.rint(hi / LN2_HI);
        double[] kln2 = mul(k, 0, LN2_HI, LN2_LO);
        double[] r = add(hi, lo, -kln2[0], -kln2[1]);
        // e^r = (1 + u)^256 with u = expm1(r / 256); square in the expm1 form to avoid cancellation
        double[] u = expm1Taylor(r[0] / 256, r[1] / 256);
        for (int i = 0; i < 8; i++) {
            double[] sq = mul(u[0], u[1], u[0], u[1]);
            u = add(2 * u[0], 2 * u[1], sq[0], sq[1]);
        }
        double[] one = add(1.0, 0.0, u[0], u[1]);
        int scale = (int) k;
        return new double[] {Math.scalb(one[0], scale), Math.scalb(one[1], scale)};
    }

    /** sum_{n>=1} t^n / n!: 12 terms give 2^-110 relative accuracy for |t| < 0.0014. */
    private static double[] expm1Taylor(double th, double tl) {
        double[] sum = {0, 0};
        double[] power = {th, tl};
        double factorial = 1;
        for (int n = 1; n <= 12; n++) {
            factorial *= n;
            double[] term = div(power[0], power[1], factorial);
            sum = add(sum[0], sum[1], term[0], term[1]);
            power = mul(power[0], power[1], th, tl);
        }
        return sum;
    }

    private static double[] add(double ah, double al, double bh, double bl) {
        double s = ah + bh;
        double bb = s - ah;
        double e = (ah - (s - bb)) + (bh - bb);
        e += al + bl;
        double h = s + e;
        return new double[] {h, e - (h - s)};
    }

    private static double[] mul(double ah, double al, double bh, double bl) {
        double p = ah * bh;
        double e = Math.fma(ah, bh, -p);
        e += ah * bl + al * bh;
        double h = p + e;
        return new double[] {h, e - (h - p)};
    }

    private static double[] div(double ah, double al, double b) {
        double q = ah / b;
        double[] back = mul(q, 0, b, 0);
        double r = ((ah - back[0]) - back[1] + al) / b;
        double h = q + r;
        return new double[] {h, r - (h - q)};
    }

    private static double[] divDD(double ah, double al, double bh, double bl) {
        double q1 = ah / bh;
        double[] back = mul(q1, 0, bh, bl);
        double[] rem = add(ah, al, -back[0], -back[1]);
        double q2 = rem[0] / bh;
        double h = q1 + q2;
        return new double[] {h, q2 - (h - q1)};
    }
}
