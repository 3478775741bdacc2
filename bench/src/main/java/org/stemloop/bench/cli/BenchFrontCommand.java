package org.stemloop.bench.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import org.stemloop.bench.optimize.FrontBenchmark;
import org.stemloop.optimize.SearchSettings;
import org.stemloop.reward.Material;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code stemloop bench front}: LoG* search time and hypervolume against a dense grid (issue 3). */
@Command(name = "front",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
                "Times the LoG* Pareto-front search on simulated graphene and SrTiO3 frames and",
                "compares its hypervolume (reference QC = ER = 1) with a dense grid search over",
                "the same parameter space; F1 of the recommended option against the truth.",
                "Writes DIR/front_bench.csv; prints one CSV row per case as it finishes.",
                "--realistic: frames of the realistic simulator (HAADF presets) at --doses,",
                "the pixel size told 4% wrong, the crystal mask estimated (the noise column is the dose).",
                ""})
final class BenchFrontCommand implements Callable<Integer> {

    @Spec
    CommandSpec command;

    @Option(names = "--sizes", paramLabel = "N,N", split = ",", defaultValue = "128,256,512",
            description = "Frame sizes in pixels (default ${DEFAULT-VALUE}).")
    int[] sizes;

    @Option(names = "--noise", paramLabel = "L,L", split = ",", defaultValue = "0.2,0.5",
            description = "Noise levels (default ${DEFAULT-VALUE}).")
    double[] noises;

    @Option(names = "--realistic", description = "Realistic frames (HAADF presets) at --doses instead of --noise.")
    boolean realistic;

    @Option(names = "--doses", paramLabel = "D,D", split = ",", defaultValue = "50,1000",
            description = "With --realistic: doses in electrons per pixel (default ${DEFAULT-VALUE}).")
    double[] doses;

    @Option(names = "--grid", paramLabel = "A,B,T,O", defaultValue = "8,8,16,5",
            description = "Reference grid: values of min_sigma, max_sigma, threshold, overlap (default ${DEFAULT-VALUE}).")
    String grid;

    @Option(names = "--runs", paramLabel = "R", defaultValue = "3",
            description = "Timed runs per case after one warm-up; the best is kept (default ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--window", paramLabel = "W", defaultValue = "0",
            description = "Also run sliding windows of W px on frames larger than W; 0 = off (default ${DEFAULT-VALUE}).")
    int window;

    @Option(names = "--quick", description = "Only 256 px, graphene, noise 0.2, one timed run, grid 6,6,10,4.")
    boolean quick;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Output folder (created if missing).")
    Path out;

    @Override
    public Integer call() throws Exception {
        if (runs < 1) {
            throw new IllegalArgumentException("--runs must be at least 1: " + runs);
        }
        List<Material> materials = quick ? List.of(Material.GRAPHENE) : Arrays.asList(Material.values());
        int[] s = quick ? new int[] {256} : sizes;
        double[] n = realistic ? (quick ? new double[] {doses[0]} : doses) : quick ? new double[] {0.2} : noises;
        for (double level : n) {
            if (realistic && !(level > 0)) {
                throw new IllegalArgumentException("--doses must be positive electrons per pixel: " + level);
            }
        }
        int[] steps = FrontBenchmark.parseSteps(quick ? "6,6,10,4" : grid);
        Files.createDirectories(out);
        PrintWriter o = command.commandLine().getOut();
        String header = realistic ? FrontBenchmark.Row.CSV_HEADER.replace(",noise,", ",dose,") : FrontBenchmark.Row.CSV_HEADER;
        o.println(header);
        o.flush();
        List<String> lines = new ArrayList<>();
        lines.add(header);
        FrontBenchmark.run(realistic ? FrontBenchmark.Frames.REALISTIC : FrontBenchmark.Frames.IDEALISED, s, materials, n, SearchSettings.DEFAULT, steps, quick ? 1 : runs, window, row -> {
            o.println(row.csv());
            o.flush();
            lines.add(row.csv());
        });
        Files.write(out.resolve("front_bench.csv"), lines);
        return 0;
    }
}
