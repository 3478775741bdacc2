package org.stemloop.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.stemloop.detect.Blob;
import org.stemloop.detect.LogBlobDetector;
import org.stemloop.detect.LogParams;
import org.stemloop.detect.Refinement;
import org.stemloop.detect.SubPixelRefiner;
import org.stemloop.eval.MatchResult;
import org.stemloop.eval.MatchedPair;
import org.stemloop.eval.OneToOneMatching;
import org.stemloop.eval.Point;
import org.stemloop.image.Frame;
import org.stemloop.reward.Material;
import org.stemloop.sim.Noise;
import org.stemloop.sim.SimulatedFrame;
import org.stemloop.sim.SimulationSpec;
import org.stemloop.sim.Simulator;
import org.stemloop.sim.TrueAtom;

/**
 * Sub-pixel refinement against the simulator's truth (issue 15): on simulated frames, LoG finds
 * the atoms (fixed parameters around the probe's width, so that every method starts from the same
 * whole-pixel positions), each {@link Refinement} moves them, and the matched atoms' RMS error is
 * scored per species beside the Cramér-Rao bound of one Gaussian spot; each refinement is timed.
 *
 * <p>The bound: a round Gaussian spot of amplitude A in white noise of standard deviation s per
 * pixel carries Fisher information A²π/(2s²) on each coordinate of its centre whatever its width,
 * so no unbiased estimate from the spot alone has a 2-D RMS error below 2s/(A√π). A is each
 * species' peak on the noiseless frame (min-max normalised as the noisy one), read at the pixel
 * nearest each true atom and corrected to the centre with the probe's known width.
 *
 * @apiNote Frames are simulated, detected and refined in turn: about a second per 512² frame and
 *          noise level on two cores, most of it the simulator and LoG.
 */
public final class RefineBench {

    /** LoG thresholds tried in turn (see {@link #detect}). */
    private static final double[] THRESHOLDS = {0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5};
    /** Atoms this close to the frame edge, pixels, are left out of the score (their discs are cut). */
    private static final double EDGE = 6;
    private static final List<Refinement> METHODS = List.of(Refinement.GAUSS, Refinement.COM, Refinement.NONE);

    /**
     * The settings.
     *
     * @param size     frame side, pixels
     * @param frames   frames per material and noise level (seeds 1..frames)
     * @param timedRuns timed refinements of each frame and method, after one warm-up
     */
    public record Settings(List<Material> materials, double[] noises, int size, int frames, int timedRuns) {
        public Settings {
            materials = List.copyOf(materials);
            noises = noises.clone();
            if (size < 64 || frames < 1 || timedRuns < 1 || noises.length == 0 || materials.isEmpty()) {
                throw new IllegalArgumentException("refine bench needs size >= 64, frames >= 1, runs >= 1, a noise level and"
                        + " a material: %d, %d, %d".formatted(size, frames, timedRuns));
            }
        }
    }

    /**
     * One row of the accuracy table: a material, noise level, method and species (or "all").
     *
     * @param rmsPx  RMS distance of the matched atoms to their truth, pixels
     * @param crbPx  the Cramér-Rao bound of one spot of this species (NaN for "all" and noise 0)
     * @param recall matched true atoms over true atoms
     */
    public record Accuracy(String material, double noise, String method, String species, int atoms, double rmsPx,
            double pixelAngstrom, double crbPx, double recall) {

        public static final String CSV_HEADER = "material,noise,method,species,atoms,rms_px,rms_pm,crb_px,crb_pm,recall";

        public double rmsPm() {
            return rmsPx * pixelAngstrom * 100;
        }

        public String csv() {
            return String.format(java.util.Locale.ROOT, "%s,%.2f,%s,%s,%d,%.4f,%.2f,%s,%s,%.4f", material, noise, method, species,
                    atoms, rmsPx, rmsPm(), Double.isNaN(crbPx) ? "" : String.format(java.util.Locale.ROOT, "%.4f", crbPx),
                    Double.isNaN(crbPx) ? "" : String.format(java.util.Locale.ROOT, "%.2f", crbPx * pixelAngstrom * 100), recall);
        }
    }

    /**
     * The time of one method on one material, over every frame and noise level.
     *
     * @param wall  wall-clock milliseconds per frame
     * @param cpuMs median CPU milliseconds per frame of the refining threads: the work, whatever the load
     */
    public record Speed(String material, String method, double atoms, Timing wall, double cpuMs) {
        public static final String CSV_HEADER = "material,method,atoms_per_frame,runs,median_ms,p90_ms,best_ms,median_cpu_ms";

        public String csv() {
            return String.format(java.util.Locale.ROOT, "%s,%s,%.0f,%d,%.2f,%.2f,%.2f,%.2f", material, method, atoms, wall.runs(),
                    wall.medianMs(), wall.p90Ms(), wall.minMs(), cpuMs);
        }
    }

    /** The progress of one frame: its RMS per method, pixels, and the Gaussian fit's median time. */
    public record Progress(int done, int total, String material, double noise, int seed, int atoms, Map<String, Double> rmsPx,
            double gaussMs) {
    }

    /** Both tables. */
    public record Result(List<Accuracy> accuracy, List<Speed> speed) {
        public Result {
            accuracy = List.copyOf(accuracy);
            speed = List.copyOf(speed);
        }
    }

    private RefineBench() {
    }

    /** Runs the benchmark; {@code progress} hears of every frame. */
    public static Result run(Settings s, Consumer<Progress> progress) {
        List<Accuracy> accuracy = new ArrayList<>();
        List<Speed> speed = new ArrayList<>();
        int total = s.materials().size() * s.noises().length * s.frames();
        int done = 0;
        for (Material m : s.materials()) {
            Map<String, List<Double>> wall = new LinkedHashMap<>();
            Map<String, List<Double>> cpu = new LinkedHashMap<>();
            double atomsTimed = 0;
            int framesTimed = 0;
            for (double noise : s.noises()) {
                // per method and species: sum of squared errors, matched atoms, true atoms
                Map<String, double[]> sums = new LinkedHashMap<>();
                Map<String, double[]> peaks = new LinkedHashMap<>();
                double pixel = 0;
                for (int seed = 1; seed <= s.frames(); seed++) {
                    SimulationSpec spec = SimulationSpec.of(m, s.size()).withRotation(17).withNoise(Noise.level(noise))
                            .withSeed(seed);
                    SimulatedFrame sim = Simulator.simulate(spec);
                    pixel = spec.pixelSizeAngstrom();
                    double nn = m.nearestNeighbourAngstrom() / pixel;
                    double sigma = spec.probeSigmaPixels();
                    List<Blob> blobs = detect(sim.frame(), sigma, sim.atoms().size());
                    List<TrueAtom> truth = sim.atoms().stream().filter(a -> inside(a.row(), a.col(), s.size())).toList();
                    peaks(Simulator.cleanFrame(spec), truth, sigma, peaks);
                    Map<String, Double> rms = new LinkedHashMap<>();
                    double gaussMs = 0;
                    for (Refinement how : METHODS) {
                        SubPixelRefiner.Refined r = SubPixelRefiner.refine(sim.frame(), blobs, nn, how); // warm-up
                        for (int k = 0; k < s.timedRuns() && how != Refinement.NONE; k++) {
                            long cpu0 = workerCpuNanos();
                            long t0 = System.nanoTime();
                            r = SubPixelRefiner.refine(sim.frame(), blobs, nn, how);
                            wall.computeIfAbsent(how.word(), x -> new ArrayList<>()).add((System.nanoTime() - t0) / 1e6);
                            cpu.computeIfAbsent(how.word(), x -> new ArrayList<>()).add((workerCpuNanos() - cpu0) / 1e6);
                        }
                        rms.put(how.word(), score(r.atoms(), truth, nn / 3, s.size(), how.word(), sums));
                        if (how == Refinement.GAUSS) {
                            List<Double> w = wall.get(how.word());
                            gaussMs = w.get(w.size() - 1);
                        }
                    }
                    atomsTimed += blobs.size();
                    framesTimed++;
                    progress.accept(new Progress(++done, total, m.id(), noise, seed, blobs.size(), rms, gaussMs));
                }
                for (Refinement how : METHODS) {
                    double[] all = new double[3];
                    for (var e : sums.entrySet()) {
                        if (e.getKey().startsWith(how.word() + "/")) {
                            String species = e.getKey().substring(how.word().length() + 1);
                            double[] v = e.getValue();
                            double[] pk = peaks.get(species);
                            double amplitude = pk[0] / pk[1];
                            double crb = noise > 0 ? 2 * noise / (amplitude * Math.sqrt(Math.PI)) : 0;
                            accuracy.add(new Accuracy(m.id(), noise, how.word(), species, (int) v[1], Math.sqrt(v[0] / v[1]),
                                    pixel, crb, v[1] / v[2]));
                            for (int k = 0; k < 3; k++) {
                                all[k] += v[k];
                            }
                        }
                    }
                    accuracy.add(new Accuracy(m.id(), noise, how.word(), "all", (int) all[1], Math.sqrt(all[0] / all[1]), pixel,
                            Double.NaN, all[1] / all[2]));
                }
            }
            for (String method : wall.keySet()) {
                double[] w = wall.get(method).stream().mapToDouble(Double::doubleValue).toArray();
                double[] c = cpu.get(method).stream().mapToDouble(Double::doubleValue).toArray();
                speed.add(new Speed(m.id(), method, atomsTimed / framesTimed, Timing.of(w), Timing.of(c).medianMs()));
            }
        }
        return new Result(accuracy, speed);
    }

    /**
     * LoG at sigmas around the probe's, with the lowest threshold of a ladder that finds at most
     * 25% more blobs than there are atoms: every method then starts from the same, mostly true,
     * whole-pixel positions (finding the atoms is LoG*'s job, measured by {@code bench noise}).
     */
    private static List<Blob> detect(Frame frame, double sigma, int atoms) {
        List<Blob> blobs = List.of();
        for (double threshold : THRESHOLDS) {
            blobs = LogBlobDetector.detect(frame, LogParams.of(0.8 * sigma, 1.3 * sigma, 5, threshold, 0.5));
            if (blobs.size() <= 1.25 * atoms) {
                break;
            }
        }
        return blobs;
    }

    /** Matches, adds squared errors per species into {@code sums}, returns the frame's RMS over all species. */
    private static double score(List<Blob> atoms, List<TrueAtom> truth, double radius, int size, String method,
            Map<String, double[]> sums) {
        List<Point> found = atoms.stream().filter(b -> inside(b.row(), b.col(), size)).map(Point::of).toList();
        List<Point> truePoints = truth.stream().map(t -> new Point(t.row(), t.col())).toList();
        MatchResult match = OneToOneMatching.match(found, truePoints, radius);
        for (TrueAtom t : truth) {
            sums.computeIfAbsent(method + "/" + t.label(), k -> new double[3])[2]++;
        }
        double sq = 0;
        for (MatchedPair p : match.pairs()) {
            double[] v = sums.get(method + "/" + truth.get(p.truth()).label());
            v[0] += p.distance() * p.distance();
            v[1]++;
            sq += p.distance() * p.distance();
        }
        return Math.sqrt(sq / Math.max(1, match.pairs().size()));
    }

    /** Adds each true atom's noiseless peak height (sum, count) to its species' entry. */
    private static void peaks(Frame clean, List<TrueAtom> truth, double sigma, Map<String, double[]> peaks) {
        for (TrueAtom t : truth) {
            int r = (int) Math.round(t.row()), c = (int) Math.round(t.col());
            if (r < 0 || c < 0 || r >= clean.height() || c >= clean.width()) {
                continue;
            }
            double d2 = (r - t.row()) * (r - t.row()) + (c - t.col()) * (c - t.col());
            double[] v = peaks.computeIfAbsent(t.label(), k -> new double[2]);
            v[0] += clean.get(r, c) * Math.exp(d2 / (2 * sigma * sigma));
            v[1]++;
        }
    }

    private static boolean inside(double row, double col, int size) {
        return row >= EDGE && col >= EDGE && row <= size - 1 - EDGE && col <= size - 1 - EDGE;
    }

    /**
     * CPU time of the threads that refine: this one and the compute core's workers (named
     * {@code stemloop-log-*}). Unlike wall time it does not grow with other processes' load.
     */
    private static long workerCpuNanos() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long sum = threads.getCurrentThreadCpuTime();
        long self = Thread.currentThread().getId();
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && info.getThreadId() != self && info.getThreadName().startsWith("stemloop-log-")) {
                sum += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
            }
        }
        return sum;
    }
}
