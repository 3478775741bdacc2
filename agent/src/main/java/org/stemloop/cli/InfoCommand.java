package org.stemloop.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.stemloop.image.Frame;
import org.stemloop.image.ImageFormatException;
import org.stemloop.image.ImageReaders;
import org.stemloop.image.LoadedImage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code stemloop info IMAGE...}: what each image file holds as stemloop reads it, one line per file.
 * Checks that files open before a long run: every file gets its line (an unreadable one on
 * stderr), and the exit code is 2 when any could not be read.
 */
@Command(name = "info",
        description = {
                "Shows what stemloop reads from each image file.",
                "For each: shape (rows x columns), the stored type,",
                "the precision LoG works in, min/max/mean after scaling (integer images to 0..1 like",
                "scikit-image's img_as_float) and the pixel size in angstrom (\"unknown\" if the file has none).",
                "Formats: " + ImageReaders.SUPPORTED + "."})
final class InfoCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "IMAGE", description = "Image files to describe.")
    List<Path> images;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        // every file gets its line; one that cannot be read does not stop the others
        int failed = 0;
        for (Path file : images) {
            try {
                spec.commandLine().getOut().println(describe(file, ImageReaders.load(file)));
            } catch (ImageFormatException e) {
                spec.commandLine().getErr().println("stemloop info: " + e.getMessage());
                failed++;
            }
        }
        spec.commandLine().getOut().flush();
        spec.commandLine().getErr().flush();
        return failed == 0 ? 0 : Cli.BAD_INPUT;
    }

    static String describe(Path file, LoadedImage image) {
        Frame frame = image.frame();
        double[] range = frame.range();
        double sum = 0;
        for (double v : frame.pixels()) {
            sum += v;
        }
        String pixelSize = frame.pixelSizeAngstrom().isPresent()
                ? String.format(Locale.ROOT, "%.4g A", frame.pixelSizeAngstrom().getAsDouble()) : "unknown";
        return String.format(Locale.ROOT, "%s: %s, %dx%d, %s -> %s, min %.6g, max %.6g, mean %.6g, pixel size %s",
                file, image.format(), frame.height(), frame.width(), image.sourceType(),
                frame.precision().name().toLowerCase(Locale.ROOT), range[0], range[1], sum / frame.size(), pixelSize);
    }
}
