package org.stemloop.bench.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.stemloop.bench.HtmlReport;
import org.stemloop.bench.RealCatalogue;
import org.stemloop.bench.RealImagesBench;
import org.stemloop.bench.RealImagesReport;
import org.stemloop.cli.AtomListFile;
import org.stemloop.cli.Cli;
import org.stemloop.eval.Point;
import org.stemloop.image.Frame;
import org.stemloop.image.ImageFormatException;
import org.stemloop.image.ImageReaders;
import org.stemloop.optimize.SearchSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code stemloop bench real}: the shipped detectors on every real image, each against its reference (issues 7, 15). */
@Command(name = "real",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
                "Every image of a folder that holds atoms (.npy, .tif, .png, .emd, .dm3/.dm4, .ser,",
                ".mrc; test stacks and spectra left out), as analyze runs it: contrast detected, the",
                "crystal mask, LoG* with the material's lattice at the pixel size (where the image's",
                "material and projection are known) and with the lattice from the FFT, refined,",
                "and the shipped U-Net where one applies; F1 against IMAGE.atomnet.json where",
                "that lies beside it, else the count against the lattice's over the crystal.",
                "Writes DIR/real_images.csv, real_images.md, an overlay per image, the contact",
                "sheet real_images_sheet.png and DIR/report.html.",
                ""})
final class BenchRealCommand implements Callable<Integer> {

    /**
     * The real images beside the repository (DESIGN: never copied in): {@code shared/data/real} in
     * the nearest parent of the working folder that has one (a worktree two levels down finds it
     * too), else {@code ../shared/data/real}.
     */
    static final Path DEFAULT_FOLDER = findShared();

    private static Path findShared() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("shared").resolve("data").resolve("real");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        return Path.of("..", "shared", "data", "real");
    }

    @Spec
    CommandSpec command;

    @Option(names = "--images", paramLabel = "DIR", description = "Folder of images (default: shared/data/real in the nearest parent folder).")
    Path images = DEFAULT_FOLDER;

    @Option(names = "--only", paramLabel = "GLOB", defaultValue = "*",
            description = "Only the files whose names match (default ${DEFAULT-VALUE}).")
    String only;

    @Option(names = "--crop", paramLabel = "PX", defaultValue = "0",
            description = "Analyse only the centre PX x PX of larger images; 0 = whole images (default ${DEFAULT-VALUE}).")
    int crop;

    @Option(names = "--quick", description = "The centre 512 x 512 of larger images.")
    boolean quick;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Output folder (created if missing).")
    Path out;

    @Override
    public Integer call() throws Exception {
        if (!Files.isDirectory(images)) {
            throw new Cli.InputException("no image folder at " + images + ": give --images DIR");
        }
        HtmlReport html = new HtmlReport("stemloop: real images");
        run(images, only, quick && crop == 0 ? 512 : crop, html, out, command.commandLine().getErr());
        html.write(out, "report.html");
        command.commandLine().getOut().println("wrote " + out.resolve("report.html") + " and " + out.resolve("real_images.md"));
        return 0;
    }

    static List<RealImagesBench.Analysed> run(Path folder, String onlyGlob, int crop, HtmlReport html, Path out, PrintWriter err)
            throws IOException {
        Files.createDirectories(out);
        PathMatcher only = FileSystems.getDefault().getPathMatcher("glob:" + onlyGlob);
        List<Path> files = imageFiles(folder).stream().filter(p -> only.matches(p.getFileName())).toList();
        List<RealImagesBench.Analysed> done = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        String before = BenchRefineCommand.loadAverage();
        for (int i = 0; i < files.size(); i++) {
            Path file = files.get(i);
            String name = file.getFileName().toString();
            String stem = name.substring(0, name.lastIndexOf('.'));
            String tag = String.format(Locale.ROOT, "[real %d/%d] %s", i + 1, files.size(), stem);
            Frame frame;
            try {
                frame = ImageReaders.read(file);
            } catch (ImageFormatException | IllegalArgumentException e) {
                skipped.add(name + ": " + e.getMessage());
                err.println(tag + ": skipped, " + e.getMessage());
                err.flush();
                continue;
            }
            if (crop > 0) {
                frame = RealImagesBench.centre(frame, crop);
            }
            Path ref = folder.resolve(stem + ".atomnet.json");
            Optional<List<Point>> reference = Files.isRegularFile(ref) && crop == 0
                    ? Optional.of(AtomListFile.read(ref, "reference")) : Optional.empty();
            RealCatalogue.Entry entry = RealCatalogue.of(name).orElseThrow();
            RealImagesBench.Image im = new RealImagesBench.Image(stem, name.substring(name.lastIndexOf('.') + 1), frame, entry,
                    reference);
            err.printf(Locale.ROOT, "%s: %d x %d, %s%n", tag, frame.height(), frame.width(), entry.note());
            err.flush();
            done.add(RealImagesBench.run(im, SearchSettings.DEFAULT, out, r -> {
                err.printf(Locale.ROOT, "%s %s: %s%n", tag, r.method(), r.ran() ? String.format(Locale.ROOT,
                        "%d atoms, lattice expects %.0f over the crystal (%.0f%% masked)%s, %.1f s", r.found(), r.expected(),
                        100 * r.maskedFraction(), Double.isNaN(r.referenceF1()) ? ""
                                : String.format(Locale.ROOT, ", F1 %.3f vs AtomNet", r.referenceF1()), r.ms() / 1000)
                        : "not run, " + r.error());
                err.flush();
            }));
        }
        skipped.forEach(s -> err.println("[real] skipped " + s));
        RealImagesReport.addTo(html, done, skipped, out, (crop > 0
                ? "Images larger than %d px were cropped to their centre %d x %d (AtomNet comparison off).".formatted(crop, crop, crop)
                : "Whole images.") + " Load average before " + before + ", after " + BenchRefineCommand.loadAverage()
                + " (times under load are upper bounds). " + Finders.machine());
        return done;
    }

    /** The files that may hold atoms, by name (the catalogue leaves out test stacks, spectra and metadata). */
    private static List<Path> imageFiles(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(Files::isRegularFile).filter(p -> RealCatalogue.of(p.getFileName().toString()).isPresent()).sorted()
                    .toList();
        }
    }
}
