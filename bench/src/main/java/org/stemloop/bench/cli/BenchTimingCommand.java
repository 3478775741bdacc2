package org.stemloop.bench.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.stemloop.bench.HtmlReport;
import org.stemloop.bench.TimingBench;
import org.stemloop.bench.TimingReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code stemloop bench timing}: the paper's timing table, measured here (issue 7). */
@Command(name = "timing",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
                "Times LoG* optimisation (the whole Pareto front), one LoG detection with the",
                "recommended parameters, and the U-Net where present, on simulated graphene of",
                "each size, beside the paper's figures. Writes DIR/timing.csv, timing.md and",
                "DIR/report.html.",
                ""})
final class BenchTimingCommand implements Callable<Integer> {

    @Spec
    CommandSpec command;

    @Option(names = "--sizes", paramLabel = "N,N", split = ",", defaultValue = "128,256,512",
            description = "Frame sizes in pixels (default ${DEFAULT-VALUE}).")
    int[] sizes;

    @Option(names = "--runs", paramLabel = "R", description = "Timed runs per step after a warm-up (default 5; --quick: 2).")
    Integer runs;

    @Option(names = "--quick", description = "Two timed runs per step.")
    boolean quick;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Output folder (created if missing).")
    Path out;

    @Override
    public Integer call() throws Exception {
        HtmlReport html = new HtmlReport("stemloop: the paper's benchmarks");
        run(sizes, runs != null ? runs : quick ? 2 : 5, html, out, command.commandLine().getErr());
        html.write(out, "report.html");
        command.commandLine().getOut().println("wrote " + out.resolve("report.html"));
        return 0;
    }

    static List<TimingBench.Row> run(int[] sizes, int runs, HtmlReport html, Path out, PrintWriter err) throws Exception {
        List<TimingBench.Row> rows = TimingBench.run(sizes, runs, Finders.extra(), r -> {
            err.printf(Locale.ROOT, "[timing] %d x %d %s: median %.1f ms%n", r.size(), r.size(), r.step(),
                    r.timing().medianMs());
            err.flush();
        });
        TimingReport.addTo(html, rows, out, Finders.machine());
        return rows;
    }
}
