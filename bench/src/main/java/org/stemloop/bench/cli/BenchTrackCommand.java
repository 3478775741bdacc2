package org.stemloop.bench.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.stemloop.bench.TrackPicture;
import org.stemloop.reward.Material;
import org.stemloop.sim.Defects;
import org.stemloop.sim.Drift;
import org.stemloop.sim.EvolvingSample;
import org.stemloop.sim.SimulationSpec;
import org.stemloop.track.TwinSeriesRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code stemloop bench track}: tracking across frames on twin series with known motion (issue 20, deliverable 5). */
@Command(name = "track",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
                "Tracks digital-twin series of graphene with 2% Si dopants that hop (30% per frame),",
                "knock-ons and growing vacancies, drifting at a known constant velocity and as a",
                "random walk: the drift error (px) per frame and accumulated, and identity switches",
                "of atoms and dopants per 100 frames. Writes DIR/track.csv, DIR/track.md and a",
                "picture of the dopant tracks per series (DIR/track_<series>.png).",
                ""})
final class BenchTrackCommand implements Callable<Integer> {

    @Spec
    CommandSpec command;

    @Option(names = "--frames", paramLabel = "N", description = "Frames per series (default 100; --quick: 20).")
    Integer frames;

    @Option(names = "--size", paramLabel = "N", defaultValue = "256", description = "Frame side, px (default ${DEFAULT-VALUE}).")
    int size;

    @Option(names = "--noise", paramLabel = "L", defaultValue = "0.1", description = "Noise level (default ${DEFAULT-VALUE}).")
    double noise;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "11", description = "Seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--quick", description = "20 frames per series.")
    boolean quick;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Output folder (created if missing).")
    Path out;

    @Override
    public Integer call() throws Exception {
        int n = frames != null ? frames : quick ? 20 : 100;
        PrintWriter err = command.commandLine().getErr();
        Files.createDirectories(out);
        SimulationSpec spec = SimulationSpec.of(Material.GRAPHENE, size).withDefects(Defects.NONE.withDopants(0.02))
                .withNoiseLevel(noise).withSeed(seed);
        double reach = Math.max(40, 1.5 * n);
        List<Object[]> series = List.of(new Object[] {"constant", new Drift(0.7, -0.4, 0, reach)},
                new Object[] {"random-walk", new Drift(0.3, 0.2, 0.8, reach)});
        List<String> csv = new ArrayList<>(List.of("series,frames,size,noise,drift_err_mean_px,drift_err_max_px,"
                + "correlation_err_mean_px,correlation_err_max_px,accumulated_err_px,atom_switches,atom_switches_per_100_frames,"
                + "atoms_matched_per_frame,dopant_switches,dopant_switches_per_100_frames,dopants_matched,dopants_missed,"
                + "dopant_false,ms_per_frame"));
        List<String> md = new ArrayList<>(List.of("| series | frames | drift error mean / max (px) | correlation alone "
                + "mean / max | accumulated after last frame | atom id switches / 100 frames (per atom) | dopant id "
                + "switches / 100 frames | dopants matched / missed / false | ms per frame |", "|---|---|---|---|---|---|---|---|---|"));
        for (Object[] s : series) {
            String name = (String) s[0];
            long start = System.nanoTime();
            TwinSeriesRun.Result r = TwinSeriesRun.run(EvolvingSample.of(spec, new EvolvingSample.Rates(0.3, 0.5, 0.05),
                    (Drift) s[1]), n, f -> {
                        if (f.index() % 10 == 9 || f.index() == n - 1) {
                            err.printf(Locale.ROOT, "[track %s] frame %d/%d: drift error %.3f px, %d atoms, %d dopants%n",
                                    name, f.index() + 1, n, f.driftErrorPx(), f.atoms(), f.dopants());
                            err.flush();
                        }
                    });
            double ms = (System.nanoTime() - start) / 1e6 / n;
            double perFrame = r.atoms().matched() / (double) n;
            csv.add(String.format(Locale.ROOT, "%s,%d,%d,%.2f,%.4f,%.4f,%.4f,%.4f,%.4f,%d,%.2f,%.1f,%d,%.2f,%d,%d,%d,%.0f",
                    name, n, size, noise, r.meanStepError(), r.maxStepError(), r.meanCorrelationError(),
                    r.maxCorrelationError(), r.finalDriftError(), r.atoms().switches(), r.atoms().switchesPer100Frames(),
                    perFrame, r.dopants().switches(), r.dopants().switchesPer100Frames(), r.dopants().matched(),
                    r.dopants().missed(), r.dopants().falseSpots(), ms));
            md.add(String.format(Locale.ROOT, "| %s | %d | %.3f / %.3f | %.3f / %.3f | %.2f | %.1f (%.3f) | %.1f | %d / %d / %d | %.0f |",
                    name, n, r.meanStepError(), r.maxStepError(), r.meanCorrelationError(), r.maxCorrelationError(),
                    r.finalDriftError(), r.atoms().switchesPer100Frames(), r.atoms().switchesPer100Frames() / perFrame,
                    r.dopants().switchesPer100Frames(), r.dopants().matched(), r.dopants().missed(),
                    r.dopants().falseSpots(), ms));
            TrackPicture.write(size, r, "Dopant tracks, " + name + " drift, " + n + " frames",
                    out.resolve("track_" + name + ".png"));
        }
        Files.write(out.resolve("track.csv"), csv);
        Files.write(out.resolve("track.md"), md);
        md.forEach(command.commandLine().getOut()::println);
        command.commandLine().getOut().println("wrote " + out.resolve("track.csv"));
        return 0;
    }
}
