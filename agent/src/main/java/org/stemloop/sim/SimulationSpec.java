package org.stemloop.sim;

import java.util.Objects;
import org.stemloop.reward.Material;

/**
 * Everything that fixes a simulated frame: the same spec gives byte-identical pixels and the same
 * truth on every machine.
 *
 * <p>Start from {@link #of(Material, int)} (square frame, every default) and change what matters
 * with the {@code with...} methods:
 * <pre>{@code
 * SimulationSpec spec = SimulationSpec.of(Material.GRAPHENE, 512)
 *         .withNoise(Noise.level(0.3))
 *         .withDefects(Defects.NONE.withDopants(0.02))
 *         .withSeed(7);
 * }</pre>
 *
 * @param material          the crystal
 * @param height            frame height in pixels, {@value #MIN_SIZE} to {@value #MAX_SIZE}
 * @param width             frame width in pixels, {@value #MIN_SIZE} to {@value #MAX_SIZE}
 * @param pixelSizeAngstrom pixel size in Å, 0.01 to 1; the defaults
 *                          ({@link Material#defaultPixelSizeAngstrom()}) put nearest neighbours
 *                          ~10-11 px apart, as in the paper's frames. Smaller pixels give bigger
 *                          atoms and fewer of them per frame
 * @param rotationDegrees   lattice rotation in degrees, counter-clockwise as seen on screen (row
 *                          down, col right), about the frame centre. Default 0, so frames are
 *                          comparable across seeds and a test knows the orientation; the seed
 *                          still shifts the lattice by a random fraction of a cell
 * @param probeFwhmAngstrom full width at half maximum of the Gaussian spot rendered for each atom
 *                          (probe and column blur together), in Å, 0.1 to 5; default
 *                          {@value #DEFAULT_PROBE_FWHM}. Its sigma in pixels is what a LoG
 *                          detector's sigmas should bracket
 * @param noise             noise level and optional shot noise and scan jitter
 * @param defects           dopants, vacancies, holes, amorphous patch
 * @param seed              seed of every random choice (lattice offset, defects, noise)
 */
public record SimulationSpec(Material material, int height, int width, double pixelSizeAngstrom,
        double rotationDegrees, double probeFwhmAngstrom, Noise noise, Defects defects, long seed) {

    /** Smallest frame side in pixels. */
    public static final int MIN_SIZE = 16;
    /** Largest frame side in pixels. */
    public static final int MAX_SIZE = 8192;
    /** Default probe FWHM in Å: an aberration-corrected probe at 60-100 kV. */
    public static final double DEFAULT_PROBE_FWHM = 0.9;
    /** Default seed. */
    public static final long DEFAULT_SEED = 1;

    private static final double FWHM_PER_SIGMA = 2 * Math.sqrt(2 * Math.log(2));

    public SimulationSpec {
        Objects.requireNonNull(material, "material");
        Objects.requireNonNull(noise, "noise");
        Objects.requireNonNull(defects, "defects");
        requireSize("Height", height);
        requireSize("Width", width);
        if (!(pixelSizeAngstrom >= 0.01 && pixelSizeAngstrom <= 1)) {
            throw new IllegalArgumentException("Pixel size must be in [0.01, 1] Å: " + pixelSizeAngstrom);
        }
        if (!Double.isFinite(rotationDegrees)) {
            throw new IllegalArgumentException("Rotation must be a finite number of degrees: " + rotationDegrees);
        }
        if (!(probeFwhmAngstrom >= 0.1 && probeFwhmAngstrom <= 5)) {
            throw new IllegalArgumentException("Probe FWHM must be in [0.1, 5] Å: " + probeFwhmAngstrom);
        }
        if (material != Material.GRAPHENE && defects.dopantFraction() > 0) {
            throw new IllegalArgumentException("Dopants are implemented for graphene only, not " + material.id());
        }
        if (material != Material.GRAPHENE && defects.amorphousFraction() > 0) {
            throw new IllegalArgumentException("Amorphous patch is implemented for graphene only, not " + material.id());
        }
    }

    private static void requireSize(String what, int pixels) {
        if (pixels < MIN_SIZE || pixels > MAX_SIZE) {
            throw new IllegalArgumentException("%s must be in [%d, %d] pixels: %d".formatted(what, MIN_SIZE, MAX_SIZE, pixels));
        }
    }

    /** A clean, perfect {@code size x size} frame of {@code material} with every default. */
    public static SimulationSpec of(Material material, int size) {
        Objects.requireNonNull(material, "material");
        return new SimulationSpec(material, size, size, material.defaultPixelSizeAngstrom(), 0, DEFAULT_PROBE_FWHM,
                Noise.NONE, Defects.NONE, DEFAULT_SEED);
    }

    /** Sigma of the rendered spots in pixels: FWHM / (2√(2 ln 2)) / pixel size. */
    public double probeSigmaPixels() {
        return probeFwhmAngstrom / FWHM_PER_SIGMA / pixelSizeAngstrom;
    }

    /** Atoms (columns) a perfect lattice puts in the frame: density times frame area. */
    public double expectedLatticeAtoms() {
        return material.atomsPerPixel(pixelSizeAngstrom) * height * width;
    }

    public SimulationSpec withSize(int newHeight, int newWidth) {
        return new SimulationSpec(material, newHeight, newWidth, pixelSizeAngstrom, rotationDegrees, probeFwhmAngstrom,
                noise, defects, seed);
    }

    public SimulationSpec withPixelSize(double angstrom) {
        return new SimulationSpec(material, height, width, angstrom, rotationDegrees, probeFwhmAngstrom, noise, defects,
                seed);
    }

    public SimulationSpec withRotation(double degrees) {
        return new SimulationSpec(material, height, width, pixelSizeAngstrom, degrees, probeFwhmAngstrom, noise,
                defects, seed);
    }

    public SimulationSpec withProbeFwhm(double angstrom) {
        return new SimulationSpec(material, height, width, pixelSizeAngstrom, rotationDegrees, angstrom, noise, defects,
                seed);
    }

    public SimulationSpec withNoise(Noise newNoise) {
        return new SimulationSpec(material, height, width, pixelSizeAngstrom, rotationDegrees, probeFwhmAngstrom,
                newNoise, defects, seed);
    }

    /** This spec with the paper's Gaussian noise level L, other noise settings kept. */
    public SimulationSpec withNoiseLevel(double level) {
        return withNoise(noise.withLevel(level));
    }

    public SimulationSpec withDefects(Defects newDefects) {
        return new SimulationSpec(material, height, width, pixelSizeAngstrom, rotationDegrees, probeFwhmAngstrom, noise,
                newDefects, seed);
    }

    public SimulationSpec withSeed(long newSeed) {
        return new SimulationSpec(material, height, width, pixelSizeAngstrom, rotationDegrees, probeFwhmAngstrom, noise,
                defects, newSeed);
    }
}
