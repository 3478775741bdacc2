package org.stemloop.sim;

/**
 * What sits at one simulated position, with its truth label and its HAADF brightness.
 *
 * <p>Brightness follows Z-contrast: each atom in a column contributes Z^1.7 (Pennycook's
 * incoherent imaging, exponent between 1.6 and 2), and the atoms of one column add. So C gives
 * 6^1.7 = 21, Si 14^1.7 = 89 (4.2x C), Sr 38^1.7 = 483 and a Ti–O column 22^1.7 + 8^1.7 = 225
 * (Sr about 2.1x Ti–O), per atom or per unit cell along the beam.
 */
enum Species {
    C("C", 6),
    SI("Si", 14),
    SR("Sr", 38),
    TI_O("Ti-O", 22, 8),
    /** Carbon of the amorphous patch: a carbon atom, labelled apart so defect classes can be scored. */
    AMORPHOUS_C("amorphous", 6);

    /** The exponent of Z-contrast, I ~ Z^1.7. */
    static final double Z_EXPONENT = 1.7;

    private final String label;
    private final double brightness;
    private final double abfStrength;

    Species(String label, int... atomicNumbers) {
        this.label = label;
        double sum = 0;
        double abf = 0;
        for (int z : atomicNumbers) {
            sum += Math.pow(z, Z_EXPONENT);
            abf += Math.pow(z, Contrast.ABF_Z_EXPONENT);
        }
        this.brightness = sum;
        this.abfStrength = abf;
    }

    /** The label in the truth: "C", "Si", "Sr", "Ti-O" or "amorphous". */
    String label() {
        return label;
    }

    /** Peak amplitude of this species' spot, in arbitrary units (sum of Z^1.7). */
    double brightness() {
        return brightness;
    }

    /** Depth of this species' dip in annular bright field, arbitrary units (sum of Z^0.6). */
    double abfStrength() {
        return abfStrength;
    }

    /** Strength of this species' spot under {@code contrast}, arbitrary units. */
    double strength(Contrast contrast) {
        return contrast == Contrast.ABF ? abfStrength : brightness;
    }
}
