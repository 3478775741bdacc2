package org.stemloop.trainer;

import java.util.SplittableRandom;
import org.stemloop.reward.Material;
import org.stemloop.sim.Defects;
import org.stemloop.sim.Noise;
import org.stemloop.sim.SimulationSpec;

/**
 * The random variations each training frame gets, so that the network sees more than the
 * simulator's defaults: noise level, probe blur, rotation, pixel size, contrast, drift and
 * defects. Ranges bracket the defaults; a quarter of the frames keep rotation 0 and the default
 * pixel size, the setting the benchmark frames use.
 *
 * @param maxNoise  largest Gaussian noise level L drawn (uniform in [0, maxNoise])
 * @param gamma     contrast: the clean frame is raised to a power in [1/gamma, gamma]
 * @param maxRamp   contrast: a linear background ramp of up to this amplitude (frame is [0, 1])
 */
record Augmentation(double maxNoise, double gamma, double maxRamp) {

    /** The defaults used for the shipped models. */
    static final Augmentation DEFAULT = new Augmentation(0.45, 1.5, 0.3);

    Augmentation {
        if (!(maxNoise >= 0 && gamma >= 1 && maxRamp >= 0)) {
            throw new IllegalArgumentException("Augmentation needs maxNoise >= 0, gamma >= 1, maxRamp >= 0: " + this);
        }
    }

    /** A random spec of {@code size x size} pixels, without Gaussian noise (added later, after contrast). */
    SimulationSpec spec(Material material, int size, SplittableRandom rng) {
        boolean benchmarkLike = rng.nextInt(4) == 0;
        double pixel = material.defaultPixelSizeAngstrom() * (benchmarkLike ? 1 : rng.nextDouble(0.8, 1.25));
        double rotation = benchmarkLike ? 0 : rng.nextDouble(0, 360);
        double probe = rng.nextDouble(0.65, 1.3);
        Noise noise = Noise.NONE.withScanJitter(rng.nextDouble() < 0.5 ? rng.nextDouble(0, 0.8) : 0);
        if (rng.nextDouble() < 0.3) {
            noise = noise.withShotDose(rng.nextDouble(5, 200));
        }
        Defects defects = Defects.NONE.withVacancies(rng.nextDouble() < 0.5 ? rng.nextDouble(0, 0.04) : 0);
        if (material == Material.GRAPHENE && rng.nextDouble() < 0.5) {
            defects = defects.withDopants(rng.nextDouble(0, 0.04));
        }
        if (rng.nextDouble() < 0.15) {
            defects = defects.withHoles(1, rng.nextDouble(3, 8));
        }
        return SimulationSpec.of(material, size).withPixelSize(pixel).withRotation(rotation).withProbeFwhm(probe)
                .withNoise(noise).withDefects(defects).withSeed(rng.nextLong());
    }

    /** Contrast change and Gaussian noise, in place, on a frame normalised to [0, 1]. */
    void perturb(double[] image, int size, SplittableRandom rng) {
        double power = Math.exp(rng.nextDouble(-Math.log(gamma), Math.log(gamma)));
        double ramp = rng.nextDouble(0, maxRamp + 1e-12);
        double angle = rng.nextDouble(0, 2 * Math.PI);
        double dr = Math.sin(angle) * ramp / size;
        double dc = Math.cos(angle) * ramp / size;
        double level = rng.nextDouble(0, maxNoise + 1e-12);
        for (int r = 0; r < size; r++) {
            for (int c = 0; c < size; c++) {
                int i = r * size + c;
                double v = Math.pow(Math.max(0, image[i]), power) + dr * r + dc * c;
                image[i] = v + level * rng.nextGaussian();
            }
        }
    }
}
