package org.stemloop.bench;

import java.util.ArrayList;
import java.util.List;
import org.stemloop.detect.LogParams;
import org.stemloop.reward.Material;
import org.stemloop.sim.Noise;
import org.stemloop.sim.SimulatedFrame;
import org.stemloop.sim.SimulationSpec;
import org.stemloop.sim.Simulator;

/**
 * One timed case of the speed benchmark: a realistic square graphene frame and a parameter set.
 *
 * <p>The frames follow the reference case: a 512 x 512 frame holds about 1,800 atoms
 * (pixel {@value #PIXEL_SIZE_ANGSTROM} Å, so the C-C distance is ~10.6 px and the probe sigma
 * ~2.9 px), with Gaussian noise of level {@value #NOISE} on the [0, 1] frame; other sizes keep
 * the pixel size, so the atom count scales with the area. The parameter sets are the paper's
 * "sigma 1-6" and "sigma 2-6", 10 scales, threshold {@value #THRESHOLD}, overlap {@value #OVERLAP}.
 *
 * @param size   frame side in pixels
 * @param label  the parameter set's short name, e.g. "sigma 2-6"
 * @param params the detector parameters
 */
public record SpeedCase(int size, String label, LogParams params) {

    /** Å per pixel: 0.382 atoms/Å² x (512 x 0.134 Å)² ≈ 1,800 atoms. */
    public static final double PIXEL_SIZE_ANGSTROM = 0.134;
    /** Gaussian noise level of the benchmark frames. */
    public static final double NOISE = 0.15;
    /** Seed of the benchmark frames. */
    public static final long SEED = 512;
    public static final double THRESHOLD = 0.1;
    public static final double OVERLAP = 0.5;
    public static final int NUM_SIGMA = 10;

    public SpeedCase {
        if (size < SimulationSpec.MIN_SIZE || size > 4096) {
            throw new IllegalArgumentException("Benchmark frame size must be in [%d, 4096] px: %d"
                    .formatted(SimulationSpec.MIN_SIZE, size));
        }
        if (label == null || label.isBlank() || label.contains(",")) {
            throw new IllegalArgumentException("Case label must be non-blank without commas: " + label);
        }
        if (params == null) {
            throw new IllegalArgumentException("Case parameters missing for " + label);
        }
    }

    /** The cases for the given frame sizes: sigma 1-6 and sigma 2-6 for each. */
    public static List<SpeedCase> forSizes(List<Integer> sizes) {
        List<SpeedCase> cases = new ArrayList<>();
        for (int size : sizes) {
            cases.add(new SpeedCase(size, "sigma 1-6", LogParams.of(1, 6, NUM_SIGMA, THRESHOLD, OVERLAP)));
            cases.add(new SpeedCase(size, "sigma 2-6", LogParams.of(2, 6, NUM_SIGMA, THRESHOLD, OVERLAP)));
        }
        return List.copyOf(cases);
    }

    /** The realistic graphene frame of {@code size} x {@code size} pixels, with its truth. */
    public static SimulatedFrame frame(int size) {
        return Simulator.simulate(SimulationSpec.of(Material.GRAPHENE, size)
                .withPixelSize(PIXEL_SIZE_ANGSTROM)
                .withRotation(13)
                .withNoise(Noise.level(NOISE))
                .withSeed(SEED));
    }

    /** "512x512". */
    public String sizeText() {
        return size + "x" + size;
    }

    /** A file-name-safe id, e.g. "512_sigma2-6". */
    public String id() {
        return size + "_" + label.replace(" ", "");
    }
}
