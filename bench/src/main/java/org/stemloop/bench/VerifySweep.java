package org.stemloop.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.stemloop.detect.LogParams;
import org.stemloop.reward.Material;
import org.stemloop.sim.Defects;
import org.stemloop.sim.Noise;
import org.stemloop.sim.SimulationSpec;

/**
 * Random cases for the equality sweep, frames and parameters no fixture has seen: odd,
 * non-square sizes of 64-300 px, both materials at random pixel sizes and rotations, noise
 * 0-0.9, all four dtypes, and parameters over the whole legal range of blob_log's options
 * (descending sigma lists, one scale, no threshold, relative thresholds, log scales, borders).
 *
 * <p>Values are rounded to three decimals so that a failing case can be typed back in by hand;
 * the same seed always gives the same cases.
 */
public final class VerifySweep {

    private VerifySweep() {
    }

    /** {@code count} cases (≥ 0) drawn from {@code seed}. */
    public static List<VerifyCase> cases(long seed, int count) {
        if (count < 0) {
            throw new IllegalArgumentException("Case count must not be negative: " + count);
        }
        SplittableRandom rng = new SplittableRandom(seed);
        List<VerifyCase> cases = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            cases.add(new VerifyCase("verify_%03d".formatted(i), frame(rng), dtype(rng), params(rng)));
        }
        return List.copyOf(cases);
    }

    private static SimulationSpec frame(SplittableRandom rng) {
        Material material = rng.nextBoolean() ? Material.GRAPHENE : Material.SRTIO3;
        int height = 65 + 2 * rng.nextInt(118); // odd, 65-299: no power-of-two shortcuts
        int width = 64 + rng.nextInt(237);
        if (width == height) {
            width++;
        }
        double noise = rng.nextInt(10) == 0 ? 0 : round(rng.nextDouble(0, 0.9));
        Defects defects = material == Material.GRAPHENE && rng.nextInt(4) == 0
                ? Defects.NONE.withDopants(0.03) : Defects.NONE;
        return SimulationSpec.of(material, height).withSize(height, width)
                .withPixelSize(round(material.defaultPixelSizeAngstrom() * rng.nextDouble(0.7, 1.5)))
                .withRotation(round(rng.nextDouble(0, 90)))
                .withNoise(Noise.level(noise))
                .withDefects(defects)
                .withSeed(rng.nextLong(1, 1_000_000));
    }

    private static SampleDtype dtype(SplittableRandom rng) {
        SampleDtype[] all = SampleDtype.values();
        return all[rng.nextInt(all.length)];
    }

    private static LogParams params(SplittableRandom rng) {
        double minSigma = round(rng.nextDouble(0.5, 3));
        double maxSigma = round(rng.nextDouble(2, 8));
        if (rng.nextInt(6) == 0) { // descending lists are legal in blob_log: exercise them on purpose
            double t = minSigma;
            minSigma = Math.max(maxSigma, minSigma);
            maxSigma = Math.min(t, maxSigma);
        }
        int numSigma = 1 + rng.nextInt(15);
        double threshold = rng.nextInt(8) == 0 ? Double.NaN : round(rng.nextDouble(0.02, 0.4));
        double thresholdRel = rng.nextInt(5) == 0 ? round(rng.nextDouble(0, 0.6)) : Double.NaN;
        double overlap = round(rng.nextDouble(0, 1));
        boolean logScale = rng.nextInt(4) == 0;
        int border = rng.nextInt(5) == 0 ? 1 + rng.nextInt(10) : 0;
        return new LogParams(minSigma, maxSigma, numSigma, threshold, thresholdRel, overlap, logScale, border);
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
