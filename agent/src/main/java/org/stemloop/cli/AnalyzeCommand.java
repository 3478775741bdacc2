package org.stemloop.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.Color;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.stemloop.cluster.AtomClasses;
import org.stemloop.cluster.ClassPictures;
import org.stemloop.cluster.ClassSettings;
import org.stemloop.detect.Blob;
import org.stemloop.detect.Refinement;
import org.stemloop.detect.SubPixelRefiner;
import org.stemloop.detect.LogParams;
import org.stemloop.image.Frame;
import org.stemloop.image.ImageReaders;
import org.stemloop.image.ImageSeries;
import org.stemloop.image.Overlay;
import org.stemloop.optimize.Candidate;
import org.stemloop.optimize.CrystalAtoms;
import org.stemloop.optimize.FramePreparation;
import org.stemloop.optimize.OptionSelection;
import org.stemloop.optimize.ParetoFront;
import org.stemloop.optimize.ParetoPlot;
import org.stemloop.optimize.SearchListener;
import org.stemloop.optimize.SearchResult;
import org.stemloop.optimize.SearchSettings;
import org.stemloop.optimize.SlidingWindows;
import org.stemloop.optimize.WindowedResult;
import org.stemloop.reward.CrystalMask;
import org.stemloop.reward.MaskMode;
import org.stemloop.reward.RewardContext;
import org.stemloop.reward.Rewards;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code analyze}: LoG* on one image, the Pareto front and the recommended atoms (DESIGN.md §3). */
@Command(name = "analyze",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
                "Finds atoms without labels (LoG*, Barakati et al. 2024): searches",
                "blob_log's min_sigma, max_sigma, threshold and overlap for the best",
                "trade-offs between QC (atom count vs. the lattice's expectation) and",
                "ER (atoms crowded too close); recommends the option nearest to a",
                "perfect score (QC = ER = 0). Writes to DIR:",
                "  pareto.json      the options (distinct readings of the frame, at most",
                "                   8, spanning the front, each labelled by what it",
                "                   means): parameters, rewards, atom count",
                "  detections.json  the recommended atoms [[row, col, sigma], ...] (px,",
                "                   rows and columns refined to sub-pixel), the crystal mask",
                "  overlay.png      those atoms circled on the frame, masked cells tinted blue",
                "  option-<id>.png  each other option against the recommended one:",
                "                   atoms added (green) and dropped (magenta), crowded",
                "                   pairs (orange), count by region vs the lattice",
                "  pareto.png       the front: QC across, ER up, recommended in red",
                "The lattice comes from --material and the pixel size (from the file",
                "or --pixel-size), or from the image's FFT with --lattice-from-fft.",
                "A stack (DM, SER, MRC, multi-page TIFF) or a folder of images is a",
                "series: each frame is analysed into DIR/<label>/ and DIR/summary.csv",
                "and DIR/summary.json list every frame's result (progress on stderr).",
                ""})
final class AnalyzeCommand implements Callable<Integer> {

    @Spec
    CommandSpec command;

    @Parameters(paramLabel = "IMAGE", description = "The frame: .npy, .tif, .png, .emd, .dm3/.dm4, .ser, .mrc; or a stack or folder (a series).")
    Path image;

    @Option(names = "--material", paramLabel = "graphene|srtio3",
            description = "Crystal: graphene (C-C 1.42 Å) or srtio3 ([001], Sr to Ti-O 2.76 Å).")
    String material;

    @Option(names = "--lattice-from-fft",
            description = "Estimate spacing and symmetry from the image's power spectrum instead (no pixel size needed).")
    boolean fromFft;

    @Option(names = "--pixel-size", paramLabel = "Å",
            description = "Pixel size in Å (default: the file's: EMD, DM3/DM4, SER, MRC, calibrated TIFF); needed with --material.")
    Double pixelSize;

    @Option(names = "--calibrate", paramLabel = "lattice|told", defaultValue = "lattice",
            description = {"With --material: lattice (the pixel size the material's lattice shows in the power "
                    + "spectrum, when it is within 10%% of the told one: a calibration error) or told (the pixel "
                    + "size exactly as given) (default ${DEFAULT-VALUE})."})
    String calibrate;

    @Option(names = "--window", paramLabel = "W",
            description = "Optimise on W x W px windows (stride 20%% of W); their choices and their median are "
                    + "scored on the whole frame and the best is recommended, or each window's choice is applied "
                    + "in its part of the frame: see --apply (default: off, whole frame).")
    Integer window;

    @Option(names = "--apply", paramLabel = "consensus|per-window", defaultValue = "consensus",
            description = {"With --window, the atoms written: consensus (the recommended option of the windows' "
                    + "choices and their median, one set for the whole frame) or per-window (each window's choice "
                    + "detects in the part of the frame nearest its centre; merged, each atom once) "
                    + "(default ${DEFAULT-VALUE})."})
    String apply;

    @Option(names = "--classes", paramLabel = "K|auto",
            description = {"Also classify the atoms (patch PCA, Gaussian mixture): K classes, or auto for 2-4 by "
                    + "BIC. Adds classes to detections.json and writes classes_scatter.png, classes_centroids.png, "
                    + "classes_dispersions.png (default: off)."})
    String classes;

    @Option(names = "--mask", paramLabel = "auto|none", defaultValue = "auto",
            description = {"auto: find the crystal from the image (local periodicity and brightness in windows) and "
                    + "leave vacuum, holes, contamination and amorphous patches out of the atoms and of the expected "
                    + "count; none: the whole frame is crystal (default ${DEFAULT-VALUE})."})
    String mask;

    @Option(names = "--refine", paramLabel = "gauss|com|none", defaultValue = "gauss",
            description = {"Sub-pixel positions: gauss (2-D Gaussian fit in a disc of half the bond, centre of mass "
                    + "where the fit fails), com (centre of mass), none (LoG maxima, whole pixels) "
                    + "(default ${DEFAULT-VALUE})."})
    String refine;

    @Option(names = "--contrast", paramLabel = "auto|bright|dark", defaultValue = "auto",
            description = {"Atoms bright (HAADF, ADF) or dark (ABF: the frame is inverted first); auto decides from "
                    + "the image (default ${DEFAULT-VALUE})."})
    String contrast;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1",
            description = "Seed of the genetic search: the same seed gives the same front (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--population", paramLabel = "N", defaultValue = "30",
            description = "Candidates per generation (default ${DEFAULT-VALUE}).")
    int population;

    @Option(names = "--generations", paramLabel = "G", defaultValue = "12",
            description = "Generations after the random start; more explores more (default ${DEFAULT-VALUE}).")
    int generations;

    @Option(names = "--quiet", description = "No progress lines on stderr.")
    boolean quiet;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Output folder (created if missing).")
    Path out;

    @Override
    public Integer call() throws Exception {
        if (ImageSeries.isSeries(image)) {
            CommandLine.ParseResult parsed = command.commandLine().getParseResult();
            return AnalyzeSeries.run(ImageSeries.open(image), parsed.originalArgs(),
                    parsed.matchedPositional(0).originalStringValues().get(0), out, pixelSize,
                    command.commandLine().getOut(), command.commandLine().getErr());
        }
        long start = System.nanoTime();
        System.setProperty("java.awt.headless", "true");
        Thread warmUp = new Thread(AnalyzeCommand::warmUpImaging, "analyze-png-warm-up");
        warmUp.setDaemon(true);
        warmUp.start();
        if (window != null && (window < 32 || window > 4096)) {
            throw new IllegalArgumentException("--window must be 32-4096 pixels: " + window);
        }
        if (!apply.equals("consensus") && !apply.equals("per-window")) {
            throw new IllegalArgumentException("--apply must be consensus or per-window: " + apply);
        }
        if (apply.equals("per-window") && window == null) {
            throw new IllegalArgumentException("--apply per-window needs --window W");
        }
        boolean perWindow = apply.equals("per-window");
        ClassSettings classSettings = classes == null ? null : ClassSettings.parse(classes, seed);
        SearchSettings settings = new SearchSettings(population, generations, seed);
        MaskMode maskMode;
        FramePreparation preparation; // contrast and pixel calibration: the agent's path too
        try {
            maskMode = MaskMode.parse(mask);
            preparation = FramePreparation.parse(contrast, calibrate);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--" + e.getMessage());
        }
        Refinement refinement = Refinement.parse(refine);
        Frame recorded = ImageReaders.read(image);
        FramePreparation.Contrasted shown = preparation.brightAtoms(recorded);
        Frame frame = shown.frame();
        long read = System.nanoTime();
        AnalysisLattice lattice = AnalysisLattice.resolve(frame, image, material, fromFft, pixelSize, preparation);
        CrystalMask crystal = CrystalAtoms.mask(maskMode, frame, lattice.periodPx());
        PrintWriter err = command.commandLine().getErr();
        SearchListener progress = quiet ? SearchListener.NONE : p -> {
            err.println("analyze: " + p);
            err.flush();
        };
        Files.createDirectories(out);
        SearchResult result;
        WindowedResult windows = null;
        List<Blob> atoms;
        if (window == null) {
            result = lattice.search(frame, crystal, settings, progress);
        } else {
            windows = SlidingWindows.run(frame, window, lattice::context, Rewards.paper(), settings, progress);
            result = windows.wholeFrame();
        }
        RewardContext frameContext = lattice.context(frame.height(), frame.width());
        OptionSelection choices = OptionSelection.of(result, frameContext.nearestNeighbourPx());
        atoms = perWindow ? windows.perWindow().atoms() : choices.recommended().atoms();
        // the one path of analyze and the agent: off-crystal detections dropped, the rest refined
        SubPixelRefiner.Refined refined = CrystalAtoms.keep(frame, atoms, crystal, frameContext.nearestNeighbourPx(),
                refinement).refined();
        atoms = refined.atoms();
        long searched = System.nanoTime();
        ParetoFront front = result.front();
        int recommended = choices.recommendedIndex();
        ObjectNode detections = perWindow
                ? AnalyzeJson.perWindowDetections(windows.perWindow(), front.rewardNames())
                : AnalyzeJson.detections(recommended, atoms);
        AnalyzeJson.addRealImage(detections, crystal, refinement, refined, shown.contrast(), shown.detected());
        AtomClasses atomClasses = null;
        if (classSettings != null) {
            atomClasses = AtomClasses.classify(frame, atoms, frameContext.nearestNeighbourPx(), classSettings);
            AnalyzeJson.addClasses(detections, atomClasses);
            ClassPictures.writeAll(atomClasses, out, "classes", "Atom classes: " + image.getFileName());
        }
        writeJson(out.resolve("detections.json"), detections);
        Overlay overlay = Overlay.of(recorded, 0.5, 99.5).zoom(frame.width() < 256 ? 2 : 1);
        AnalyzeJson.shadeMasked(overlay, crystal);
        for (Blob b : atoms) {
            overlay.circle(b.row(), b.col(), Math.max(1.5, b.radius()), new Color(255, 60, 60));
        }
        overlay.write(out.resolve("overlay.png"));
        OptionFiles.write(frame, choices, frameContext, out);
        ParetoPlot.write(front, "LoG* Pareto front: " + image.getFileName(), out.resolve("pareto.png"));
        long written = System.nanoTime();
        ObjectNode pareto = AnalyzeJson.pareto(image, result, choices, lattice, settings, windows, window,
                frame.height(), frame.width());
        pareto.put("masked_fraction", crystal.maskedFraction());
        pareto.put("expected_atoms_on_crystal", frameContext.over(crystal).expectedCount());
        pareto.put("contrast", shown.contrast().word());
        ObjectNode timing = pareto.putObject("timing_ms");
        timing.put("read", ms(read - start));
        timing.put("stack", result.stackMs());
        timing.put("search", ms(searched - read));
        timing.put("write", ms(written - searched));
        timing.put("total", ms(System.nanoTime() - start));
        writeJson(out.resolve("pareto.json"), pareto);
        contrastNote = shown.contrast().word() + (shown.detected() ? " (auto)" : "");
        maskedFraction = crystal.maskedFraction();
        crystalMask = crystal;
        refineNote = "%s (%d fitted, %d centre of mass, %d unchanged)".formatted(refinement.word(), refined.fitted(),
                refined.centreOfMass(), refined.unchanged());
        summary(command.commandLine().getOut(), frame, lattice, result, choices, windows, atoms.size(),
                ms(searched - read));
        if (atomClasses != null) {
            command.commandLine().getOut().printf(Locale.ROOT, "classes: %d (BIC over k = %d..%d: %s), atoms per class %s%n",
                    atomClasses.classes(), classSettings.minClasses(), classSettings.maxClasses(),
                    java.util.Arrays.toString(java.util.Arrays.stream(atomClasses.bic()).map(Math::round).toArray()),
                    java.util.Arrays.toString(atomClasses.counts()));
            command.commandLine().getOut().flush();
        }
        if (perWindow) {
            double[] r = windows.perWindow().rewards();
            command.commandLine().getOut().printf(Locale.ROOT,
                    "written: per-window parameters, %d atoms (QC %.4f, ER %.4f on the whole frame)%n", atoms.size(),
                    r[0], r.length > 1 ? r[1] : 0);
            command.commandLine().getOut().flush();
        }
        return 0;
    }

    private String contrastNote = "";
    private double maskedFraction;
    private CrystalMask crystalMask;
    private String refineNote = "";

    private void summary(PrintWriter o, Frame frame, AnalysisLattice lattice, SearchResult r, OptionSelection choices,
            WindowedResult windows, int atoms, long searchMs) {
        ParetoFront front = r.front();
        RewardContext ctx = lattice.context(frame.height(), frame.width()).over(crystalMask);
        o.printf(Locale.ROOT, "%s: %d x %d px; %s%n", image.getFileName(), frame.height(), frame.width(), lattice.describe());
        o.printf(Locale.ROOT, "expected %.0f atoms, nearest neighbours %.2f px apart%n", ctx.expectedCount(),
                ctx.nearestNeighbourPx());
        o.printf(Locale.ROOT, "contrast %s; crystal mask: %.1f%% of the frame masked; positions refined: %s%n",
                contrastNote, 100 * maskedFraction, refineNote);
        o.printf(Locale.ROOT, "LoG* search (seed %d): %d candidates, %d LoG scales, %d ms%s%n", seed, r.evaluations(),
                r.layers(), searchMs, windows == null ? "" : ", " + windows.describe());
        o.printf(Locale.ROOT, "front: %d options, %d distinct reading%s (atoms matched within %.2f px)%s%n",
                front.size(), choices.options().size(), choices.options().size() == 1 ? "" : "s", choices.radius(),
                choices.unambiguous() ? ": the frame is unambiguous for these rewards" : "");
        o.printf(Locale.ROOT, "%4s %9s %9s %9s %7s %8s %8s %7s  %s%n", "id", "min_sigma", "max_sigma", "threshold",
                "overlap", "QC", "ER", "atoms", "meaning");
        for (int i = 0; i < choices.options().size(); i++) {
            Candidate c = choices.options().get(i).candidate();
            LogParams p = c.params();
            o.printf(Locale.ROOT, "%4d %9.3f %9.3f %9.4f %7.2f %8.4f %8.4f %7d  %s%s%n", i, p.minSigma(), p.maxSigma(),
                    p.threshold(), p.overlap(), c.reward(0), front.rewardNames().size() > 1 ? c.reward(1) : 0,
                    c.atomCount(), choices.options().get(i).label(),
                    i == choices.recommendedIndex() ? "  <- recommended" : "");
        }
        o.printf(Locale.ROOT, "hypervolume %.4f (reference QC = ER = 1); %d atoms written%n", front.hypervolume(), atoms);
        o.printf(Locale.ROOT, "wrote %s: pareto.json, detections.json, overlay.png, pareto.png%s%n", out,
                choices.unambiguous() ? "" : ", option-<id>.png");
        o.flush();
    }

    /** Loads Java2D, fonts and the PNG writer while the search runs: ~0.5 s of a cold start. */
    private static void warmUpImaging() {
        java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(8, 8, java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = img.createGraphics();
        g.setFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.PLAIN, 12));
        g.drawString("0", 0, 8);
        g.dispose();
        try {
            javax.imageio.ImageIO.write(img, "png", java.io.OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static long ms(long nanos) {
        return nanos / 1_000_000;
    }

    private static void writeJson(Path file, ObjectNode node) throws IOException {
        AnalyzeJson.JSON.writeValue(file.toFile(), node);
    }
}
