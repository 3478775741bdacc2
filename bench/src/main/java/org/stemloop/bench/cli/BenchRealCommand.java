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

/** {@code stemloop bench real}: LoG* on the real images, against the lattice and AtomNet (issue 7). */
@Command(name = "real",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
                "LoG* without labels on every image of a folder (.npy, .tif, .png, .emd): the",
                "lattice from each image's power spectrum, the recommended option, its count",
                "against the lattice's expectation, and its agreement with IMAGE.atomnet.json",
                "where that file lies beside the image. Writes DIR/real_images.csv, an overlay",
                "and a Pareto plot per image, and DIR/report.html.",
                ""})
final class BenchRealCommand implements Callable<Integer> {

    /** The real images beside the repository (DESIGN: never copied in). */
    static final Path DEFAULT_FOLDER = Path.of("..", "shared", "data", "real");

    @Spec
    CommandSpec command;

    @Option(names = "--images", paramLabel = "DIR", description = "Folder of images (default ../shared/data/real).")
    Path images = DEFAULT_FOLDER;

    @Option(names = "--invert", paramLabel = "GLOB", defaultValue = "*abf*",
            description = "File names whose atoms are dark (annular bright field): inverted first (default ${DEFAULT-VALUE}).")
    String invert;

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
        HtmlReport html = new HtmlReport("stemloop: the paper's benchmarks");
        run(images, invert, quick && crop == 0 ? 512 : crop, html, out, command.commandLine().getErr());
        html.write(out, "report.html");
        command.commandLine().getOut().println("wrote " + out.resolve("report.html"));
        return 0;
    }

    static List<RealImagesBench.Result> run(Path folder, String invertGlob, int crop, HtmlReport html, Path out,
            PrintWriter err) throws IOException {
        Files.createDirectories(out);
        PathMatcher dark = FileSystems.getDefault().getPathMatcher("glob:" + invertGlob.toLowerCase(Locale.ROOT));
        List<RealImagesBench.Image> list = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (Path file : imageFiles(folder)) {
            String name = file.getFileName().toString();
            String stem = name.substring(0, name.lastIndexOf('.'));
            Frame frame;
            try {
                frame = ImageReaders.read(file);
            } catch (ImageFormatException e) {
                skipped.add(e.getMessage());
                continue;
            }
            if (crop > 0) {
                frame = RealImagesBench.centre(frame, crop);
            }
            boolean inverted = dark.matches(Path.of(name.toLowerCase(Locale.ROOT)));
            if (inverted) {
                frame = RealImagesBench.inverted(frame);
            }
            Path ref = folder.resolve(stem + ".atomnet.json");
            Optional<List<Point>> reference = Files.isRegularFile(ref) && crop == 0
                    ? Optional.of(AtomListFile.read(ref, "reference")) : Optional.empty();
            list.add(new RealImagesBench.Image(stem, frame, inverted, reference));
        }
        List<RealImagesBench.Result> results = RealImagesBench.run(list, SearchSettings.DEFAULT, out, r -> {
            err.printf(Locale.ROOT, "[real] %s: %d atoms (lattice expects %.0f)%s, %.1f s%n", r.name(), r.found(),
                    r.expected(), Double.isNaN(r.referenceF1()) ? "" : String.format(Locale.ROOT, ", F1 %.3f vs AtomNet",
                            r.referenceF1()), r.ms() / 1000);
            err.flush();
        }, skipped::add);
        skipped.forEach(s -> err.println("[real] skipped " + s));
        RealImagesReport.addTo(html, results, skipped, out, crop > 0
                ? "Images larger than %d px were cropped to their centre %d x %d (AtomNet comparison off).".formatted(crop, crop, crop)
                : "Whole images.");
        return results;
    }

    private static List<Path> imageFiles(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(Files::isRegularFile).filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT)
                    .matches(".*\\.(npy|tif|tiff|png|emd)$")).sorted().toList();
        }
    }
}
