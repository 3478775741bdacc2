package org.stemloop.reward;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.stemloop.image.Frame;

/** Test-only: ideal lattice positions inside a frame, and frames of Gaussian spots rendered on them. */
final class SyntheticLattice {

    /** One atom: position in pixels and its peak brightness. */
    record Atom(double row, double col, double brightness) {
    }

    private SyntheticLattice() {
    }

    /** Honeycomb of parameter a (px), rotated by degrees, origin offset (px), atoms inside the frame. */
    static List<Atom> honeycomb(int height, int width, double a, double degrees, double offset) {
        double[][] basis = {{0, 0, 1}, {1.0 / 3, 1.0 / 3, 1}};
        return lattice(height, width, a, 0.5 * a, Math.sqrt(3) / 2 * a, degrees, offset, basis);
    }

    /** Triangular (one-atom hexagonal) lattice of parameter a (px). */
    static List<Atom> triangular(int height, int width, double a, double degrees, double offset) {
        return lattice(height, width, a, 0.5 * a, Math.sqrt(3) / 2 * a, degrees, offset, new double[][] {{0, 0, 1}});
    }

    /** Simple square lattice of side a (px), one atom per cell. */
    static List<Atom> square(int height, int width, double a, double degrees, double offset) {
        return lattice(height, width, a, 0, a, degrees, offset, new double[][] {{0, 0, 1}});
    }

    /** Rectangular lattice of sides a (along the rotated columns) and b (px), one atom per cell. */
    static List<Atom> rectangular(int height, int width, double a, double b, double degrees, double offset) {
        return lattice(height, width, a, 0, b, degrees, offset, new double[][] {{0, 0, 1}});
    }

    /** Square cell of side a (px) with a corner column (brightness 1) and a centre column (centre). */
    static List<Atom> centredSquare(int height, int width, double a, double degrees, double offset, double centre) {
        double[][] basis = {{0, 0, 1}, {0.5, 0.5, centre}};
        return lattice(height, width, a, 0, a, degrees, offset, basis);
    }

    /** Rectangular cell of sides a (along the rotated columns) and b (px), corner column 1 and centre column (centre). */
    static List<Atom> centredRectangle(int height, int width, double a, double b, double degrees, double offset, double centre) {
        double[][] basis = {{0, 0, 1}, {0.5, 0.5, centre}};
        return lattice(height, width, a, 0, b, degrees, offset, basis);
    }

    /** Lattice a1 = (a, 0), a2 = (bx, by) in (x = col, y = row), rotated, with fractional basis {f1, f2, brightness}. */
    private static List<Atom> lattice(int height, int width, double a, double bx, double by, double degrees, double offset,
            double[][] basis) {
        double t = Math.toRadians(degrees);
        double cos = Math.cos(t), sin = Math.sin(t);
        double a1x = a * cos, a1y = a * sin;
        double a2x = bx * cos - by * sin, a2y = bx * sin + by * cos;
        int reach = (int) (2 * Math.max(height, width) / Math.min(a, by)) + 2;
        List<Atom> atoms = new ArrayList<>();
        for (int i = -reach; i <= reach; i++) {
            for (int j = -reach; j <= reach; j++) {
                for (double[] b : basis) {
                    double x = offset + (i + b[0]) * a1x + (j + b[1]) * a2x;
                    double y = offset + (i + b[0]) * a1y + (j + b[1]) * a2y;
                    if (y >= 0 && y < height && x >= 0 && x < width) {
                        atoms.add(new Atom(y, x, b[2]));
                    }
                }
            }
        }
        return atoms;
    }

    /** Gaussian spots of width sigma (px) on a zero background, plus Gaussian noise of the given sd. */
    static Frame render(int height, int width, List<Atom> atoms, double sigma, double noise, long seed) {
        double[] pixels = new double[height * width];
        int radius = (int) Math.ceil(4 * sigma);
        for (Atom atom : atoms) {
            int r0 = (int) Math.floor(atom.row()), c0 = (int) Math.floor(atom.col());
            for (int r = Math.max(0, r0 - radius); r <= Math.min(height - 1, r0 + radius); r++) {
                for (int c = Math.max(0, c0 - radius); c <= Math.min(width - 1, c0 + radius); c++) {
                    double dr = r - atom.row(), dc = c - atom.col();
                    pixels[r * width + c] += atom.brightness() * Math.exp(-(dr * dr + dc * dc) / (2 * sigma * sigma));
                }
            }
        }
        Random random = new Random(seed);
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] += noise * random.nextGaussian();
        }
        return Frame.of(height, width, pixels);
    }

    static double[] rows(List<Atom> atoms) {
        return atoms.stream().mapToDouble(Atom::row).toArray();
    }

    static double[] cols(List<Atom> atoms) {
        return atoms.stream().mapToDouble(Atom::col).toArray();
    }
}
