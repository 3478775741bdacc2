package org.stemloop.bench.cli;

import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.List;
import org.stemloop.bench.HtmlReport;
import org.stemloop.bench.RefineBench;
import org.stemloop.reward.Material;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code stemloop bench report}: the paper's benchmarks and the real images on one page (issue 7). */
@Command(name = "report",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
                "Runs the real images (first: the headline), the noise sweep, the timing table,",
                "the sliding windows (Figure 3), the atom classes (Figure 5) and the sub-pixel",
                "refinement, and writes them all",
                "to DIR/report.html with every table and figure beside it. --quick: minutes.",
                ""})
final class BenchReportCommand implements Callable<Integer> {

    @Spec
    CommandSpec command;

    @Option(names = "--quick", description = "Small frames, few repeats, images cropped to 512 x 512.")
    boolean quick;

    @Option(names = "--images", paramLabel = "DIR", description = "Folder of real images (default ../shared/data/real).")
    Path images = BenchRealCommand.DEFAULT_FOLDER;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Output folder (created if missing).")
    Path out;

    @Override
    public Integer call() throws Exception {
        Files.createDirectories(out);
        PrintWriter err = command.commandLine().getErr();
        HtmlReport html = new HtmlReport("stemloop: the paper's benchmarks");
        // Real images first: a microscopist judges the tool on frames like their own (issue 15).
        if (Files.isDirectory(images)) {
            BenchRealCommand.run(images, "*", quick ? 512 : 0, html, out, err);
        } else {
            html.section("Real images").paragraph("No image folder at " + images + ": this section is empty.");
            err.println("[real] no image folder at " + images + ": section left empty");
        }
        BenchNoiseCommand.run(BenchNoiseCommand.defaults(quick), html, out, err);
        BenchTimingCommand.run(new int[] {128, 256, 512}, quick ? 2 : 5, html, out, err);
        BenchWindowCommand.run(BenchWindowCommand.Settings.forReport(quick), html, out, new PrintWriter(Writer.nullWriter()),
                err);
        BenchClasses.run(quick, html, out, err);
        BenchRefineCommand.run(new RefineBench.Settings(List.of(Material.GRAPHENE, Material.SRTIO3), new double[] {0, 0.1, 0.2, 0.3},
                quick ? 256 : 512, quick ? 1 : 3, quick ? 2 : 5), html, out, err);
        Path page = html.write(out, "report.html");
        command.commandLine().getOut().println("wrote " + page);
        return 0;
    }
}
