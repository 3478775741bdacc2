package org.stemloop.reward;

/** Validation shared by the lattice records: one place for the messages a microscopist reads. */
final class LatticeParameters {

    private LatticeParameters() {
    }

    /** A length parameter: positive and finite, else a message naming it. */
    static double requireLength(String what, double value) {
        if (!(value > 0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException("Lattice %s must be positive and finite: %s".formatted(what, value));
        }
        return value;
    }

    /** The atoms per cell: at least one. */
    static int requireAtoms(int atomsPerCell) {
        if (atomsPerCell < 1) {
            throw new IllegalArgumentException("Atoms per cell must be at least 1: " + atomsPerCell);
        }
        return atomsPerCell;
    }

    /** A name for reports: not blank. */
    static String requireName(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("Lattice name must not be blank");
        }
        return name;
    }
}
