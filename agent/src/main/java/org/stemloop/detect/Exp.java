package org.stemloop.detect;

/**
 * The exponential as the C library computes it for NumPy. The Gaussian kernels must match
 * SciPy's bit for bit, so this rounds the exact result correctly (via double-double arithmetic),
 * which is what glibc's {@code exp} returns in all but a handful of inputs, whereas
 * {@link StrictMath#exp} (fdlibm) differs in the last bit for about 9% of kernel arguments.
 */
final class Exp {

    private static final double LN2_HI = 0x1.62e42fefa39efp-1;
    private static final double LN2_LO = 0x1.abc9e3b39803fp-56;

    private Exp() {
    }

    /** e^x correctly rounded (for |x| below 700; kernels need x in [-40, 0]). */
    static double exp(double x) {
        if (x == 0) {
            return 1.0;
        }
        if (!(Math.abs(x) < 700)) {
            return StrictMath.exp(x);
        }
        // x = k ln2 + r, |r| <= ln2/2; r as a double-double (rh, rl).
        double k = Math.rint(x / LN2_HI);
        double ph = k * LN2_HI;
        double pe = Math.fma(k, LN2_HI, -ph);
        double rh = x - ph;
        double rl = -pe - k * LN2_LO;
        // renormalise
        double s = rh + rl;
        rl = rl - (s - rh);
        rh = s;
        // e^r = (e^(r/256))^256; Taylor series of e^t - 1 for |t| < 0.0014 in double-double
        double th = rh / 256;
        double tl = rl / 256;
        double[] e = taylorExpm1(th, tl);
        double eh = e[0];
        double el = e[1];
        // (1 + u)^2 = 1 + (2u + u^2): keep the expm1 form to avoid cancellation
        for (int i = 0; i < 8; i++) {
            double[] sq = mul(eh, el, eh, el);
            double[] twice = add(2 * eh, 2 * el, sq[0], sq[1]);
            eh = twice[0];
            el = twice[1];
        }
        double[] one = add(1.0, 0.0, eh, el);
        return Math.scalb(one[0] + one[1], (int) k);
    }

    private static double[] taylorExpm1(double th, double tl) {
        // sum_{n>=1} t^n / n!, enough terms for 2^-110 relative accuracy at |t| < 0.0014
        double sh = 0;
        double sl = 0;
        double ph = th;
        double pl = tl;
        for (int n = 1; n <= 12; n++) {
            double[] term = div(ph, pl, factorial(n));
            double[] sum = add(sh, sl, term[0], term[1]);
            sh = sum[0];
            sl = sum[1];
            double[] next = mul(ph, pl, th, tl);
            ph = next[0];
            pl = next[1];
        }
        return new double[] {sh, sl};
    }

    private static double factorial(int n) {
        double f = 1;
        for (int i = 2; i <= n; i++) {
            f *= i;
        }
        return f;
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
}
