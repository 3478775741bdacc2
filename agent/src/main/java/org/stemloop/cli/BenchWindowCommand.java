package org.stemloop.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import org.stemloop.optimize.SearchListener;
import org.stemloop.optimize.SearchSettings;
import org.stemloop.optimize.WindowBenchmark;
import org.stemloop.sim.Material;
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
                "Writes DIR/window_bench.csv; prints one CSV row per method and frame.",
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
        PrintWriter o = command.commandLine().getOut();
        PrintWriter err = command.commandLine().getErr();
        List<String> lines = new ArrayList<>(List.of(WindowBenchmark.Row.CSV_HEADER));
        o.println(WindowBenchmark.Row.CSV_HEADER);
        o.flush();
        SearchListener progress = p -> {
            if (p.generation() == p.generations()) {
                err.print(".");
                err.flush();
            }
        };
        WindowBenchmark.run(quick ? new int[] {256} : sizes, materials, quick ? new double[] {0.2} : noises,
                quick ? 1 : frames, quick ? 128 : window, SearchSettings.DEFAULT, progress, row -> {
                    err.println();
                    o.println(row.csv());
                    o.flush();
                    lines.add(row.csv());
                });
        Files.write(out.resolve("window_bench.csv"), lines);
        return 0;
    }
}
