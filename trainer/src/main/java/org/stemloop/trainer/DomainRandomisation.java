package org.stemloop.trainer;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.stemloop.unet.Resampler;

/**
 * What real HAADF frames have and the lattice simulator does not, added to a clean simulated frame
 * (normalised to [0, 1]) so that a network trained on it transfers to microscopists' frames
 * (Tobin et al.'s domain randomisation; AtomAI's augmentations). Each effect is drawn
 * independently:
 * <ul>
 *   <li><b>probe tails</b>: a real probe has wide tails beyond its Gaussian core, which put a haze
 *       around every atom: a blurred copy (sigma 2-6 px) at 10-60% added;</li>
 *   <li><b>scan distortion</b>: a shear of up to 6% (slow drift during the raster) and line jitter
 *       (each row shifted by up to ~0.6 px), applied to the atoms too;</li>
 *   <li><b>background</b>: a smooth random field (thickness, charging, defocus drift) of up to 0.6;</li>
 *   <li><b>contamination</b>: a bright, grainy amorphous patch (hydrocarbon, the saturated corner of
 *       real graphene frames) that covers 5-40% of the frame and holds no atoms: the mask is empty
 *       there, so the network learns to report nothing on it;</li>
 *   <li><b>dose</b>: Poisson counting noise at 4-60 counts for the frame's mean intensity;</li>
 *   <li><b>detector saturation</b>: the brightest 0.1-3% clipped flat.</li>
 * </ul>
 *
 * @param probability chance that a frame gets this treatment at all (the rest stay as simulated)
 */
record DomainRandomisation(double probability) {

    /** The setting of the domain-randomised models. */
    static final DomainRandomisation DEFAULT = new DomainRandomisation(0.75);
    /** No randomisation: the simulator's frames as before. */
    static final DomainRandomisation NONE = new DomainRandomisation(0);

    DomainRandomisation {
        if (!(probability >= 0 && probability <= 1)) {
            throw new IllegalArgumentException("Domain randomisation probability must be in [0, 1]: " + probability);
        }
    }

    /**
     * Randomises {@code image} ({@code size x size}, in place) and returns the atoms (row, col) as
     * they now lie, without those under contamination.
     */
    List<double[]> apply(double[] image, int size, List<double[]> atoms, SplittableRandom rng) {
        if (!(rng.nextDouble() < probability)) {
            return atoms;
        }
        if (rng.nextDouble() < 0.6) {
            double[] tail = Blur.gaussian(image, size, rng.nextDouble(2, 6));
            double weight = rng.nextDouble(0.1, 0.6);
            for (int i = 0; i < image.length; i++) {
                image[i] += weight * tail[i];
            }
        }
        List<double[]> moved = atoms;
        if (rng.nextDouble() < 0.5) {
            moved = shear(image, size, atoms, rng);
        }
        if (rng.nextDouble() < 0.7) {
            double[] field = smoothField(size, rng);
            double amplitude = rng.nextDouble(0, 0.6);
            for (int i = 0; i < image.length; i++) {
                image[i] += amplitude * field[i];
            }
        }
        if (rng.nextDouble() < 0.3) {
            moved = contaminate(image, size, moved, rng);
        }
        if (rng.nextDouble() < 0.5) {
            poisson(image, rng.nextDouble(4, 60), rng);
        }
        if (rng.nextDouble() < 0.2) {
            saturate(image, rng.nextDouble(97, 99.9));
        }
        return moved;
    }

    /** Rows shifted sideways by a linear shear plus per-line jitter; atoms moved with their row. */
    private static List<double[]> shear(double[] image, int size, List<double[]> atoms, SplittableRandom rng) {
        double k = rng.nextDouble(-0.06, 0.06);
        double jitter = rng.nextDouble(0, 0.6);
        double[] offset = new double[size];
        for (int r = 0; r < size; r++) {
            offset[r] = k * (r - size / 2.0) + jitter * rng.nextGaussian();
        }
        double[] row = new double[size];
        for (int r = 0; r < size; r++) {
            System.arraycopy(image, r * size, row, 0, size);
            for (int c = 0; c < size; c++) {
                double x = Math.min(size - 1, Math.max(0, c - offset[r]));
                int x0 = (int) Math.floor(x);
                int x1 = Math.min(size - 1, x0 + 1);
                image[r * size + c] = row[x0] + (x - x0) * (row[x1] - row[x0]);
            }
        }
        List<double[]> out = new ArrayList<>();
        for (double[] a : atoms) {
            int r = Math.min(size - 1, Math.max(0, (int) Math.round(a[0])));
            double col = a[1] + offset[r];
            if (col >= -0.5 && col < size - 0.5) {
                out.add(new double[] {a[0], col});
            }
        }
        return out;
    }

    /** A smooth random field in [0, 1]: random values on a coarse grid, enlarged bilinearly. */
    private static double[] smoothField(int size, SplittableRandom rng) {
        int coarse = 2 + rng.nextInt(5);
        double[] grid = new double[coarse * coarse];
        for (int i = 0; i < grid.length; i++) {
            grid[i] = rng.nextDouble();
        }
        return Resampler.resize(grid, coarse, coarse, size, size);
    }

    /** A bright amorphous patch where the smooth field is high; atoms under it are dropped. */
    private static List<double[]> contaminate(double[] image, int size, List<double[]> atoms, SplittableRandom rng) {
        double[] field = smoothField(size, rng);
        double[] sorted = field.clone();
        java.util.Arrays.sort(sorted);
        double cut = sorted[(int) (sorted.length * (1 - rng.nextDouble(0.05, 0.4)))];
        double[] grain = Blur.gaussian(noise(size, rng), size, rng.nextDouble(0.7, 2));
        double level = rng.nextDouble(0.7, 2.0);
        double texture = rng.nextDouble(0.5, 2.5);
        double soft = 0.04;
        double[] weight = new double[image.length];
        for (int i = 0; i < image.length; i++) {
            double w = Math.min(1, Math.max(0, (field[i] - cut) / soft + 0.5));
            weight[i] = w;
            image[i] = (1 - w) * image[i] + w * Math.max(0, level * (1 + texture * grain[i]));
        }
        List<double[]> out = new ArrayList<>();
        for (double[] a : atoms) {
            int r = Math.min(size - 1, Math.max(0, (int) Math.round(a[0])));
            int c = Math.min(size - 1, Math.max(0, (int) Math.round(a[1])));
            if (weight[r * size + c] < 0.5) {
                out.add(a);
            }
        }
        return out;
    }

    private static double[] noise(int size, SplittableRandom rng) {
        double[] n = new double[size * size];
        for (int i = 0; i < n.length; i++) {
            n[i] = rng.nextGaussian();
        }
        return n;
    }

    /** Counting noise: the frame scaled so its mean is {@code dose} counts, drawn, scaled back. */
    private static void poisson(double[] image, double dose, SplittableRandom rng) {
        double mean = 0;
        for (double v : image) {
            mean += Math.max(0, v) / image.length;
        }
        if (mean <= 0) {
            return;
        }
        double scale = dose / mean;
        for (int i = 0; i < image.length; i++) {
            image[i] = poissonDraw(Math.max(0, image[i]) * scale, rng) / scale;
        }
    }

    private static double poissonDraw(double lambda, SplittableRandom rng) {
        if (lambda > 30) {
            return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * rng.nextGaussian()));
        }
        // Knuth's multiplication method: exact, cheap for small means
        double limit = Math.exp(-lambda);
        double p = rng.nextDouble();
        int k = 0;
        while (p > limit) {
            p *= rng.nextDouble();
            k++;
        }
        return k;
    }

    static void saturate(double[] image, double percentile) {
        double[] sorted = image.clone();
        java.util.Arrays.sort(sorted);
        double top = sorted[Math.min(sorted.length - 1, (int) (percentile / 100 * sorted.length))];
        for (int i = 0; i < image.length; i++) {
            image[i] = Math.min(top, image[i]);
        }
    }
}
