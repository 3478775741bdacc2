package org.stemloop.bench;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.stemloop.reward.Material;

/**
 * What is known about each real image of {@code ../shared/data/real} (its README): the material
 * and projection where the lattice of {@link Material} fits it, the pixel size where the file
 * holds none, and which shipped U-Net applies. Files without atoms (test stacks, a spectrum, the
 * TIA metadata) are left out; an image not listed here is still analysed, with the lattice from
 * its FFT only.
 */
public final class RealCatalogue {

    /**
     * One image's facts.
     *
     * @param material   the lattice of the material at the pixel size, or empty where no lattice of
     *                   {@link Material} matches the projection (then only the FFT lattice)
     * @param pixelSize  Å per pixel where the file has none (the README's), else 0 (the file's)
     * @param unet       the shipped U-Net that applies ({@code graphene}, {@code srtio3}) or empty
     * @param note       the image in words (material, projection, source)
     */
    public record Entry(Optional<Material> material, double pixelSize, Optional<String> unet, String note) {
    }

    private record Rule(String prefix, Entry entry) {
    }

    private static final Entry GENERIC = new Entry(Optional.empty(), 0, Optional.empty(), "not catalogued: FFT lattice only");

    private static final List<Rule> RULES = List.of(
            new Rule("graphene_si_2nm.", graphene(0.078, "Si-doped graphene, HAADF, Nion (AICrystallographer)")),
            new Rule("graphene_gb_4nm.", graphene(0.078, "graphene grain boundary, 4 nm (AICrystallographer)")),
            new Rule("graphene_gb_6nm.", graphene(0.117, "graphene grain boundary, 6 nm (AICrystallographer)")),
            new Rule("srtio3_haadf_1024.", new Entry(Optional.of(Material.SRTIO3), 0.1001, Optional.of("srtio3"),
                    "SrTiO3 [001] HAADF (openNCEM, the .ser as NPY)")),
            new Rule("srtio3_haadf_1.ser", srtio3("SrTiO3 [001] HAADF, FEI TIA .ser/.emi (openNCEM)")),
            new Rule("srtio3_berkeley_acq18.", srtio3("SrTiO3 [001], Berkeley EMD (openNCEM)")),
            new Rule("srtio3_adf_atomap.", fft(0.09326, "SrTiO3 [110] ADF (Atomap test image): no [110] lattice in Material")),
            new Rule("srtio3_abf_atomap.", fft(0.09326, "SrTiO3 [110] ABF (Atomap): no [110] lattice in Material")),
            new Rule("pto100_haadf_drprobe.", perovskite("PbTiO3 [100] HAADF, Dr. Probe multislice (vec-map)")),
            new Rule("pto100_abf_drprobe.", perovskite("PbTiO3 [100] ABF, Dr. Probe multislice (vec-map)")),
            new Rule("pzo110_haadf_drprobe.", fft(0, "PbZrO3 [110] HAADF, Dr. Probe multislice (vec-map)")),
            new Rule("pzo_haadf.", fft(0, "PbZrO3 HAADF, experimental (vec-map)")),
            new Rule("perovskite_abf.", fft(0, "perovskite ABF, experimental (vec-map)")),
            new Rule("ws2_haadf_velox.", fft(0, "WS2 HAADF, Velox EMD (BlobNet)")),
            new Rule("twin_boundary_velox.", fft(0, "twin boundary HAADF, Velox EMD (BlobNet)")),
            new Rule("velox_0042.", fft(0, "HAADF, Velox EMD (BlobNet): a close-packed lattice")),
            new Rule("si110_5nm.", fft(0, "Si [110], PNG (AtomSegNet; 5 nm field of view)")),
            new Rule("dysco3_8nm.", fft(0, "DyScO3, PNG (AtomSegNet; 8 nm field of view)")),
            new Rule("gold_grain_boundary_512.", fft(0, "Au grain boundary, PNG (AtomSegNet)")));

    /** Names (lower case) of files that hold no atoms: a test stack, a spectrum, metadata. */
    private static final List<String> NO_ATOMS = List.of("dmtest_", "carbon_eels_spectrum", "stack3_float32");

    private RealCatalogue() {
    }

    /** The facts of the file called {@code name}, or empty when it holds no atomic image. */
    public static Optional<Entry> of(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (NO_ATOMS.stream().anyMatch(lower::startsWith) || !lower.matches(".*\\.(npy|tif|tiff|png|emd|dm3|dm4|ser|mrc)$")) {
            return Optional.empty();
        }
        return Optional.of(RULES.stream().filter(r -> lower.startsWith(r.prefix())).map(Rule::entry).findFirst().orElse(GENERIC));
    }

    private static Entry graphene(double px, String note) {
        return new Entry(Optional.of(Material.GRAPHENE), px, Optional.of("graphene"), note);
    }

    private static Entry srtio3(String note) {
        return new Entry(Optional.of(Material.SRTIO3), 0, Optional.of("srtio3"), note);
    }

    /** A perovskite seen down [100]: the same projection as SrTiO3 [001] (a ~ 3.9 Å), so its lattice and U-Net. */
    private static Entry perovskite(String note) {
        return new Entry(Optional.of(Material.SRTIO3), 0, Optional.of("srtio3"), note + "; SrTiO3 [001] lattice as the perovskite's");
    }

    private static Entry fft(double px, String note) {
        return new Entry(Optional.empty(), px, Optional.empty(), note);
    }
}
