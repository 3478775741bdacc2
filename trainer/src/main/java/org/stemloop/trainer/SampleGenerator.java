package org.stemloop.trainer;

import java.util.SplittableRandom;
import org.stemloop.reward.Material;
import org.stemloop.sim.RealisticFrame;
import org.stemloop.sim.RealisticSpec;
import org.stemloop.sim.SimulatedFrame;
import org.stemloop.sim.SimulationSpec;
import org.stemloop.sim.Simulator;
import org.stemloop.sim.TrueAtom;
import org.stemloop.unet.UnetInput;

/**
 * Training pairs from the simulator: an augmented frame, normalised as at inference
 * ({@link UnetInput}), and its mask, a disk around every true atom.
 *
 * <p>The disk radius is {@value #MASK_FRACTION} of the nearest-neighbour distance in pixels
 * (2.5 px for graphene at 0.14 Å/px): large enough that thresholding at 0.5 gives one solid
 * component per atom, small enough that neighbours' disks never touch. Only atoms whose centre is
 * inside the frame are drawn, exactly the simulator's truth, so the network learns not to report
 * the cut-off halves of atoms beyond the edge.
 *
 * <p>Deterministic: sample {@code i} of a generator depends only on its seed and {@code i}.
 */
final class SampleGenerator {

    static final double MASK_FRACTION = 0.25;

    private final Material material;
    private final int size;
    private final Augmentation augmentation;
    private final DomainRandomisation domain;
    private final RealisticSampling realistic;
    private final long seed;

    SampleGenerator(Material material, int size, Augmentation augmentation, long seed) {
        this(material, size, augmentation, DomainRandomisation.NONE, seed);
    }

    SampleGenerator(Material material, int size, Augmentation augmentation, DomainRandomisation domain, long seed) {
        this(material, size, augmentation, domain, RealisticSampling.NONE, seed);
    }

    SampleGenerator(Material material, int size, Augmentation augmentation, DomainRandomisation domain,
            RealisticSampling realistic, long seed) {
        if (size % UnetInput.MULTIPLE != 0 || size < 16) {
            throw new IllegalArgumentException("Training frame size must be a multiple of 8, at least 16: " + size);
        }
        this.material = material;
        this.size = size;
        this.augmentation = augmentation;
        this.domain = java.util.Objects.requireNonNull(domain, "domain");
        this.realistic = java.util.Objects.requireNonNull(realistic, "realistic");
        this.seed = seed;
    }

    int size() {
        return size;
    }

    /** Writes sample {@code index} into {@code images} and {@code masks} at {@code offset} (size² floats each). */
    void sample(long index, float[] images, float[] masks, int offset) {
        SplittableRandom rng = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + index);
        if (realistic.probability() > 0 && rng.nextDouble() < realistic.probability()) {
            sampleRealistic(rng, images, masks, offset);
            return;
        }
        SimulationSpec spec = augmentation.spec(material, size, rng);
        SimulatedFrame frame = Simulator.simulate(spec);
        double[] pixels = frame.frame().pixels();
        java.util.List<double[]> atoms = new java.util.ArrayList<>();
        for (TrueAtom a : frame.atoms()) {
            atoms.add(new double[] {a.row(), a.col()});
        }
        if (domain.probability() > 0) {
            // its own stream, so that frames without randomisation stay what they were before it existed
            atoms = domain.apply(pixels, size, atoms, rng.split());
        }
        augmentation.perturb(pixels, size, rng);
        System.arraycopy(UnetInput.normalised(pixels), 0, images, offset, size * size);
        double radius = MASK_FRACTION * material.nearestNeighbourAngstrom() / spec.pixelSizeAngstrom();
        java.util.Arrays.fill(masks, offset, offset + size * size, 0f);
        for (double[] a : atoms) {
            disk(masks, offset, a[0], a[1], radius);
        }
    }

    /** A frame of the realistic simulator ({@link RealisticSampling}): counts, saturated on some, normalised. */
    private void sampleRealistic(SplittableRandom rng, float[] images, float[] masks, int offset) {
        RealisticSpec spec = RealisticSampling.spec(material, size, rng);
        RealisticFrame frame = Simulator.realistic(spec, rng.nextLong());
        double[] pixels = frame.frame().pixels().clone();
        RealisticSampling.saturate(pixels, rng);
        System.arraycopy(UnetInput.normalised(pixels), 0, images, offset, size * size);
        double radius = MASK_FRACTION * material.nearestNeighbourAngstrom() / spec.pixelSizeAngstrom();
        java.util.Arrays.fill(masks, offset, offset + size * size, 0f);
        for (TrueAtom a : frame.atoms()) {
            disk(masks, offset, a.row(), a.col(), radius);
        }
    }

    private void disk(float[] mask, int offset, double row, double col, double radius) {
        int r0 = Math.max(0, (int) Math.floor(row - radius));
        int r1 = Math.min(size - 1, (int) Math.ceil(row + radius));
        int c0 = Math.max(0, (int) Math.floor(col - radius));
        int c1 = Math.min(size - 1, (int) Math.ceil(col + radius));
        double r2 = radius * radius;
        for (int r = r0; r <= r1; r++) {
            for (int c = c0; c <= c1; c++) {
                double dr = r - row;
                double dc = c - col;
                if (dr * dr + dc * dc <= r2) {
                    mask[offset + r * size + c] = 1f;
                }
            }
        }
    }
}
