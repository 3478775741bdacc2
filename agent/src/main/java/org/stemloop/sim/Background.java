package org.stemloop.sim;

/**
 * The intensity under the lattice, in units of the reference column's peak (graphene: C;
 * SrTiO3: Sr): a film level that varies slowly across the frame, and the fine texture of an
 * amorphous layer (the carbon support or the surface layer of a thin foil).
 *
 * @param level                film intensity between columns, 0 to 5 (graphene preset 1.0 and
 *                             SrTiO3 0.2 reproduce the real frames' film-to-peak ratios, 0.14-0.15
 *                             and 0.05-0.11; docs/simulator.md)
 * @param slowVariation        relative standard deviation of the film level, smooth over the
 *                             frame, 0 to 1
 * @param slowLengthAngstrom   correlation length of that variation in Å, 5 to 10,000
 * @param textureAmplitude     standard deviation of the amorphous texture, 0 to 2
 * @param textureLengthAngstrom its correlation length in Å, 0.3 to 20 (amorphous carbon: about
 *                             the C-C distance, 1-2 Å, blurred by the probe)
 */
public record Background(double level, double slowVariation, double slowLengthAngstrom, double textureAmplitude,
        double textureLengthAngstrom) {

    /** Nothing under the lattice. */
    public static final Background NONE = new Background(0, 0, 100, 0, 1.5);

    public Background {
        Checks.range("Background level", level, 0, 5);
        Checks.range("Background slow variation", slowVariation, 0, 1);
        Checks.range("Background slow length (Å)", slowLengthAngstrom, 5, 10_000);
        Checks.range("Texture amplitude", textureAmplitude, 0, 2);
        Checks.range("Texture length (Å)", textureLengthAngstrom, 0.3, 20);
    }
}
