package org.stemloop.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.stemloop.reward.Material;

/**
 * Places the atoms of one simulated frame: the rotated, randomly shifted lattice, then its
 * defects (amorphous patch, holes, vacancies, dopants), over the frame and a margin around it
 * wide enough for spots outside the frame to reach in.
 *
 * <p>Positions are computed in Å in screen axes (x = col times the pixel size, y = row times the
 * pixel size) and returned in pixels. Cost: linear in the atoms of the frame and margin.
 */
final class AtomLayout {

    /** Amorphous carbon is a little less dense than graphene. */
    static final double AMORPHOUS_DENSITY_RATIO = 0.9;
    /** Closest approach of two amorphous atoms, as a fraction of the lattice's nearest-neighbour distance. */
    static final double AMORPHOUS_MIN_DISTANCE_RATIO = 0.85;

    private AtomLayout() {
    }

    /**
     * The atoms to render, lattice and defects, in a fixed order.
     *
     * @param marginPixels how far outside the frame atoms are still placed, in pixels
     */
    static List<PlacedAtom> place(SimulationSpec spec, RandomStreams random, double marginPixels) {
        List<PlacedAtom> lattice = lattice(spec, random.offset(), marginPixels);
        Defects defects = spec.defects();
        // One draw per lattice atom from each stream, always, so each defect's pattern does not
        // depend on whether the others are on.
        boolean[] vacant = draws(random.vacancies(), lattice.size(), defects.vacancyFraction());
        boolean[] doped = draws(random.dopants(), lattice.size(), defects.dopantFraction());

        List<PlacedAtom> atoms = new ArrayList<>(lattice.size());
        Disk patch = defects.amorphousFraction() > 0 ? patch(spec, random.amorphous()) : null;
        for (int i = 0; i < lattice.size(); i++) {
            PlacedAtom a = lattice.get(i);
            if (vacant[i] || (patch != null && patch.contains(a))) {
                continue;
            }
            atoms.add(doped[i] && a.species() == Species.C ? a.as(Species.SI) : a);
        }
        if (patch != null) {
            double minDistance = AMORPHOUS_MIN_DISTANCE_RATIO * spec.material().nearestNeighbourAngstrom()
                    / spec.pixelSizeAngstrom();
            double target = AMORPHOUS_DENSITY_RATIO * spec.material().atomsPerPixel(spec.pixelSizeAngstrom())
                    * Math.PI * patch.radius() * patch.radius();
            atoms.addAll(AmorphousPatch.fill(patch, (int) Math.round(target), minDistance, atoms, random.amorphous()));
        }
        double holeRadius = defects.holeRadiusAngstrom() / spec.pixelSizeAngstrom();
        for (int h = 0; h < defects.holes(); h++) {
            Disk hole = new Disk(random.holes().nextDouble() * spec.height() - 0.5,
                    random.holes().nextDouble() * spec.width() - 0.5, holeRadius);
            atoms.removeIf(hole::contains);
        }
        return atoms;
    }

    private static boolean[] draws(SplittableRandom rng, int n, double probability) {
        boolean[] hit = new boolean[n];
        for (int i = 0; i < n; i++) {
            hit[i] = rng.nextDouble() < probability;
        }
        return hit;
    }

    /** A disk of the given area fraction, inside the frame where it fits. */
    private static Disk patch(SimulationSpec spec, SplittableRandom rng) {
        double radius = Math.sqrt(spec.defects().amorphousFraction() * spec.height() * spec.width() / Math.PI);
        return new Disk(centreCoordinate(spec.height(), radius, rng), centreCoordinate(spec.width(), radius, rng),
                radius);
    }

    private static double centreCoordinate(int extent, double radius, SplittableRandom rng) {
        double free = extent - 2 * radius;
        double u = rng.nextDouble();
        return free > 0 ? radius - 0.5 + u * free : (extent - 1) / 2.0;
    }

    /** The perfect lattice over the frame and margin, rotated about the frame centre and shifted by the seed. */
    static List<PlacedAtom> lattice(SimulationSpec spec, SplittableRandom rng, double marginPixels) {
        double p = spec.pixelSizeAngstrom();
        double a = spec.material().latticeConstantAngstrom();
        double theta = Math.toRadians(spec.rotationDegrees());
        double cos = Math.cos(theta);
        double sin = Math.sin(theta);
        double[][] vectors;
        double[][] basis;
        Species[] species;
        if (spec.material() == Material.GRAPHENE) {
            vectors = new double[][] {{a, 0}, {a / 2, a * Math.sqrt(3) / 2}};
            basis = new double[][] {{0, 0}, {a / 2, a * Math.sqrt(3) / 6}};
            species = new Species[] {Species.C, Species.C};
        } else {
            vectors = new double[][] {{a, 0}, {0, a}};
            basis = new double[][] {{0, 0}, {a / 2, a / 2}};
            species = new Species[] {Species.SR, Species.TI_O};
        }
        double u = rng.nextDouble();
        double v = rng.nextDouble();
        double x0 = (spec.width() - 1) / 2.0 * p;
        double y0 = (spec.height() - 1) / 2.0 * p;
        double reach = Math.hypot(spec.height(), spec.width()) / 2 * p + marginPixels * p + 2 * a;
        // |i a1 + j a2| >= a sin(60°) max(|i|, |j|) for both lattices, so this range covers the reach.
        int n = (int) Math.ceil(reach / (a * Math.sqrt(3) / 2)) + 1;
        double lowRow = -0.5 - marginPixels;
        double highRow = spec.height() - 0.5 + marginPixels;
        double lowCol = -0.5 - marginPixels;
        double highCol = spec.width() - 0.5 + marginPixels;
        List<PlacedAtom> atoms = new ArrayList<>();
        for (int i = -n; i <= n; i++) {
            for (int j = -n; j <= n; j++) {
                for (int b = 0; b < basis.length; b++) {
                    double x = (i + u) * vectors[0][0] + (j + v) * vectors[1][0] + basis[b][0];
                    double y = (i + u) * vectors[0][1] + (j + v) * vectors[1][1] + basis[b][1];
                    // Counter-clockwise on screen, where y points down.
                    double col = (x0 + x * cos + y * sin) / p;
                    double row = (y0 - x * sin + y * cos) / p;
                    if (row >= lowRow && row < highRow && col >= lowCol && col < highCol) {
                        atoms.add(new PlacedAtom(row, col, species[b]));
                    }
                }
            }
        }
        return atoms;
    }

    /** A disk in pixel coordinates. */
    record Disk(double row, double col, double radius) {
        boolean contains(PlacedAtom a) {
            return a.distanceSquared(row, col) < radius * radius;
        }
    }
}
