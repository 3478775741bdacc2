package org.stemloop.trainer;

import java.util.SplittableRandom;
import org.stemloop.reward.Material;
import org.stemloop.sim.Background;
import org.stemloop.sim.Contrast;
import org.stemloop.sim.Preset;
import org.stemloop.sim.Probe;
import org.stemloop.sim.RealisticSpec;
import org.stemloop.sim.ScanDistortion;
import org.stemloop.sim.Specimen;

/**
 * Training frames from the realistic simulator ({@code Simulator.realistic}, docs/simulator.md),
 * every physical parameter drawn around the material's HAADF preset (domain randomisation on the
 * simulator itself rather than on a finished picture):
 * <ul>
 *   <li><b>dose</b> 3-300 electrons per pixel, log-uniform (the real Nion graphene frames match ~10);</li>
 *   <li><b>probe</b> core FWHM 0.7-1.4 Å, tails holding 0-60% of the current, 2-6 times wider;</li>
 *   <li><b>background</b> film level 0-2 (of a column's peak), slow variation 0-0.3, texture 0-0.3;</li>
 *   <li><b>scan</b> row jitter 0-0.6 px, ripple 0-0.6 px, drift shear up to 0.012 px/row, stretch up to 3%;</li>
 *   <li><b>rotation</b> uniform, <b>pixel size</b> the material's training pixel size x0.8-1.25;</li>
 *   <li><b>holes</b> (vacuum) and <b>contamination</b> (1-8 times a column's brightness) with no atoms
 *       in the truth, each on about a third of the frames, sized for the crop; Si dopants up to 3%;</li>
 *   <li><b>detector saturation</b> of the brightest 0.1-3% on a fifth of the frames.</li>
 * </ul>
 * The truth is the simulator's: atoms centred inside the frame, none in holes or contamination.
 *
 * @param probability share of the training frames drawn this way (the rest: the lattice simulator
 *                    with {@link Augmentation} and {@link DomainRandomisation})
 */
record RealisticSampling(double probability) {

    static final RealisticSampling NONE = new RealisticSampling(0);

    RealisticSampling {
        if (!(probability >= 0 && probability <= 1)) {
            throw new IllegalArgumentException("Realistic-simulator share must be in [0, 1]: " + probability);
        }
    }

    /** A random spec for a {@code size x size} training frame of {@code material}, HAADF contrast. */
    static RealisticSpec spec(Material material, int size, SplittableRandom rng) {
        RealisticSpec preset = Preset.haadf(material).spec(size);
        double pixel = material.defaultPixelSizeAngstrom() * rng.nextDouble(0.8, 1.25);
        double frameAngstrom = size * pixel;
        Probe probe = new Probe(rng.nextDouble(0.7, 1.4), rng.nextDouble() < 0.15 ? 0 : rng.nextDouble(0.05, 0.6),
                rng.nextDouble(2, 6));
        int holes = rng.nextDouble() < 0.3 ? 1 : 0;
        int patches = rng.nextDouble() < 0.35 ? 1 : 0;
        Specimen s = preset.specimen()
                .withHoles(holes, Math.max(1, frameAngstrom * rng.nextDouble(0.08, 0.25)))
                .withContamination(patches, Math.max(1, frameAngstrom * rng.nextDouble(0.1, 0.35)), rng.nextDouble(1, 8));
        if (material == Material.GRAPHENE) {
            s = s.withDopants(rng.nextDouble() < 0.5 ? rng.nextDouble(0, 0.03) : 0);
        }
        Background b = new Background(rng.nextDouble(0, 2), rng.nextDouble(0, 0.3), rng.nextDouble(10, 60),
                rng.nextDouble(0, 0.3), rng.nextDouble(0.8, 2.5));
        ScanDistortion scan = new ScanDistortion(rng.nextDouble(0, 0.6), rng.nextDouble(0, 0.6), rng.nextDouble(10, 80),
                rng.nextDouble(-0.012, 0.012), rng.nextDouble(-0.03, 0.03));
        double dose = Math.exp(rng.nextDouble(Math.log(3), Math.log(300)));
        return preset.withPixelSize(pixel).withRotation(rng.nextDouble(0, 360)).withCalibrationError(0).withProbe(probe)
                .withContrast(Contrast.HAADF).withSpecimen(s).withBackground(b).withScan(scan).withDose(dose);
    }

    /** Detector saturation on some frames, in place (before normalisation). */
    static void saturate(double[] pixels, SplittableRandom rng) {
        if (rng.nextDouble() < 0.2) {
            DomainRandomisation.saturate(pixels, rng.nextDouble(97, 99.9));
        }
    }
}
