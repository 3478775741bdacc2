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
import org.stemloop.detect.Contrast;
import org.stemloop.eval.OneToOneMatching;
import org.stemloop.eval.Point;
import org.stemloop.image.Frame;
import org.stemloop.image.Overlay;
import org.stemloop.optimize.SearchSettings;
import org.stemloop.reward.CrystalMask;
import org.stemloop.reward.CrystalMaskEstimator;
import org.stemloop.reward.Lattice;
import org.stemloop.reward.LatticeEstimate;
import org.stemloop.reward.LatticeEstimator;
import org.stemloop.reward.NoLatticeException;
import org.stemloop.reward.Material;
import org.stemloop.reward.RewardContext;
import org.stemloop.unet.UnetDetector;

/**
 * The shipped detectors on real microscope images, as {@code analyze} runs them (issue 15): the
 * contrast detected (annular bright field inverted), the crystal mask, LoG* with the lattice of
 * the material at the pixel size and with the lattice from the image's FFT, the shipped U-Net
 * where one applies, each against its reference: the original authors' AtomNet positions (F1,
 * one-to-one within a third of the bond) where given, else the lattice's count over the
 * crystalline area.
 */
public final class RealImagesBench {

    /** The LoG* runs and the U-Net, as named in the table. */
    public static final String LOG_MATERIAL = "log* material";
    public static final String LOG_FFT = "log* fft";
    public static final String UNET = "unet";

    /**
     * One image to analyse.
     *
     * @param format    the file's format (its extension)
     * @param reference the AtomNet positions to compare with (not the truth), or empty
     */
    public record Image(String name, String format, Frame frame, RealCatalogue.Entry entry, Optional<List<Point>> reference) {
    }

    /**
     * One detector on one image.
     *
     * @param contrast       bright or dark (inverted before the analysis)
     * @param lattice        the lattice in words
     * @param maskedFraction share of the frame the crystal mask left out
     * @param expected       atoms the lattice expects over the crystal
     * @param found          atoms found on the crystal (LoG*: the recommended option, refined)
     * @param referenceF1    F1 against AtomNet, NaN without a reference
     * @param ms             the detector's time (mask and lattice not included)
     * @param error          why the method did not run, or empty
     */
    public record Result(String name, String format, int height, int width, String contrast, String method, String lattice,
            double maskedFraction, double expected, int found, int referenceAtoms, double referenceF1, double ms, String error) {

        public static final String CSV_HEADER = "image,format,height,width,contrast,method,lattice,masked_fraction,"
                + "expected_on_crystal,found,found_over_expected,reference_atoms,f1_vs_atomnet,ms,error";

        public boolean ran() {
            return error.isEmpty();
        }

        public double ratio() {
            return found / expected;
        }

        public String csv() {
            return String.format(Locale.ROOT, "%s,%s,%d,%d,%s,%s,\"%s\",%.4f,%.1f,%d,%.3f,%d,%s,%.0f,\"%s\"", name, format, height,
                    width, contrast, method, lattice.replace('"', '\'').replace(',', ';'), maskedFraction, expected, found, ratio(), referenceAtoms,
                    Double.isNaN(referenceF1) ? "" : String.format(Locale.ROOT, "%.3f", referenceF1), ms, error.replace('"', '\'').replace(',', ';'));
        }
    }

    /** The results of one image and its overlay. */
    public record Analysed(Image image, List<Result> results, Path overlay) {
        public Analysed {
            results = List.copyOf(results);
        }
    }

    private RealImagesBench() {
    }

    /**
     * Analyses one image with every method that applies and writes {@code real_<name>_overlay.png}
     * into {@code dir}: the frame as recorded, the mask's left-out cells tinted, LoG*'s atoms
     * (material lattice where known, else FFT) as red circles, the U-Net's as cyan crosses,
     * AtomNet's as yellow crosses. Each result reaches {@code progress} as soon as it is known.
     */
    public static Analysed run(Image im, SearchSettings settings, Path dir, Consumer<Result> progress) throws IOException {
        Frame recorded = im.frame();
        if (im.entry().pixelSize() > 0) {
            recorded = recorded.withPixelSize(im.entry().pixelSize());
        }
        Contrast contrast = Contrast.detect(recorded);
        Frame frame = contrast.brightAtoms(recorded);
        List<Result> results = new ArrayList<>();
        List<Blob> headline = List.of();
        List<Point> unetAtoms = List.of();
        CrystalMask headlineMask = null;
        Optional<Material> material = im.entry().material();
        double bond = Double.NaN; // the reference radius: a third of the material's bond, else of the FFT lattice's
        if (material.isPresent()) {
            if (frame.pixelSizeAngstrom().isEmpty()) {
                results.add(failed(im, frame, contrast, LOG_MATERIAL, material.get().id(), "no pixel size in the file"));
                progress.accept(results.get(results.size() - 1));
            } else {
                double px = frame.pixelSizeAngstrom().getAsDouble();
                Lattice lattice = Lattice.of(material.get());
                RewardContext ctx = RewardContext.of(lattice, frame.height(), frame.width(), px);
                bond = ctx.nearestNeighbourPx();
                CrystalMask mask = CrystalMaskEstimator.estimate(frame, 1.5 * ctx.nearestNeighbourPx());
                String words = String.format(Locale.ROOT, "%s at %.4f Å/px", lattice.name(), px);
                LogStar l = logStar(frame, mask, ctx, settings);
                results.add(scored(im, frame, contrast, LOG_MATERIAL, words, mask, ctx, l.atoms(), l.ms(), bond));
                headline = l.atoms();
                headlineMask = mask;
                progress.accept(results.get(results.size() - 1));
            }
        }
        Optional<LatticeEstimate> estimate;
        String refusal = "";
        try {
            estimate = Optional.of(LatticeEstimator.require(frame));
        } catch (NoLatticeException refused) {
            estimate = Optional.empty();
            refusal = refused.getMessage();
        }
        if (estimate.isEmpty()) {
            results.add(failed(im, frame, contrast, LOG_FFT, "", refusal));
            progress.accept(results.get(results.size() - 1));
        } else {
            LatticeEstimate e = estimate.get();
            RewardContext ctx = RewardContext.of(e, frame.height(), frame.width());
            CrystalMask mask = CrystalMaskEstimator.estimate(frame, Math.max(e.spacingPx(), e.secondSpacingPx()));
            LogStar l = logStar(frame, mask, ctx, settings);
            double radiusBond = Double.isNaN(bond) ? ctx.nearestNeighbourPx() : bond;
            results.add(scored(im, frame, contrast, LOG_FFT, String.format(Locale.ROOT, "FFT %s %.1f px", e.symmetry().toString().toLowerCase(Locale.ROOT), e.spacingPx()), mask, ctx, l.atoms(), l.ms(), radiusBond));
            if (headlineMask == null) {
                headline = l.atoms();
                headlineMask = mask;
                bond = radiusBond;
            }
            progress.accept(results.get(results.size() - 1));
        }
        if (im.entry().unet().isPresent() && material.isPresent() && frame.pixelSizeAngstrom().isPresent()) {
            double px = frame.pixelSizeAngstrom().getAsDouble();
            RewardContext ctx = RewardContext.of(Lattice.of(material.get()), frame.height(), frame.width(), px);
            CrystalMask mask = headlineMask;
            try (UnetDetector unet = UnetDetector.load(im.entry().unet().get())) {
                long t0 = System.nanoTime();
                List<Blob> atoms = unet.detect(frame).atoms().stream().map(a -> new Blob(a.row(), a.col(), 1))
                        .filter(b -> mask.contains(b.row(), b.col())).toList();
                double ms = (System.nanoTime() - t0) / 1e6;
                results.add(scored(im, frame, contrast, UNET, "shipped " + im.entry().unet().get() + " model", mask, ctx, atoms, ms,
                        bond));
                unetAtoms = Point.ofBlobs(atoms);
            } catch (RuntimeException ex) {
                results.add(failed(im, frame, contrast, UNET, im.entry().unet().get(), "U-Net: " + ex.getMessage()));
            }
            progress.accept(results.get(results.size() - 1));
        }
        Path overlay = dir.resolve("real_" + im.name() + "_overlay.png");
        overlay(recorded, headlineMask, headline, unetAtoms, im.reference(), bond).write(overlay);
        return new Analysed(im, results, overlay);
    }

    private record LogStar(List<Blob> atoms, double ms) {
    }

    /** LoG* as {@code analyze} runs it: the search on the crystal, the recommended option, atoms on the crystal, refined. */
    private static LogStar logStar(Frame frame, CrystalMask mask, RewardContext ctx, SearchSettings settings) {
        long t0 = System.nanoTime();
        List<Blob> atoms = AnalyzeLogStarFinder.onCrystal(frame, mask, ctx, settings);
        return new LogStar(atoms, (System.nanoTime() - t0) / 1e6);
    }

    private static Result scored(Image im, Frame frame, Contrast contrast, String method, String lattice, CrystalMask mask,
            RewardContext ctx, List<Blob> atoms, double ms, double bond) {
        double f1 = Double.NaN;
        int refCount = 0;
        if (im.reference().isPresent()) {
            List<Point> ref = im.reference().get();
            refCount = ref.size();
            f1 = OneToOneMatching.match(Point.ofBlobs(atoms), ref, bond / 3).scores().f1();
        }
        return new Result(im.name(), im.format(), frame.height(), frame.width(), contrast.word(), method, lattice,
                mask.maskedFraction(), ctx.over(mask).expectedCount(), atoms.size(), refCount, f1, ms, "");
    }

    private static Result failed(Image im, Frame frame, Contrast contrast, String method, String lattice, String why) {
        return new Result(im.name(), im.format(), frame.height(), frame.width(), contrast.word(), method, lattice, 0, Double.NaN,
                0, im.reference().map(List::size).orElse(0), Double.NaN, 0, why);
    }

    private static Overlay overlay(Frame recorded, CrystalMask mask, List<Blob> atoms, List<Point> unet,
            Optional<List<Point>> reference, double bond) {
        Overlay o = Overlay.of(recorded, 0.5, 99.5).zoom(recorded.width() < 300 ? 2 : 1);
        if (mask != null) {
            Color tint = new Color(40, 110, 255, 80);
            for (int r = 0; r < mask.gridRows(); r++) {
                for (int c = 0; c < mask.gridCols(); c++) {
                    if (!mask.cell(r, c)) {
                        int top = r * mask.cell(), left = c * mask.cell();
                        o.shade(top, left, Math.min(mask.cell(), mask.height() - top), Math.min(mask.cell(), mask.width() - left), tint);
                    }
                }
            }
        }
        double size = Double.isNaN(bond) ? 2 : Math.max(1.5, bond / 4);
        reference.ifPresent(ref -> ref.forEach(p -> o.cross(p.row(), p.col(), size, new Color(0xfacc15))));
        unet.forEach(p -> o.cross(p.row(), p.col(), size * 0.7, new Color(0x22d3ee)));
        for (Blob b : atoms) {
            o.circle(b.row(), b.col(), Math.max(1.5, Math.min(b.radius(), size * 1.5)), new Color(255, 60, 60));
        }
        return o;
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
