package org.stemloop.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Synthetic atom sets with known geometry for the matching tests. */
final class TestPoints {

    private TestPoints() {
    }

    static List<Point> pts(double... rowCol) {
        List<Point> out = new ArrayList<>();
        for (int i = 0; i < rowCol.length; i += 2) {
            out.add(new Point(rowCol[i], rowCol[i + 1]));
        }
        return out;
    }

    /** A square lattice of {@code side x side} atoms, {@code spacing} pixels apart, from (offset, offset). */
    static List<Point> square(int side, double spacing, double offset) {
        List<Point> out = new ArrayList<>(side * side);
        for (int r = 0; r < side; r++) {
            for (int c = 0; c < side; c++) {
                out.add(new Point(offset + r * spacing, offset + c * spacing));
            }
        }
        return out;
    }

    /** Each point moved by a random vector of length exactly {@code distance}, pixels. */
    static List<Point> jitter(List<Point> points, double distance, long seed) {
        Random rnd = new Random(seed);
        return points.stream().map(p -> {
            double angle = 2 * Math.PI * rnd.nextDouble();
            return new Point(p.row() + distance * Math.sin(angle), p.col() + distance * Math.cos(angle));
        }).toList();
    }

    /** {@code n} points uniform in a {@code size x size} square. */
    static List<Point> uniform(int n, double size, long seed) {
        Random rnd = new Random(seed);
        List<Point> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(new Point(size * rnd.nextDouble(), size * rnd.nextDouble()));
        }
        return out;
    }
}
