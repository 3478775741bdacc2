package org.stemloop.sim;

/**
 * What the specimen adds besides the perfect lattice: dopants, smooth thickness variation, vacuum
 * holes and contamination patches. Holes and contamination are irregular smooth blobs with soft
 * edges; no atom whose centre lies in one (coverage >= 0.5) is drawn or in the truth.
 *
 * @param dopantFraction              fraction of graphene C replaced by Si, 0 to 0.2 (graphene only)
 * @param thicknessVariation          relative standard deviation of the column intensity, smooth
 *                                    over the frame, 0 to 0.5: a wedge or a bent foil of SrTiO3
 *                                    changes the HAADF intensity of columns by 10-20% across a
 *                                    frame; 0 for a monolayer
 * @param thicknessLengthAngstrom     correlation length of that variation in Å, 5 to 10,000
 * @param holes                       number of vacuum holes, 0 to 20: no lattice, no film, only the
 *                                    detector's dark level (HAADF) or the bright direct beam (ABF)
 * @param holeRadiusAngstrom          mean hole radius in Å, 1 to 500 (each is 0.7-1.3 times it)
 * @param contaminations              number of contamination patches, 0 to 20: bright smooth
 *                                    textured blobs of hydrocarbon that hide the lattice, as at the
 *                                    lower right of {@code graphene_gb_6nm}
 * @param contaminationRadiusAngstrom mean patch radius in Å, 1 to 500
 * @param contaminationBrightness     the patch's peak intensity over the film, in units of the
 *                                    reference column peak, 0 to 20 (gb_6nm: 4 or more, saturated)
 */
public record Specimen(double dopantFraction, double thicknessVariation, double thicknessLengthAngstrom, int holes,
        double holeRadiusAngstrom, int contaminations, double contaminationRadiusAngstrom,
        double contaminationBrightness) {

    /** A clean, even specimen. */
    public static final Specimen CLEAN = new Specimen(0, 0, 100, 0, 10, 0, 10, 2);

    public Specimen {
        Checks.range("Dopant fraction", dopantFraction, 0, 0.2);
        Checks.range("Thickness variation", thicknessVariation, 0, 0.5);
        Checks.range("Thickness length (Å)", thicknessLengthAngstrom, 5, 10_000);
        Checks.range("Number of holes", holes, 0, 20);
        Checks.range("Hole radius (Å)", holeRadiusAngstrom, 1, 500);
        Checks.range("Number of contamination patches", contaminations, 0, 20);
        Checks.range("Contamination radius (Å)", contaminationRadiusAngstrom, 1, 500);
        Checks.range("Contamination brightness", contaminationBrightness, 0, 20);
    }

    public Specimen withHoles(int count, double radiusAngstrom) {
        return new Specimen(dopantFraction, thicknessVariation, thicknessLengthAngstrom, count, radiusAngstrom,
                contaminations, contaminationRadiusAngstrom, contaminationBrightness);
    }

    public Specimen withContamination(int count, double radiusAngstrom, double brightness) {
        return new Specimen(dopantFraction, thicknessVariation, thicknessLengthAngstrom, holes, holeRadiusAngstrom,
                count, radiusAngstrom, brightness);
    }

    public Specimen withThickness(double variation, double lengthAngstrom) {
        return new Specimen(dopantFraction, variation, lengthAngstrom, holes, holeRadiusAngstrom, contaminations,
                contaminationRadiusAngstrom, contaminationBrightness);
    }

    public Specimen withDopants(double fraction) {
        return new Specimen(fraction, thicknessVariation, thicknessLengthAngstrom, holes, holeRadiusAngstrom,
                contaminations, contaminationRadiusAngstrom, contaminationBrightness);
    }
}
