package org.stemloop.bench;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import org.stemloop.detect.Blob;
import org.stemloop.eval.OneToOneMatching;
import org.stemloop.eval.Point;
import org.stemloop.image.Frame;
import org.stemloop.image.Overlay;
import org.stemloop.optimize.LogStarSearch;
import org.stemloop.optimize.ParetoPlot;
import org.stemloop.optimize.SearchListener;
import org.stemloop.optimize.SearchResult;
import org.stemloop.optimize.SearchSettings;
import org.stemloop.reward.LatticeEstimate;
import org.stemloop.reward.LatticeEstimator;
import org.stemloop.reward.NoLatticeException;
import org.stemloop.reward.RewardContext;

/**
 * LoG* on real microscope images, as a microscopist without labels would run it: the lattice
 * estimated from each image's power spectrum, the Pareto front, the recommended option; its count
 * against the lattice's expectation, and its agreement with a reference list of positions (the
 * original authors' AtomNet predictions) where one is given.
 */
public final class RealImagesBench {

    /**
     * One image to analyse.
     *
     * @param inverted  whether the frame was inverted first (annular bright field: atoms dark)
     * @param reference positions to compare with (not the truth), or empty
     */
    public record Image(String name, Frame frame, boolean inverted, Optional<List<Point>> reference) {
    }

    /**
     * What LoG* gave on one image; {@code referenceF1} is NaN without a reference.
     *
     * @param lattice the lattice estimate, in words, or why there is none
     */
    public record Result(String name, int height, int width, boolean inverted, String lattice, double expected,
            int found, int options, double hypervolume, double ms, int referenceAtoms, double referenceF1,
            Path overlay, Path pareto) {

        public static final String CSV_HEADER = "image,height,width,inverted,expected_atoms,found_atoms,found_over_expected,"
                + "options,hypervolume,ms,reference_atoms,f1_vs_reference";

        public String csv() {
            return String.format(Locale.ROOT, "%s,%d,%d,%s,%.1f,%d,%.3f,%d,%.4f,%.0f,%d,%s", name, height, width, inverted,
                    expected, found, found / expected, options, hypervolume, ms, referenceAtoms,
                    Double.isNaN(referenceF1) ? "" : String.format(Locale.ROOT, "%.3f", referenceF1));
        }
    }

    private RealImagesBench() {
    }

    /**
     * Analyses each image and writes {@code real_<name>_overlay.png} and {@code real_<name>_pareto.png}
     * into {@code dir}; images without a lattice in their spectrum are reported through
     * {@code skipped} and left out.
     */
    public static List<Result> run(List<Image> images, SearchSettings settings, Path dir, Consumer<Result> progress,
            Consumer<String> skipped) throws IOException {
        List<Result> results = new ArrayList<>();
        for (Image im : images) {
            Frame frame = im.frame();
            Optional<LatticeEstimate> estimate;
            try {
                estimate = Optional.of(LatticeEstimator.require(frame));
            } catch (NoLatticeException refused) {
                skipped.accept(im.name() + ": " + refused.getMessage());
                continue;
            }
            RewardContext ctx = RewardContext.of(estimate.get(), frame.height(), frame.width());
            long t0 = System.nanoTime();
            SearchResult r = LogStarSearch.run(frame, ctx, settings, SearchListener.NONE);
            double ms = (System.nanoTime() - t0) / 1e6;
            List<Blob> atoms = r.recommendedAtoms();
            double f1 = Double.NaN;
            int refCount = 0;
            Overlay overlay = Overlay.of(frame, 0.5, 99.5);
            double radius = ctx.nearestNeighbourPx() / 3;
            if (im.reference().isPresent()) {
                List<Point> ref = im.reference().get();
                refCount = ref.size();
                f1 = OneToOneMatching.match(Point.ofBlobs(atoms), ref, radius).scores().f1();
                for (Point p : ref) {
                    overlay.cross(p.row(), p.col(), Math.max(1.5, radius * 0.8), new Color(0xfacc15));
                }
            }
            for (Blob b : atoms) {
                overlay.circle(b.row(), b.col(), Math.max(1.5, b.sigma() * Math.sqrt(2)), new Color(0x22c55e));
            }
            Path overlayFile = dir.resolve("real_" + im.name() + "_overlay.png");
            overlay.write(overlayFile);
            Path paretoFile = dir.resolve("real_" + im.name() + "_pareto.png");
            ParetoPlot.write(r.front(), im.name() + ": LoG* Pareto front", paretoFile);
            Result res = new Result(im.name(), frame.height(), frame.width(), im.inverted(), estimate.get().note(),
                    ctx.expectedCount(), atoms.size(), r.front().size(), r.front().hypervolume(), ms, refCount, f1,
                    overlayFile, paretoFile);
            results.add(res);
            progress.accept(res);
        }
        return List.copyOf(results);
    }

    /** The frame with its contrast reversed (max + min - value), for images where atoms are dark. */
    public static Frame inverted(Frame frame) {
        double[] range = frame.range();
        double[] px = frame.pixels();
        double[] out = new double[px.length];
        for (int i = 0; i < px.length; i++) {
            out[i] = range[0] + range[1] - px[i];
        }
        Frame f = Frame.of(frame.height(), frame.width(), out, frame.precision());
        return frame.pixelSizeAngstrom().isPresent() ? f.withPixelSize(frame.pixelSizeAngstrom().getAsDouble()) : f;
    }

    /** The centre {@code side} x {@code side} of a frame (all of it when smaller). */
    public static Frame centre(Frame frame, int side) {
        if (frame.height() <= side && frame.width() <= side) {
            return frame;
        }
        int h = Math.min(side, frame.height());
        int w = Math.min(side, frame.width());
        int r0 = (frame.height() - h) / 2;
        int c0 = (frame.width() - w) / 2;
        double[] out = new double[h * w];
        double[] px = frame.pixels();
        for (int r = 0; r < h; r++) {
            System.arraycopy(px, (r0 + r) * frame.width() + c0, out, r * w, w);
        }
        Frame f = Frame.of(h, w, out, frame.precision());
        return frame.pixelSizeAngstrom().isPresent() ? f.withPixelSize(frame.pixelSizeAngstrom().getAsDouble()) : f;
    }
}
