package org.stemloop.poi;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Points of interest of one frame from its atoms: dopants (bright outliers, or the bright minority class
 * when the atoms were classified), atoms at vacancy edges (fewer neighbours than the lattice's coordination)
 * and atoms on boundaries or amorphous edges (more neighbours than that, or irregular distances). Each atom
 * is at most one point, in that order of priority. Atoms nearer the frame's border than 1.5 nearest-neighbour
 * distances are not judged by their neighbours (their neighbours may lie outside the frame), only by brightness.
 *
 * <p>Cost: O(n) with a grid of cells one neighbour radius wide. Approximate by design: a missed atom next to a
 * real one makes a false vacancy edge; the score says how far from the lattice an atom is, not a probability.
 */
public final class PoiFinder {

    private final PoiSettings settings;

    public PoiFinder(PoiSettings settings) {
        this.settings = settings;
    }

    /** The points of interest of {@code atoms}, dopants first, then vacancy edges, then boundaries, each by score. */
    public List<PointOfInterest> find(List<AtomSite> atoms, PoiGeometry g) {
        int n = atoms.size();
        if (n == 0) {
            return List.of();
        }
        double radius = settings.neighbourFactor() * g.nearestNeighbour();
        NeighbourCells cells = new NeighbourCells(atoms, radius);
        boolean[] brightClass = brightClassMembers(atoms);
        double[] z = robustZ(atoms);
        double margin = 1.5 * g.nearestNeighbour();
        List<PointOfInterest> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            AtomSite a = atoms.get(i);
            PointOfInterest p = dopant(i, a, z[i], brightClass[i], g);
            boolean interior = a.row() >= margin && a.col() >= margin && a.row() <= g.height() - 1 - margin
                    && a.col() <= g.width() - 1 - margin;
            if (p == null && interior) {
                p = byNeighbours(i, a, cells.distances(i), g);
            }
            if (p != null) {
                out.add(p);
            }
        }
        out.sort(Comparator.comparing(PointOfInterest::kind).thenComparing(PointOfInterest::score,
                Comparator.reverseOrder()).thenComparing(PointOfInterest::atom));
        return List.copyOf(out);
    }

    private PointOfInterest dopant(int i, AtomSite a, double z, boolean inBrightClass, PoiGeometry g) {
        boolean bright = z >= settings.dopantZ();
        if (!bright && !inBrightClass) {
            return null;
        }
        double score = Double.isFinite(z) ? Math.min(1, Math.max(0.05, z / (2 * settings.dopantZ()))) : 0.5;
        String why = bright ? "intensity %.1f robust SD above the median atom".formatted(z) : "";
        if (inBrightClass) {
            why = (why.isEmpty() ? "" : why + "; ") + "member of the brightest class (a minority)";
        }
        return point(i, a, PoiKind.DOPANT, score, why, g);
    }

    private PointOfInterest byNeighbours(int i, AtomSite a, double[] d, PoiGeometry g) {
        int c = g.coordination();
        if (d.length < c) {
            return point(i, a, PoiKind.VACANCY_EDGE, (c - d.length) / (double) c,
                    "%d neighbours within %.2f nn (lattice: %d)".formatted(d.length, settings.neighbourFactor(), c), g);
        }
        if (d.length > c) {
            return point(i, a, PoiKind.BOUNDARY, Math.min(1, (d.length - c) / (double) c),
                    "%d neighbours within %.2f nn (lattice: %d)".formatted(d.length, settings.neighbourFactor(), c), g);
        }
        double spread = standardDeviation(d) / g.nearestNeighbour();
        if (spread > settings.spreadLimit()) {
            return point(i, a, PoiKind.BOUNDARY, Math.min(1, spread / (2 * settings.spreadLimit())),
                    "neighbour distances spread %.0f%% of nn (limit %.0f%%)".formatted(100 * spread,
                            100 * settings.spreadLimit()), g);
        }
        return null;
    }

    private static PointOfInterest point(int i, AtomSite a, PoiKind kind, double score, String reason, PoiGeometry g) {
        double px = g.pixelSizeAngstrom();
        return new PointOfInterest("p" + i, i, kind, a.row(), a.col(), a.col() * px, a.row() * px, score, reason);
    }

    /** Members of the brightest class, when the atoms are classified and that class is a small minority. */
    private boolean[] brightClassMembers(List<AtomSite> atoms) {
        int n = atoms.size();
        boolean[] out = new boolean[n];
        int classes = atoms.stream().mapToInt(AtomSite::cls).max().orElse(-1) + 1;
        if (classes < 2) {
            return out;
        }
        double[] sum = new double[classes];
        int[] count = new int[classes];
        for (AtomSite a : atoms) {
            if (a.cls() >= 0 && Double.isFinite(a.intensity())) {
                sum[a.cls()] += a.intensity();
                count[a.cls()]++;
            }
        }
        int bright = -1;
        for (int k = 0; k < classes; k++) {
            if (count[k] > 0 && (bright < 0 || sum[k] / count[k] > sum[bright] / count[bright])) {
                bright = k;
            }
        }
        if (bright < 0 || count[bright] > settings.brightClassShare() * n) {
            return out;
        }
        for (int i = 0; i < n; i++) {
            out[i] = atoms.get(i).cls() == bright;
        }
        return out;
    }

    /** (I - median) / (1.4826 MAD) per atom; NaN where the intensity is unknown or the MAD is 0. */
    static double[] robustZ(List<AtomSite> atoms) {
        double[] values = atoms.stream().mapToDouble(AtomSite::intensity).filter(Double::isFinite).toArray();
        double[] z = new double[atoms.size()];
        Arrays.fill(z, Double.NaN);
        if (values.length < 3) {
            return z;
        }
        double median = median(values.clone());
        double[] dev = Arrays.stream(values).map(v -> Math.abs(v - median)).toArray();
        double sd = 1.4826 * median(dev);
        if (!(sd > 0)) {
            return z;
        }
        for (int i = 0; i < z.length; i++) {
            z[i] = (atoms.get(i).intensity() - median) / sd;
        }
        return z;
    }

    private static double median(double[] v) {
        Arrays.sort(v);
        int m = v.length / 2;
        return v.length % 2 == 1 ? v[m] : (v[m - 1] + v[m]) / 2;
    }

    private static double standardDeviation(double[] d) {
        double mean = Arrays.stream(d).average().orElse(0);
        return Math.sqrt(Arrays.stream(d).map(x -> (x - mean) * (x - mean)).average().orElse(0));
    }
}
