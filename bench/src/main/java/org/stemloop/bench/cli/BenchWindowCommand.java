package org.stemloop.bench.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.stemloop.bench.HtmlReport;
import org.stemloop.bench.WindowFigures;
import org.stemloop.bench.optimize.WindowBenchmark;
import org.stemloop.optimize.SearchListener;
import org.stemloop.optimize.SearchSettings;
import org.stemloop.reward.Material;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code stemloop bench window}: whole-frame LoG* against sliding windows, consensus and per-window (issue 3). */
@Command(name = "window",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
                "Compares LoG* on the whole frame with sliding windows on simulated graphene",
                "and SrTiO3: the windows' consensus (one parameter set) and per-window",
                "parameters (each window's choice in the part of the frame nearest its",
                "centre). Time, rewards and F1 against the truth (one-to-one, radius d/3).",
                "The paper's Figure 3: per frame a heatmap of each parameter over the windows,",
                "their consistency and a TP map. Writes DIR/window_bench.csv, window_maps.csv,",
                "window_consistency.csv, window_*.png and report.html; prints one CSV row per",
                "method and frame.",
                ""})
final class BenchWindowCommand implements Callable<Integer> {

    @Spec
    CommandSpec command;

    @Option(names = "--sizes", paramLabel = "N,N", split = ",", defaultValue = "512",
            description = "Frame sizes in pixels (default ${DEFAULT-VALUE}).")
    int[] sizes;

    @Option(names = "--noise", paramLabel = "L,L", split = ",", defaultValue = "0.2,0.5",
            description = "Noise levels (default ${DEFAULT-VALUE}).")
    double[] noises;

    @Option(names = "--window", paramLabel = "W", defaultValue = "256",
            description = "Window side in pixels, stride 20%% of it (default ${DEFAULT-VALUE}).")
    int window;

    @Option(names = "--frames", paramLabel = "K", defaultValue = "1",
            description = "Frames (seeds) per size, material and noise (default ${DEFAULT-VALUE}).")
    int frames;

    @Option(names = "--quick", description = "Only 256 px graphene at noise 0.2 with 128 px windows.")
    boolean quick;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Output folder (created if missing).")
    Path out;

    @Override
    public Integer call() throws Exception {
        if (frames < 1 || window < 32) {
            throw new IllegalArgumentException("--frames must be at least 1 and --window at least 32: %d, %d"
                    .formatted(frames, window));
        }
        List<Material> materials = quick ? List.of(Material.GRAPHENE) : Arrays.asList(Material.values());
        Files.createDirectories(out);
        HtmlReport html = new HtmlReport("stemloop: sliding windows");
        run(new Settings(quick ? new int[] {256} : sizes, materials, quick ? new double[] {0.2} : noises,
                quick ? 1 : frames, quick ? 128 : window), html, out, command.commandLine().getOut(),
                command.commandLine().getErr());
        html.write(out, "report.html");
        return 0;
    }

    /** What to run: sizes, materials, noise levels, frames per case and the window side. */
    record Settings(int[] sizes, List<Material> materials, double[] noises, int frames, int window) {

        /**
         * What {@code bench report} runs: graphene and SrTiO3 at noise 0.2 on 512² with 256 px
         * windows (36 each); --quick: 192² with 128 px windows (9 each), to stay within a minute.
         */
        static Settings forReport(boolean quick) {
            return new Settings(new int[] {quick ? 192 : 512}, Arrays.asList(Material.values()), new double[] {0.2}, 1,
                    quick ? 128 : 256);
        }
    }

    /**
     * Runs the cases with progress on {@code err} and a CSV row per method on {@code o}; writes
     * {@code window_bench.csv}, {@code window_maps.csv}, {@code window_consistency.csv} and the
     * figures into {@code out}, and the section into {@code html}.
     */
    static List<WindowBenchmark.Case> run(Settings s, HtmlReport html, Path out, PrintWriter o, PrintWriter err)
            throws IOException {
        List<String> lines = new ArrayList<>(List.of(WindowBenchmark.Row.CSV_HEADER));
        o.println(WindowBenchmark.Row.CSV_HEADER);
        o.flush();
        int total = s.sizes().length * s.materials().size() * s.noises().length * s.frames();
        int[] done = {0};
        SearchListener progress = p -> {
            if (p.generation() == p.generations()) {
                err.print(".");
                err.flush();
            }
        };
        List<List<Path>> figures = new ArrayList<>();
        List<WindowBenchmark.Case> cases = WindowBenchmark.run(s.sizes(), s.materials(), s.noises(), s.frames(),
                s.window(), SearchSettings.DEFAULT, progress, c -> {
                    err.println();
                    err.printf(Locale.ROOT, "[window %d/%d] %s %d² noise %.2f: %d windows, per-window F1 %.3f%n",
                            ++done[0], total, c.material(), c.size(), c.noise(), c.map().windows().size(),
                            c.rows().get(2).f1());
                    err.flush();
                    c.rows().forEach(r -> {
                        o.println(r.csv());
                        lines.add(r.csv());
                    });
                    o.flush();
                    try {
                        figures.add(WindowFigures.write(c, out));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
        Files.write(out.resolve("window_bench.csv"), lines);
        WindowFigures.writeCsv(cases, out);
        WindowFigures.addTo(html, cases, figures);
        return cases;
    }
}
