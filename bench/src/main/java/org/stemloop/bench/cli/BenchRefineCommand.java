package org.stemloop.bench.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.stemloop.bench.HtmlReport;
import org.stemloop.bench.RefineBench;
import org.stemloop.bench.RefineReport;
import org.stemloop.reward.Material;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code stemloop bench refine}: sub-pixel refinement's accuracy against the truth and its time (issue 15). */
@Command(name = "refine",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
                "Times the sub-pixel refinement (gauss, com) of LoG's atoms on simulated frames",
                "(~2,000 atoms per 512 x 512 frame) and scores each method's RMS error against the",
                "truth per species, beside the Cramer-Rao bound of one spot. Writes",
                "DIR/refine_accuracy.csv, refine_speed.csv, refine.md, refine_rms.png, report.html.",
                ""})
final class BenchRefineCommand implements Callable<Integer> {

    @Spec
    CommandSpec command;

    @Option(names = "--materials", paramLabel = "M,M", split = ",", defaultValue = "graphene,srtio3",
            description = "Materials (default ${DEFAULT-VALUE}).")
    List<String> materials;

    @Option(names = "--noise", paramLabel = "L,L", split = ",", defaultValue = "0,0.1,0.2,0.3",
            description = "Noise levels (default ${DEFAULT-VALUE}).")
    double[] noise;

    @Option(names = "--size", paramLabel = "PX", defaultValue = "512", description = "Frame side (default ${DEFAULT-VALUE}).")
    int size;

    @Option(names = "--frames", paramLabel = "N", description = "Frames per material and level (default 3; --quick: 1).")
    Integer frames;

    @Option(names = "--runs", paramLabel = "R", description = "Timed runs per frame and method (default 5; --quick: 2).")
    Integer runs;

    @Option(names = "--quick", description = "One frame per level, two timed runs.")
    boolean quick;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Output folder (created if missing).")
    Path out;

    @Override
    public Integer call() throws Exception {
        List<Material> ms = materials.stream().map(Material::parse).toList();
        RefineBench.Settings s = new RefineBench.Settings(ms, noise, size, frames != null ? frames : quick ? 1 : 3,
                runs != null ? runs : quick ? 2 : 5);
        HtmlReport html = new HtmlReport("stemloop: sub-pixel refinement");
        run(s, html, out, command.commandLine().getErr());
        html.write(out, "report.html");
        command.commandLine().getOut().println("wrote " + out.resolve("report.html"));
        return 0;
    }

    static RefineBench.Result run(RefineBench.Settings s, HtmlReport html, Path out, PrintWriter err) throws Exception {
        Files.createDirectories(out);
        String before = loadAverage();
        RefineBench.Result r = RefineBench.run(s, p -> {
            err.printf(Locale.ROOT, "[refine %d/%d] %s noise %.2f seed %d, %d atoms: RMS %s px; gauss %.1f ms%n", p.done(), p.total(),
                    p.material(), p.noise(), p.seed(), p.atoms(), Arrays.toString(p.rmsPx().entrySet().stream()
                            .map(e -> String.format(Locale.ROOT, "%s %.3f", e.getKey(), e.getValue())).toArray()), p.gaussMs());
            err.flush();
        });
        RefineReport.addTo(html, r, s, out, Finders.machine() + " Load average before " + before + ", after " + loadAverage()
                + " (timings under load are upper bounds; CPU ms is the work itself).");
        return r;
    }

    /** The 1-minute load average, or "unknown" off Linux. */
    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (Exception e) {
            return "unknown";
        }
    }
}
