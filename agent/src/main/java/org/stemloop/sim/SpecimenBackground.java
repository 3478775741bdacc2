package org.stemloop.sim;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Adds what lies under and over the lattice, in reference-column units: the film level with its
 * slow variation and amorphous texture (none in holes, fading over their soft edge), and the
 * contamination patches, bright and textured, on top of the film (so not over a hole).
 */
final class SpecimenBackground {

    /** Contamination is lumpy: its intensity varies by this relative amount over an ångström or two. */
    static final double CONTAMINATION_TEXTURE = 0.3;
    /** The length of that lumpiness in Å. */
    static final double CONTAMINATION_TEXTURE_ANGSTROM = 1.5;
    /** The thinnest spot of a patch keeps this share of its brightness: a patch has no holes. */
    static final double CONTAMINATION_FLOOR = 0.5;

    private SpecimenBackground() {
    }

    static void add(double[] image, RealisticSpec spec, List<Region> regions, SplittableRandom slowRng,
            SplittableRandom textureRng, SplittableRandom contaminationRng) {
        int h = spec.height();
        int w = spec.width();
        double p = spec.pixelSizeAngstrom();
        Background b = spec.background();
        double[] slow = b.slowVariation() > 0 ? RandomField.smooth(h, w, b.slowLengthAngstrom() / p, slowRng) : null;
        double[] texture = b.textureAmplitude() > 0
                ? RandomField.smooth(h, w, b.textureLengthAngstrom() / p, textureRng) : null;
        boolean anyContamination = spec.specimen().contaminations() > 0 && spec.specimen().contaminationBrightness() > 0;
        double[] lumps = anyContamination
                ? RandomField.smooth(h, w, CONTAMINATION_TEXTURE_ANGSTROM / p, contaminationRng) : null;
        boolean anyHole = regions.stream().anyMatch(r -> r.kind() == Region.Kind.HOLE);
        for (int r = 0; r < h; r++) {
            for (int c = 0; c < w; c++) {
                int i = r * w + c;
                double film = b.level() * (1 + (slow == null ? 0 : b.slowVariation() * slow[i]))
                        + (texture == null ? 0 : b.textureAmplitude() * texture[i]);
                film = Math.max(0, film);
                double dirt = 0;
                if (anyContamination) {
                    double cover = RealisticSimulator.coverage(regions, Region.Kind.CONTAMINATION, r, c);
                    dirt = cover * spec.specimen().contaminationBrightness()
                            * Math.max(CONTAMINATION_FLOOR, 1 + CONTAMINATION_TEXTURE * lumps[i]);
                }
                // Contamination sits on the film: where the film has a hole, neither is left.
                double solid = anyHole ? 1 - RealisticSimulator.coverage(regions, Region.Kind.HOLE, r, c) : 1;
                image[i] += solid * (film + dirt);
            }
        }
    }
}
