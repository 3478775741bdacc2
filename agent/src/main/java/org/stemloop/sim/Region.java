package org.stemloop.sim;

import java.util.SplittableRandom;

/**
 * A vacuum hole or a contamination patch of a realistic frame: an irregular smooth blob in pixel
 * coordinates, its radius modulated by three low harmonics ({@code R(theta) = R (1 + sum a_k
 * cos(k theta + phi_k))}, k = 2..4) and its edge soft over {@code edgePixels}. No atom whose centre
 * lies inside ({@link #contains}) is drawn or in the truth.
 *
 * @param kind       what it is
 * @param row        centre row in pixels
 * @param col        centre column in pixels
 * @param radius     mean radius in pixels
 * @param harmonics  relative amplitudes of the 2nd, 3rd and 4th harmonics of the outline
 * @param phases     their phases in radians
 * @param edgePixels width of the soft edge (logistic scale) in pixels
 */
public record Region(Kind kind, double row, double col, double radius, double[] harmonics, double[] phases,
        double edgePixels) {

    /** Hole (vacuum) or contamination. */
    public enum Kind {
        HOLE, CONTAMINATION;

        /** {@code hole} or {@code contamination}, as in truth.json. */
        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public Region {
        harmonics = harmonics.clone();
        phases = phases.clone();
        if (harmonics.length != 3 || phases.length != 3) {
            throw new IllegalArgumentException("A region needs 3 harmonics and 3 phases");
        }
        if (!(radius > 0) || !(edgePixels > 0)) {
            throw new IllegalArgumentException("Region radius and edge must be positive: " + radius + ", " + edgePixels);
        }
    }

    /** A random blob: radius 0.7-1.3 x {@code meanRadius}, harmonics up to 0.12, centre uniform in the frame. */
    static Region random(Kind kind, int height, int width, double meanRadius, double edgePixels,
            SplittableRandom rng) {
        double row = rng.nextDouble() * height - 0.5;
        double col = rng.nextDouble() * width - 0.5;
        double radius = meanRadius * (0.7 + 0.6 * rng.nextDouble());
        double[] a = new double[3];
        double[] phi = new double[3];
        for (int k = 0; k < 3; k++) {
            a[k] = 0.12 * rng.nextDouble();
            phi[k] = 2 * Math.PI * rng.nextDouble();
        }
        return new Region(kind, row, col, radius, a, phi, edgePixels);
    }

    @Override
    public double[] harmonics() {
        return harmonics.clone();
    }

    @Override
    public double[] phases() {
        return phases.clone();
    }

    /** The outline's radius in pixels in the direction {@code theta}. */
    double outline(double theta) {
        double f = 1;
        for (int k = 0; k < 3; k++) {
            f += harmonics[k] * Math.cos((k + 2) * theta + phases[k]);
        }
        return radius * f;
    }

    /** How much of (row, col) the region covers, 0 outside to 1 inside, 0.5 on the outline. */
    double coverage(double r, double c) {
        double dr = r - row;
        double dc = c - col;
        double d2 = dr * dr + dc * dc;
        // Far outside or deep inside the outline's extremes the answer is 0 or 1 to 1e-13: skip the trigonometry.
        double swing = radius * (Math.abs(harmonics[0]) + Math.abs(harmonics[1]) + Math.abs(harmonics[2]));
        double far = radius + swing + 30 * edgePixels;
        if (d2 > far * far) {
            return 0;
        }
        double deep = radius - swing - 30 * edgePixels;
        if (deep > 0 && d2 < deep * deep) {
            return 1;
        }
        double d = Math.sqrt(d2);
        double x = (d - outline(Math.atan2(dr, dc))) / edgePixels;
        return x > 30 ? 0 : 1 / (1 + Math.exp(x));
    }

    /** Whether (row, col) lies inside the outline: no atom there is drawn or in the truth. */
    public boolean contains(double r, double c) {
        double dr = r - row;
        double dc = c - col;
        return Math.sqrt(dr * dr + dc * dc) < outline(Math.atan2(dr, dc));
    }
}
