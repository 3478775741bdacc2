package org.stemloop.track;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.stemloop.detect.Blob;
import org.stemloop.detect.LogBlobDetector;
import org.stemloop.detect.LogParams;
import org.stemloop.detect.Refinement;
import org.stemloop.detect.SubPixelRefiner;
import org.stemloop.image.Frame;
import org.stemloop.poi.AtomSite;
import org.stemloop.sim.EvolvingSample;
import org.stemloop.sim.SeriesAtom;
import org.stemloop.sim.SeriesFrame;
import org.stemloop.sim.SimulationSpec;

/**
 * Tracks a digital-twin series whose motion is known ({@link EvolvingSample} with a drift and hopping dopants)
 * and scores it: the drift error per frame and the identity switches of atoms and dopants. What
 * {@code stemloop bench track} and the tracking tests run.
 *
 * <p>Atoms are found with LoG at the probe's size (sigma 0.7-1.3 of the spot's), refined to sub-pixel by a
 * Gaussian fit; dopants are atoms whose 3x3 mean brightness is at least {@value #DOPANT_Z} robust standard
 * deviations (1.4826 MAD) above the median atom's (the agent's rule, {@code poi.PoiFinder}). True objects match
 * spots within a third of the nearest-neighbour distance (atoms) or half of it (dopants).
 */
public final class TwinSeriesRun {

    static final double DOPANT_Z = 4;

    private TwinSeriesRun() {
    }

    /**
     * One frame of the run.
     *
     * @param index          0-based
     * @param driftErrorPx   |estimated - true| accumulated drift, pixels
     * @param stepErrorPx    |estimated - true| drift from the previous frame, pixels (0 on frame 0)
     * @param correlationPx  the same for the phase correlation alone, before refinement by the atoms
     * @param atoms          atoms detected
     * @param dopants        dopants detected
     */
    public record FrameScore(int index, double driftErrorPx, double stepErrorPx, double correlationPx, int atoms,
                             int dopants, double trueDriftRow, double trueDriftCol, double driftRow, double driftCol) {
    }

    /**
     * The whole run.
     *
     * @param dopantPaths for each detected dopant track id, its positions (frame, row, col) in image pixels, for a
     *                    picture
     */
    public record Result(List<FrameScore> frames, IdentityScore atoms, IdentityScore dopants,
                         java.util.Map<Integer, List<double[]>> dopantPaths, java.util.Map<Integer, List<double[]>> truePaths) {

        public double meanStepError() {
            return frames.stream().skip(1).mapToDouble(FrameScore::stepErrorPx).average().orElse(0);
        }

        public double maxStepError() {
            return frames.stream().mapToDouble(FrameScore::stepErrorPx).max().orElse(0);
        }

        public double meanCorrelationError() {
            return frames.stream().skip(1).mapToDouble(FrameScore::correlationPx).average().orElse(0);
        }

        public double maxCorrelationError() {
            return frames.stream().mapToDouble(FrameScore::correlationPx).max().orElse(0);
        }

        public double finalDriftError() {
            return frames.isEmpty() ? 0 : frames.get(frames.size() - 1).driftErrorPx();
        }

        public double maxDriftError() {
            return frames.stream().mapToDouble(FrameScore::driftErrorPx).max().orElse(0);
        }
    }

    /**
     * Runs {@code frames} frames of {@code sample} through a {@link SeriesTracker}.
     *
     * @param progress told after each frame (its score), for a progress bar
     */
    public static Result run(EvolvingSample sample, int frames, Consumer<FrameScore> progress) {
        Objects.requireNonNull(progress, "progress");
        if (frames < 2) {
            throw new IllegalArgumentException("A series needs at least 2 frames: " + frames);
        }
        SimulationSpec spec = sample.spec();
        double nn = spec.material().nearestNeighbourAngstrom() / spec.pixelSizeAngstrom();
        double sigma = spec.probeSigmaPixels();
        LogParams log = LogParams.of(0.7 * sigma, 1.3 * sigma, 3, 0.05, 0.5);
        SeriesTracker tracker = new SeriesTracker(TrackSettings.of(nn), 0, 0);
        IdentityScore atomScore = new IdentityScore(nn / 3);
        IdentityScore dopantScore = new IdentityScore(nn / 2);
        List<FrameScore> scores = new ArrayList<>();
        java.util.Map<Integer, List<double[]>> paths = new java.util.TreeMap<>();
        java.util.Map<Integer, List<double[]>> truePaths = new java.util.TreeMap<>();
        double lastRow = 0;
        double lastCol = 0;
        for (int k = 0; k < frames; k++) {
            SeriesFrame s = sample.nextInSeries();
            Frame frame = s.frame().frame();
            List<Blob> blobs = SubPixelRefiner.refine(frame, LogBlobDetector.detect(frame, log), nn, Refinement.GAUSS)
                    .atoms();
            List<Spot> atoms = blobs.stream().map(b -> new Spot(b.row(), b.col())).toList();
            List<Spot> dopants = dopants(frame, atoms);
            SeriesTracker.FrameTracks t = tracker.next(frame, atoms, dopants);
            List<Spot> trueAtoms = s.atoms().stream().map(a -> new Spot(a.row(), a.col())).toList();
            atomScore.add(trueAtoms, s.atoms().stream().mapToInt(SeriesAtom::site).toArray(), atoms, t.atoms().ids());
            List<SeriesAtom> si = s.atoms().stream().filter(a -> a.dopant() >= 0).toList();
            dopantScore.add(si.stream().map(a -> new Spot(a.row(), a.col())).toList(),
                    si.stream().mapToInt(SeriesAtom::dopant).toArray(), dopants, t.dopants().ids());
            int[] ids = t.dopants().ids();
            for (int i = 0; i < ids.length; i++) {
                paths.computeIfAbsent(ids[i], x -> new ArrayList<>()).add(new double[] {k, dopants.get(i).row(),
                        dopants.get(i).col()});
            }
            for (SeriesAtom a : si) {
                truePaths.computeIfAbsent(a.dopant(), x -> new ArrayList<>()).add(new double[] {k, a.row(), a.col()});
            }
            double stepTrueRow = s.driftRow() - lastRow;
            double stepTrueCol = s.driftCol() - lastCol;
            FrameScore f = new FrameScore(k, Math.hypot(t.driftRow() - s.driftRow(), t.driftCol() - s.driftCol()),
                    k == 0 ? 0 : Math.hypot(t.step().row() - stepTrueRow, t.step().col() - stepTrueCol),
                    k == 0 ? 0 : Math.hypot(t.correlated().row() - stepTrueRow, t.correlated().col() - stepTrueCol),
                    atoms.size(), dopants.size(), s.driftRow(), s.driftCol(), t.driftRow(), t.driftCol());
            lastRow = s.driftRow();
            lastCol = s.driftCol();
            scores.add(f);
            progress.accept(f);
        }
        return new Result(List.copyOf(scores), atomScore, dopantScore, paths, truePaths);
    }

    /** Atoms at least {@value #DOPANT_Z} robust SD brighter (3x3 mean) than the median atom. */
    static List<Spot> dopants(Frame frame, List<Spot> atoms) {
        double[] b = new double[atoms.size()];
        for (int i = 0; i < b.length; i++) {
            b[i] = AtomSite.brightness(frame, atoms.get(i).row(), atoms.get(i).col());
        }
        if (b.length < 3) {
            return List.of();
        }
        double median = median(b.clone());
        double[] dev = Arrays.stream(b).map(v -> Math.abs(v - median)).toArray();
        double sd = 1.4826 * median(dev);
        List<Spot> out = new ArrayList<>();
        for (int i = 0; i < b.length; i++) {
            if (sd > 0 && (b[i] - median) / sd >= DOPANT_Z) {
                out.add(atoms.get(i));
            }
        }
        return out;
    }

    private static double median(double[] v) {
        Arrays.sort(v);
        int m = v.length / 2;
        return v.length % 2 == 1 ? v[m] : (v[m - 1] + v[m]) / 2;
    }
}
