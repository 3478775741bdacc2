package org.stemloop.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.stemloop.image.Frame;
import org.stemloop.image.ImageFile;
import org.stemloop.image.ImageFormatException;
import org.stemloop.image.ImageReaders;
import org.stemloop.image.PixelSize;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code stemloop info IMAGE... [--json]}: what each image file holds as stemloop reads it, one line
 * per file, or with {@code --json} one JSON list of objects. Checks that files open before a long
 * run: every file gets its entry (an unreadable one a line on stderr), and the exit code is 2 when
 * any could not be read.
 */
@Command(name = "info",
        mixinStandardHelpOptions = true,
        description = {
                "Shows what stemloop reads from each image file.",
                "For each: shape (frames x rows x columns for stacks), the stored type,",
                "the precision LoG works in, min/max/mean after scaling (integer images to 0..1 like",
                "scikit-image's img_as_float; of frame 0 for stacks), the mean of the stored values,",
                "the pixel size in angstrom per axis (\"unknown\" if the file has none) and metadata",
                "highlights (voltage, detector, date, title) where the file has them.",
                "Files that hold no image (spectra, spectrum images, 4-D data) are refused by name.",
                "Formats: " + ImageReaders.SUPPORTED + "."})
final class InfoCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Parameters(arity = "1..*", paramLabel = "IMAGE", description = "Image files to describe.")
    List<Path> images;

    @Option(names = "--json", description = {"Print one JSON list: {path, format, shape (frames first), dtype,",
            "pixel_size_angstrom [row, column] or null, mean (of the stored values), metadata}."})
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        // every file gets its entry; one that cannot be read does not stop the others
        int failed = 0;
        List<ImageFile> opened = new ArrayList<>();
        for (Path file : images) {
            try {
                ImageFile image = ImageReaders.open(file);
                opened.add(image);
                if (!json) {
                    spec.commandLine().getOut().println(describe(image));
                }
            } catch (ImageFormatException e) {
                spec.commandLine().getErr().println("stemloop info: " + e.getMessage());
                failed++;
            }
        }
        if (json) {
            spec.commandLine().getOut().println(JSON.writeValueAsString(toJson(opened)));
        }
        spec.commandLine().getOut().flush();
        spec.commandLine().getErr().flush();
        return failed == 0 ? 0 : Cli.BAD_INPUT;
    }

    static ArrayNode toJson(List<ImageFile> files) {
        ArrayNode list = JSON.createArrayNode();
        for (ImageFile image : files) {
            ObjectNode o = list.addObject();
            o.put("path", image.source());
            o.put("format", image.format());
            ArrayNode shape = o.putArray("shape");
            for (int d : image.shape()) {
                shape.add(d);
            }
            o.put("dtype", image.dtype());
            PixelSize p = image.pixelSize();
            if (Double.isNaN(p.row()) && Double.isNaN(p.column())) {
                o.putNull("pixel_size_angstrom");
            } else {
                ArrayNode size = o.putArray("pixel_size_angstrom");
                addOrNull(size, p.row());
                addOrNull(size, p.column());
            }
            o.put("mean", image.meanStored());
            ObjectNode metadata = o.putObject("metadata");
            image.highlights().forEach(metadata::put);
        }
        return list;
    }

    private static void addOrNull(ArrayNode array, double v) {
        if (Double.isNaN(v)) {
            array.addNull();
        } else {
            array.add(v);
        }
    }

    static String describe(ImageFile image) throws ImageFormatException {
        Frame frame = image.frame(0);
        double[] range = frame.range();
        double sum = 0;
        for (double v : frame.pixels()) {
            sum += v;
        }
        String shape = java.util.Arrays.stream(image.shape()).mapToObj(Integer::toString).collect(Collectors.joining("x"));
        String highlights = image.highlights().entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", "));
        return String.format(Locale.ROOT, "%s: %s, %s, %s -> %s, %smin %.6g, max %.6g, mean %.6g, pixel size %s%s",
                image.source(), image.format(), shape, image.dtype(), frame.precision().name().toLowerCase(Locale.ROOT),
                image.frames() > 1 ? "frame 0 of " + image.frames() + ": " : "", range[0], range[1], sum / frame.size(),
                pixelSize(image.pixelSize()), highlights.isEmpty() ? "" : "; " + highlights);
    }

    private static String pixelSize(PixelSize p) {
        if (Double.isNaN(p.row()) && Double.isNaN(p.column())) {
            return "unknown";
        }
        if (p.isSquare()) {
            return String.format(Locale.ROOT, "%.4g A", p.row());
        }
        return String.format(Locale.ROOT, "rows %s, columns %s (not square)", axis(p.row()), axis(p.column()));
    }

    private static String axis(double v) {
        return Double.isNaN(v) ? "unknown" : String.format(Locale.ROOT, "%.4g A", v);
    }
}
