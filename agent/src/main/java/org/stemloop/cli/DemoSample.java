package org.stemloop.cli;

import java.util.Locale;
import org.stemloop.reward.Material;
import org.stemloop.sim.Defects;
import org.stemloop.sim.SimulationSpec;

/**
 * The sample {@code demo}'s twin images: {@code realistic} has what makes LoG* readings differ (dopants
 * brighter than carbon, vacancies, an amorphous patch where the lattice gives no count to follow), so
 * the Pareto front has several distinct options to choose from; {@code clean} is a perfect lattice whose
 * front is usually one point.
 */
final class DemoSample {

    /** Defects of the realistic graphene sample. */
    static final Defects REALISTIC_GRAPHENE = Defects.NONE.withDopants(0.03).withVacancies(0.02).withAmorphous(0.3);
    /** Defects of the realistic SrTiO3 sample (dopants and amorphous patches are graphene-only). */
    static final Defects REALISTIC_SRTIO3 = Defects.NONE.withVacancies(0.02);

    private DemoSample() {
    }

    static SimulationSpec spec(String sample, Material material, int size, double noise) {
        SimulationSpec clean = SimulationSpec.of(material, size).withNoiseLevel(noise);
        return switch (sample.toLowerCase(Locale.ROOT)) {
            case "clean" -> clean;
            case "realistic" -> clean.withDefects(material == Material.GRAPHENE ? REALISTIC_GRAPHENE : REALISTIC_SRTIO3);
            default -> throw new IllegalArgumentException("--sample must be realistic or clean: " + sample);
        };
    }
}
