package org.stemloop.poi;

/**
 * Why an atom is worth a closer look, in the order the dose budget serves them: a dopant is the
 * reason to point the beam, the edges of holes and boundaries are where the sample changes next.
 */
public enum PoiKind {
    /** A bright outlier (or a member of the bright minority class): a heavier atom such as Si in graphene. */
    DOPANT("dopant"),
    /** An atom with fewer neighbours than the lattice's coordination: the edge of a vacancy or a hole. */
    VACANCY_EDGE("vacancy-edge"),
    /** An atom whose neighbours are too many or too irregular: a grain boundary or an amorphous edge. */
    BOUNDARY("boundary");

    private final String id;

    PoiKind(String id) {
        this.id = id;
    }

    /** The name on the wire and in the database, e.g. {@code vacancy-edge}. */
    public String id() {
        return id;
    }
}
