package org.stemloop.detect;

/**
 * The overlap of two blob disks as a fraction of the smaller disk's area, computed as
 * scikit-image's {@code _blob_overlap} and {@code _compute_disk_overlap} compute it, including
 * the mix of float32 and float64 arithmetic that NumPy's scalar rules give for float32 blobs.
 * Positions are scaled by the larger sigma times sqrt(2), so the larger disk has radius 1.
 */
final class DiskOverlap {

    private static final double ROOT2 = Math.sqrt(2);

    private DiskOverlap() {
    }

    static double float64(int r1, int c1, double s1, int r2, int c2, double s2) {
        if (s1 == 0 && s2 == 0) {
            return 0.0;
        }
        boolean firstLarger = s1 > s2;
        double maxSigma = firstLarger ? s1 : s2;
        double ra = firstLarger ? 1 : s1 / s2;
        double rb = firstLarger ? s2 / s1 : 1;
        double scale = maxSigma * ROOT2;
        double dy = r2 / scale - r1 / scale;
        double dx = c2 / scale - c1 / scale;
        double d = Math.sqrt(dy * dy + dx * dx);
        if (d > ra + rb) {
            return 0.0;
        }
        if (d <= Math.abs(ra - rb)) {
            return 1.0;
        }
        // (-d + r2 + r1) etc., left to right as written in scikit-image
        double a = -d + rb + ra;
        double b = d - rb + ra;
        double c = d + rb - ra;
        double e = d + rb + ra;
        return area(d, ra, rb, a, b, c, e);
    }

    static double float32(int r1, int c1, double s1, int r2, int c2, double s2) {
        if (s1 == 0 && s2 == 0) {
            return 0.0;
        }
        boolean firstLarger = s1 > s2;
        float maxSigma = (float) (firstLarger ? s1 : s2);
        float small = (float) ((float) (firstLarger ? s2 : s1) / maxSigma);
        float scale = maxSigma * (float) ROOT2;
        float dy = (float) r2 / scale - (float) r1 / scale;
        float dx = (float) c2 / scale - (float) c1 / scale;
        float sum = 0f + dy * dy;
        sum += dx * dx;
        float d = (float) Math.sqrt(sum);
        double ra = firstLarger ? 1 : small;
        double rb = firstLarger ? small : 1;
        if (d > ra + rb) {
            return 0.0;
        }
        if (d <= Math.abs(ra - rb)) {
            return 1.0;
        }
        double a;
        double b;
        double c;
        double e;
        if (firstLarger) {
            // r1 is the Python int 1, r2 a float32: the first operation stays in float32
            a = (float) (-d + small) + 1.0;
            b = (float) (d - small) + 1.0;
            c = (float) (d + small) - 1.0;
            e = (float) (d + small) + 1.0;
        } else {
            // r2 is the Python int 1: everything is float64 from the first operation on
            a = (-(double) d + 1.0) + small;
            b = ((double) d - 1.0) + small;
            c = ((double) d + 1.0) - small;
            e = ((double) d + 1.0) + small;
        }
        return area(d, ra, rb, a, b, c, e);
    }

    /** {@code _compute_disk_overlap} once the lens terms are known. */
    private static double area(double d, double r1, double r2, double a, double b, double c, double e) {
        double ratio1 = clip((d * d + r1 * r1 - r2 * r2) / (2 * d * r1));
        double ratio2 = clip((d * d + r2 * r2 - r1 * r1) / (2 * d * r2));
        double acos1 = StrictMath.acos(ratio1);
        double acos2 = StrictMath.acos(ratio2);
        double area = r1 * r1 * acos1 + r2 * r2 * acos2 - 0.5 * Math.sqrt(Math.abs(a * b * c * e));
        double min = Math.min(r1, r2);
        return area / (Math.PI * (min * min));
    }

    private static double clip(double v) {
        return Math.max(-1, Math.min(1, v));
    }
}
