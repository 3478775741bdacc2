package org.stemloop.poi;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.stemloop.reward.CrystalMask;

/**
 * Points of interest of one frame from its atoms: dopants (bright outliers, or the bright minority class
 * when the atoms were classified), atoms at vacancy edges and atoms on boundaries or amorphous edges. Each atom
 * is at most one point, in that order of priority. Atoms nearer the frame's border than 1.5 nearest-neighbour
 * distances are not judged by their neighbours (their neighbours may lie outside the frame), only by brightness.
 *
 * <p>A <b>vacancy edge</b> is an atom that lacks exactly one of its lattice's neighbours where the lattice puts
 * that neighbour (minus the sum of its bonds) in an empty place, inside the frame, and at least
 * {@code minAgreeing} such atoms agree on the same missing site: a real missing site relative to the local
 * lattice, not a detection missed at random (which leaves one atom short) nor a ragged rim. A <b>boundary</b> is
 * an atom with more neighbours than the lattice's, or irregular distances, among at least {@code minAgreeing}
 * such atoms within 2 nearest-neighbour distances. Each of the two kinds is capped at {@code maxPerKind}, best
 * scores first: on realistic frames (missed and spurious detections, scan distortion) the uncapped rules gave
 * ~40% of the atoms as points, far more than beam time can serve.
 *
 * <p>With the frame's crystal mask ({@link #find(List, PoiGeometry, CrystalMask)}, the one LoG* kept its atoms
 * on), atoms off the crystal are no points at all (noise in a hole, contamination), and a <b>boundary</b> is also an
 * atom at the crystal's edge: fewer neighbours than the lattice's (at least one) with a masked cell within reach
 * inside the frame (a hole's rim, an amorphous patch, contamination; the frame's border is not an edge). There an
 * atom is never a vacancy edge, nor anywhere whose missing site falls off the crystal: a hole is not a vacancy.
 * Without a mask (or one covering all the frame) the rules are those above.
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
        return find(atoms, g, null);
    }

    /**
     * As {@link #find(List, PoiGeometry)}, judged with the frame's crystal mask ({@code null}: none).
     *
     * @throws IllegalArgumentException when the mask is not the frame's size
     */
    public List<PointOfInterest> find(List<AtomSite> atoms, PoiGeometry g, CrystalMask mask) {
        if (mask != null && (mask.height() != g.height() || mask.width() != g.width())) {
            throw new IllegalArgumentException("Crystal mask of %d x %d for a frame of %d x %d".formatted(mask.height(),
                    mask.width(), g.height(), g.width()));
        }
        int n = atoms.size();
        if (n == 0) {
            return List.of();
        }
        CrystalEdge edge = mask == null || mask.isAll() ? null : new CrystalEdge(mask, g.nearestNeighbour());
        double nn = g.nearestNeighbour();
        double radius = settings.neighbourFactor() * nn;
        NeighbourCells cells = new NeighbourCells(atoms, radius);
        boolean[] brightClass = brightClassMembers(atoms);
        double[] z = robustZ(atoms);
        double margin = 1.5 * nn;
        List<PointOfInterest> out = new ArrayList<>();
        List<double[]> edges = new ArrayList<>(); // atom index, missing row, missing col
        List<PointOfInterest> irregular = new ArrayList<>();
        List<PointOfInterest> rim = new ArrayList<>(); // boundary atoms at the crystal's edge (with a mask)
        for (int i = 0; i < n; i++) {
            AtomSite a = atoms.get(i);
            if (edge != null && !edge.onCrystal(a.row(), a.col())) {
                continue; // off the crystal: noise in a hole or contamination, whatever its brightness
            }
            PointOfInterest p = dopant(i, a, z[i], brightClass[i], g);
            if (p != null) {
                out.add(p);
                continue;
            }
            boolean interior = a.row() >= margin && a.col() >= margin && a.row() <= g.height() - 1 - margin
                    && a.col() <= g.width() - 1 - margin;
            if (!interior) {
                continue;
            }
            List<double[]> bonds = cells.bonds(i);
            int c = g.coordination();
            if (edge != null && edge.nearMasked(a.row(), a.col())) {
                // at the crystal's edge: under-coordinated is the edge itself, not a vacancy; fully bonded is no point
                if (bonds.size() >= 1 && bonds.size() < c) {
                    rim.add(point(i, a, PoiKind.BOUNDARY, (c - bonds.size()) / (double) c,
                            "at the crystal's edge: %d of %d neighbours, masked cells within %.0f px".formatted(
                                    bonds.size(), c, edge.reach()), g));
                }
                continue;
            }
            if (bonds.size() == c - 1) {
                double[] site = missingSite(a, bonds, g);
                boolean onCrystal = site != null && (edge == null || edge.onCrystal(site[0], site[1]));
                if (onCrystal && !cells.occupied(site[0], site[1], nn / 2)) {
                    edges.add(new double[] {i, site[0], site[1]});
                }
            } else if (bonds.size() >= c) {
                p = irregular(i, a, bonds, g);
                if (p != null) {
                    irregular.add(p);
                }
            }
            // fewer than c - 1 neighbours: an isolated detection, amorphous carbon or a hole's ragged rim, where no
            // lattice site can be placed: not a point
        }
        out.addAll(cap(vacancyEdges(edges, atoms, g)));
        if (edge == null) {
            out.addAll(cap(clustered(irregular, nn, settings.minAgreeing())));
        } else {
            // the crystal's edge first, one point per stretch of it in turn (a long hole rim does not take every
            // place from a small patch), then irregular atoms inside the crystal (mostly spurious detections on
            // realistic frames: docs/loop.md)
            List<PointOfInterest> both = new ArrayList<>(RimOrder.byStretch(clustered(rim, nn, settings.minAgreeing()),
                    2 * nn));
            both.addAll(cap(clustered(irregular, nn, settings.minAgreeing())));
            out.addAll(both.stream().limit(settings.maxPerKind()).toList());
        }
        out.sort(Comparator.comparing(PointOfInterest::kind).thenComparing(PointOfInterest::score,
                Comparator.reverseOrder()).thenComparing(PointOfInterest::atom));
        return List.copyOf(out);
    }

    /**
     * Where the lattice puts the one neighbour an atom lacks: in a honeycomb (3 bonds) and in a square lattice of
     * columns (4 bonds) the bonds of a site sum to zero, so the missing one is minus the sum of the others. Null
     * when that is not a bond's length (the atom is not in a lattice) or falls outside the frame.
     */
    private static double[] missingSite(AtomSite a, List<double[]> bonds, PoiGeometry g) {
        double sr = 0;
        double sc = 0;
        for (double[] b : bonds) {
            sr += b[0];
            sc += b[1];
        }
        double length = Math.hypot(sr, sc);
        double nn = g.nearestNeighbour();
        if (length < 0.7 * nn || length > 1.3 * nn) {
            return null;
        }
        double row = a.row() - sr;
        double col = a.col() - sc;
        boolean inside = row >= nn / 2 && col >= nn / 2 && row <= g.height() - 1 - nn / 2 && col <= g.width() - 1 - nn / 2;
        return inside ? new double[] {row, col} : null;
    }

    /** Under-coordinated atoms whose missing sites at least {@code minAgreeing} of them put in the same place. */
    private List<PointOfInterest> vacancyEdges(List<double[]> edges, List<AtomSite> atoms, PoiGeometry g) {
        double nn = g.nearestNeighbour();
        List<PointOfInterest> out = new ArrayList<>();
        for (double[] e : edges) {
            int agree = 0;
            for (double[] o : edges) {
                if (Math.hypot(o[1] - e[1], o[2] - e[2]) <= nn / 2) {
                    agree++;
                }
            }
            if (agree >= settings.minAgreeing()) {
                int i = (int) e[0];
                int c = g.coordination();
                out.add(point(i, atoms.get(i), PoiKind.VACANCY_EDGE, Math.min(1, agree / (double) c),
                        "%d neighbours within %.2f nn (lattice: %d); its missing site (%.1f, %.1f) is empty and %d atoms"
                                .formatted(c - 1, settings.neighbourFactor(), c, e[1], e[2], agree)
                                + " agree on it", g));
            }
        }
        return out;
    }

    /** More neighbours than the lattice has, or irregular distances: a boundary candidate. */
    private PointOfInterest irregular(int i, AtomSite a, List<double[]> bonds, PoiGeometry g) {
        int c = g.coordination();
        double[] d = bonds.stream().mapToDouble(b -> Math.hypot(b[0], b[1])).toArray();
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

    /** The irregular atoms with at least {@code minAgreeing} irregular atoms (themselves included) within 2 nn. */
    private static List<PointOfInterest> clustered(List<PointOfInterest> irregular, double nn, int agreeing) {
        List<PointOfInterest> out = new ArrayList<>();
        for (PointOfInterest p : irregular) {
            long near = irregular.stream().filter(o -> Math.hypot(o.row() - p.row(), o.col() - p.col()) <= 2 * nn).count();
            if (near >= agreeing) {
                out.add(p);
            }
        }
        return out;
    }

    /** The best {@code maxPerKind} by score (then atom index, so the same input gives the same points). */
    private List<PointOfInterest> cap(List<PointOfInterest> points) {
        return points.stream().sorted(Comparator.comparing(PointOfInterest::score, Comparator.reverseOrder())
                .thenComparing(PointOfInterest::atom)).limit(settings.maxPerKind()).toList();
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
