package org.stemloop.sim;

import java.math.BigDecimal;

/**
 * The defects put into a simulated lattice. Each kind draws from its own random stream, so
 * switching one on leaves the others' pattern unchanged for the same seed.
 *
 * @param dopantFraction     fraction of lattice carbon atoms replaced by Si (graphene only),
 *                           0 to 1; each atom independently, so the count varies about the mean
 * @param vacancyFraction    fraction of lattice atoms (columns) removed, 0 to 1, each
 *                           independently
 * @param holes              number of holes: disks with no atoms, centres uniform in the frame
 * @param holeRadiusAngstrom radius of each hole in Å; 5 Å removes about 30 graphene atoms
 * @param amorphousFraction  area of one amorphous disk as a fraction of the frame area, 0 to 0.9
 *                           (graphene only): its lattice atoms are replaced by carbon at random
 *                           positions, labelled "amorphous"
 */
public record Defects(double dopantFraction, double vacancyFraction, int holes, double holeRadiusAngstrom,
        double amorphousFraction) {

    /** Default hole radius in Å. */
    public static final double DEFAULT_HOLE_RADIUS = 5.0;

    /** A perfect lattice. */
    public static final Defects NONE = new Defects(0, 0, 0, DEFAULT_HOLE_RADIUS, 0);

    public Defects {
        requireFraction("Dopant fraction", dopantFraction, 1);
        requireFraction("Vacancy fraction", vacancyFraction, 1);
        requireFraction("Amorphous fraction", amorphousFraction, 0.9);
        if (holes < 0 || holes > 10_000) {
            throw new IllegalArgumentException("Number of holes must be in [0, 10000]: " + holes);
        }
        if (!(holeRadiusAngstrom > 0 && Double.isFinite(holeRadiusAngstrom))) {
            throw new IllegalArgumentException("Hole radius must be positive (Å): " + holeRadiusAngstrom);
        }
    }

    private static void requireFraction(String what, double value, double max) {
        if (!(value >= 0 && value <= max)) {
            throw new IllegalArgumentException("%s must be in [0, %s]: %s".formatted(what,
                    BigDecimal.valueOf(max).stripTrailingZeros().toPlainString(), value));
        }
    }

    /** Whether any defect is switched on. */
    public boolean any() {
        return dopantFraction > 0 || vacancyFraction > 0 || holes > 0 || amorphousFraction > 0;
    }

    public Defects withDopants(double fraction) {
        return new Defects(fraction, vacancyFraction, holes, holeRadiusAngstrom, amorphousFraction);
    }

    public Defects withVacancies(double fraction) {
        return new Defects(dopantFraction, fraction, holes, holeRadiusAngstrom, amorphousFraction);
    }

    public Defects withHoles(int count, double radiusAngstrom) {
        return new Defects(dopantFraction, vacancyFraction, count, radiusAngstrom, amorphousFraction);
    }

    public Defects withAmorphous(double fraction) {
        return new Defects(dopantFraction, vacancyFraction, holes, holeRadiusAngstrom, fraction);
    }
}
