package org.stemloop.sim;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.stemloop.reward.Material;

/**
 * Named realistic settings, each modelled on real frames in {@code ../shared/data/real}; the
 * figures behind every value are in docs/simulator.md. Rotation is drawn from the seed, the told
 * pixel size is 3% off.
 */
public enum Preset {

    /**
     * Graphene at 60 kV on a Nion UltraSTEM, as {@code graphene_si_2nm}, {@code graphene_gb_4nm}
     * and {@code graphene_gb_6nm}: 0.1 Å/px, a 1.1 Å probe, 10 electrons per pixel on a film as
     * bright as the C columns (contrast-to-noise 3.9 against the real 3.4), a carbon film's
     * texture, a vacuum hole and a bright contamination patch.
     */
    HAADF_NION_GRAPHENE("haadf-nion-graphene", new RealisticSpec(Material.GRAPHENE, 512, 512, 0.10,
            RealisticSpec.RANDOM_ROTATION, 0.03, new Probe(1.1, 0.35, 3), Contrast.HAADF,
            new Specimen(0.005, 0, 100, 1, 6, 1, 12, 5),
            new Background(1.0, 0.1, 30, 0.12, 1.5),
            new ScanDistortion(0.25, 0.3, 40, 0.004, 0.01), 10)),

    /**
     * SrTiO3 [001] in HAADF at 200-300 kV, as {@code srtio3_haadf_1024} and
     * {@code srtio3_adf_atomap}: 0.12 Å/px, a 0.9 Å probe, a thickness that varies by 12%, torn
     * scan rows, a hole and a faint contamination patch.
     */
    HAADF_SRTIO3("haadf-srtio3", new RealisticSpec(Material.SRTIO3, 512, 512, 0.12,
            RealisticSpec.RANDOM_ROTATION, 0.03, new Probe(0.9, 0.35, 3), Contrast.HAADF,
            new Specimen(0, 0.12, 40, 1, 8, 1, 10, 1.0),
            new Background(0.2, 0.1, 40, 0.04, 1.0),
            new ScanDistortion(0.35, 0.3, 30, 0.004, 0.01), 300)),

    /**
     * SrTiO3 [001] in annular bright field, as {@code srtio3_abf_atomap}: dark columns on a bright
     * background; bright field collects more electrons, 4000 per pixel.
     */
    ABF_SRTIO3("abf-srtio3", HAADF_SRTIO3.spec.withContrast(Contrast.ABF).withDose(4000));

    private final String id;
    private final RealisticSpec spec;

    Preset(String id, RealisticSpec spec) {
        this.id = id;
        this.spec = spec;
    }

    /** The name on the command line, e.g. {@code haadf-srtio3}. */
    public String id() {
        return id;
    }

    /**
     * The preset's settings for a {@code size x size} frame. Holes and contamination patches are
     * sized for 512 x 512 and scale with the frame's side (never below 1 Å), so they cover about
     * the same share of a 128 px training crop as of a full frame instead of swallowing it.
     */
    public RealisticSpec spec(int size) {
        double scale = size / 512.0;
        Specimen s = spec.specimen();
        Specimen scaled = s.withHoles(s.holes(), Math.max(1, s.holeRadiusAngstrom() * scale))
                .withContamination(s.contaminations(), Math.max(1, s.contaminationRadiusAngstrom() * scale),
                        s.contaminationBrightness());
        return spec.withSize(size, size).withSpecimen(scaled);
    }

    /** The preset of {@code material} in HAADF: graphene's Nion preset or SrTiO3's. */
    public static Preset haadf(Material material) {
        return material == Material.GRAPHENE ? HAADF_NION_GRAPHENE : HAADF_SRTIO3;
    }

    /** The preset named {@code id} (case-insensitive), or an exception naming the choices. */
    public static Preset parse(String id) {
        for (Preset p : values()) {
            if (p.id.equals(id == null ? null : id.toLowerCase(Locale.ROOT).strip())) {
                return p;
            }
        }
        throw new IllegalArgumentException("Unknown preset: %s (expected %s)".formatted(id,
                Arrays.stream(values()).map(Preset::id).collect(Collectors.joining(", "))));
    }
}
