package org.stemloop.bench.cli;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.stemloop.agent.AgentConfig;
import org.stemloop.agent.OptimiserSettings;
import org.stemloop.bench.LatencyStats;
import org.stemloop.bench.ProcessMemory;
import org.stemloop.bench.SoakReport;
import org.stemloop.bench.SoakSample;
import org.stemloop.cli.AgentLauncher;
import org.stemloop.cli.Cli;
import org.stemloop.mqtt.EmbeddedBroker;
import org.stemloop.mqtt.Topics;
import org.stemloop.reward.Material;
import org.stemloop.sim.SimulationSpec;
import org.stemloop.twin.DigitalTwin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code stemloop bench soak}: {@code bench latency}'s agent (embedded broker, H2 file, fixed LoG parameters)
 * fed by the digital twin at a set rate for minutes or hours, sampling memory and latency (issue 8, part 8).
 */
@Command(name = "soak",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
                "Runs the embedded broker, the agent and the digital twin in this process",
                "for --minutes at --rate frames/s and, every --interval seconds, samples",
                "the process's memory (heap in use, heap after the last GC, resident set)",
                "and the latency of the frames answered in the interval (from the frame on",
                "the broker to its detections, seen by a probe client). Progress on stderr.",
                "Writes DIR/soak.csv, soak.md and soak.png. Not a test: run it by hand",
                "(docs/operations.md).",
                ""})
final class BenchSoakCommand implements Callable<Integer> {

    @Spec
    CommandSpec command;

    @Option(names = "--minutes", paramLabel = "N", required = true,
            description = "How long the twin publishes, minutes (0.05 to 1440; fractions allowed).")
    double minutes;

    @Option(names = "--rate", paramLabel = "FPS", defaultValue = "2",
            description = "Frames per second the twin publishes, 0.1-100 (default ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--size", paramLabel = "S", defaultValue = "256",
            description = "Frame side in pixels (default ${DEFAULT-VALUE}).")
    int size;

    @Option(names = "--material", paramLabel = "graphene|srtio3", defaultValue = "graphene",
            description = "What the twin images (default ${DEFAULT-VALUE}).")
    String material;

    @Option(names = "--interval", paramLabel = "SECONDS", defaultValue = "10",
            description = "Seconds between samples, 1-3600 (default ${DEFAULT-VALUE}).")
    int interval;

    @Option(names = "--optimise",
            description = "Let LoG* optimise (first frame, drift, lattice change) instead of fixed parameters.")
    boolean optimise;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Output folder (created if missing).")
    Path out;

    @Override
    public Integer call() throws Exception {
        if (!(minutes >= 0.05 && minutes <= 1440)) {
            throw new Cli.InputException("--minutes must be in [0.05, 1440]: " + minutes);
        }
        if (!(rate >= 0.1 && rate <= 100)) {
            throw new Cli.InputException("--rate must be in [0.1, 100] frames/s: " + rate);
        }
        if (interval < 1 || interval > 3600) {
            throw new Cli.InputException("--interval must be 1-3600 seconds: " + interval);
        }
        if (size < 32 || size > 4096) {
            throw new Cli.InputException("--size must be 32-4096 pixels: " + size);
        }
        System.setProperty("java.awt.headless", "true");
        Material m = Material.parse(material);
        PrintWriter err = command.commandLine().getErr();
        Files.createDirectories(out);
        Path dbDir = Files.createTempDirectory("stemloop-soak-db");
        Topics topics = new Topics("soak-bench");
        List<SoakSample> samples = new ArrayList<>();
        double[] all;
        long dbBytes;
        try (EmbeddedBroker broker = EmbeddedBroker.start(0)) {
            AgentConfig config = BenchLatencyCommand.agentConfig(broker.url(), "stemloop-soak-agent", topics, dbDir, m,
                    optimise ? OptimiserSettings.DEFAULT : OptimiserSettings.OFF);
            try (AgentLauncher agent = AgentLauncher.start(config, 60);
                 LatencyProbe probe = LatencyProbe.start(broker.url(), "stemloop-soak-probe", topics)) {
                DigitalTwin twin = DigitalTwin.start(broker.url(), topics,
                        SimulationSpec.of(m, size).withNoiseLevel(0.1).withSeed(1), rate, 0);
                try {
                    sample(probe, twin, samples, err);
                } finally {
                    twin.close();
                }
                drain(probe, twin, samples, err);
                all = probe.all();
            }
            dbBytes = treeSize(dbDir);
        } finally {
            BenchLatencyCommand.deleteTree(dbDir);
        }
        SoakSample last = samples.get(samples.size() - 1);
        String setup = String.format(Locale.ROOT, "%.2f min of %d x %d %s at %.1f frames/s, %s, embedded HiveMQ + "
                        + "agent + digital twin in one JVM (max heap %.0f MiB), %d cores, sampled every %d s; H2 grew "
                        + "%.1f MiB for %d frames (%.1f kB/frame)", minutes, size, size, m.id(), rate,
                optimise ? "LoG* optimisation" : "fixed LoG parameters", Runtime.getRuntime().maxMemory() / 1048576.0,
                Runtime.getRuntime().availableProcessors(), interval, dbBytes / 1048576.0, last.answered(),
                last.answered() == 0 ? 0 : dbBytes / 1000.0 / last.answered());
        String summary = SoakReport.write(samples, all.length == 0 ? null : LatencyStats.of(all, 0, 0), setup, out);
        PrintWriter o = command.commandLine().getOut();
        o.println(setup);
        o.println(summary);
        o.printf("wrote %s: soak.csv, soak.md, soak.png%n", out);
        o.flush();
        return 0;
    }

    /** Samples every interval until the run's minutes are over. */
    private void sample(LatencyProbe probe, DigitalTwin twin, List<SoakSample> samples, PrintWriter err)
            throws InterruptedException {
        long start = System.nanoTime();
        long end = start + Math.round(minutes * 60e9);
        long next = start;
        while (true) {
            next = Math.min(next + TimeUnit.SECONDS.toNanos(interval), end);
            TimeUnit.NANOSECONDS.sleep(Math.max(0, next - System.nanoTime()));
            samples.add(take(probe, twin, (System.nanoTime() - start) / 1e9, err));
            if (next >= end) {
                return;
            }
        }
    }

    /** After the twin stopped: up to 30 s for the backlog, then one last sample. */
    private void drain(LatencyProbe probe, DigitalTwin twin, List<SoakSample> samples, PrintWriter err)
            throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (probe.answered() < probe.framesSeen() && System.nanoTime() < until) {
            TimeUnit.MILLISECONDS.sleep(50);
        }
        SoakSample last = samples.get(samples.size() - 1);
        samples.add(take(probe, twin, last.seconds() + (probe.answered() > last.answered() ? 1 : 0.1), err));
    }

    private static SoakSample take(LatencyProbe probe, DigitalTwin twin, double seconds, PrintWriter err) {
        double[] ms = probe.drainInterval();
        SoakSample s = new SoakSample(seconds, Math.max(twin.published(), probe.framesSeen()), probe.answered(),
                ProcessMemory.now(), ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                ms.length == 0 ? null : LatencyStats.of(ms, 0, 0));
        err.println(s.progress());
        err.flush();
        return s;
    }

    private static long treeSize(Path dir) throws java.io.IOException {
        try (var files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }
}
