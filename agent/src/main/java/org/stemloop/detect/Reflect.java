package org.stemloop.detect;

/**
 * SciPy's {@code mode='reflect'} boundary ({@code d c b a | a b c d | d c b a}): where a kernel
 * reaching past the edge of a line reads. Lines shorter than the kernel keep reflecting with
 * period {@code 2n}, as SciPy's line extension does.
 */
final class Reflect {

    private Reflect() {
    }

    /** Index of position {@code i} in a line of length {@code n} under symmetric (period 2n) reflection. */
    static int index(int i, int n) {
        if (i >= 0 && i < n) {
            return i;
        }
        int period = 2 * n;
        int m = Math.floorMod(i, period);
        return m < n ? m : period - 1 - m;
    }
}
