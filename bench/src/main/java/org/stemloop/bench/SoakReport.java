package org.stemloop.bench;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * What a soak run leaves in its folder: {@code soak.csv} (one {@link SoakSample} per line), {@code soak.md}
 * (the setup, whole-run latency, and memory at the start and at the end) and {@code soak.png} (memory and
 * latency over time).
 *
 * <p>"Flat" is judged on the first and last quarter of the samples: the means of heap-after-GC and of RSS
 * in each, so the saw-tooth of the collector and the JIT's warm-up do not decide it.
 */
public final class SoakReport {

    private SoakReport() {
    }

    /**
     * Writes the three files into {@code dir}.
     *
     * @param samples the samples in time order (at least one)
     * @param overall the latency of every frame answered in the run, or {@code null} when none was
     * @param setup   one line: what ran, at which rate, on how many cores
     * @return the summary of {@code soak.md}, for the console
     */
    public static String write(List<SoakSample> samples, LatencyStats overall, String setup, Path dir)
            throws IOException {
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("A soak report needs at least one sample");
        }
        List<String> csv = new ArrayList<>();
        csv.add(SoakSample.CSV_HEADER);
        samples.forEach(s -> csv.add(s.csv()));
        Files.write(dir.resolve("soak.csv"), csv);
        String summary = summary(samples, overall);
        Files.writeString(dir.resolve("soak.md"), "# Soak run\n\n" + setup + "\n\n" + summary + "\n");
        chart(samples, setup, dir.resolve("soak.png"));
        return summary;
    }

    static String summary(List<SoakSample> samples, LatencyStats overall) {
        SoakSample last = samples.get(samples.size() - 1);
        String latency = overall == null ? "No frame was answered."
                : String.format(Locale.ROOT, "| frames answered | not answered at the end | p50 ms | p90 ms | p99 ms | "
                        + "max ms |%n|---|---|---|---|---|---|%n| %d | %d | %.1f | %.1f | %.1f | %.1f |",
                        last.answered(), last.backlog(), overall.p50Ms(), overall.p90Ms(), overall.p99Ms(),
                        overall.maxMs());
        return latency + "\n\n" + String.join("\n",
                "| memory (MiB) | first quarter | last quarter | change |", "|---|---|---|---|",
                row("heap after GC", samples, s -> s.memory().heapAfterGcMb()),
                row("resident set (RSS)", samples, s -> s.memory().rssMb()),
                row("heap in use (saw-tooth)", samples, s -> s.memory().heapUsedMb()),
                "", String.format(Locale.ROOT, "Machine load (1-minute average) during the run: %.1f to %.1f.",
                        samples.stream().mapToDouble(SoakSample::load).min().orElse(Double.NaN),
                        samples.stream().mapToDouble(SoakSample::load).max().orElse(Double.NaN)));
    }

    private static String row(String name, List<SoakSample> samples, ToDoubleFunction<SoakSample> value) {
        int quarter = Math.max(1, samples.size() / 4);
        // NaN: no collection yet (heap after GC) or no /proc (RSS)
        double first = samples.subList(0, quarter).stream().mapToDouble(value).filter(v -> !Double.isNaN(v)).average()
                .orElse(Double.NaN);
        double last = samples.subList(samples.size() - quarter, samples.size()).stream().mapToDouble(value)
                .filter(v -> !Double.isNaN(v)).average().orElse(Double.NaN);
        return String.format(Locale.ROOT, "| %s | %.0f | %.0f | %+.1f %% |", name, first, last,
                100 * (last - first) / first);
    }

    private static void chart(List<SoakSample> samples, String setup, Path file) throws IOException {
        double[] minutes = samples.stream().mapToDouble(s -> s.seconds() / 60).toArray();
        List<SoakSample> timed = samples.stream().filter(s -> s.latency() != null).toList();
        double[] timedMinutes = timed.stream().mapToDouble(s -> s.seconds() / 60).toArray();
        LineChart.Panel memory = new LineChart.Panel("Memory", "MiB", List.of(
                series("RSS", Color.BLACK, false, minutes, samples, s -> s.memory().rssMb()),
                series("heap in use", new Color(0x1f77b4), true, minutes, samples, s -> s.memory().heapUsedMb()),
                series("heap after GC", new Color(0x2ca02c), false, minutes, samples,
                        s -> s.memory().heapAfterGcMb())));
        LineChart.Panel latency = new LineChart.Panel("Latency: p50 blue, p99 red", "ms", List.of(
                series("p50", new Color(0x1f77b4), false, timedMinutes, timed, s -> s.latency().p50Ms()),
                series("p99", new Color(0xd62728), false, timedMinutes, timed, s -> s.latency().p99Ms())));
        LineChart.Panel backlog = new LineChart.Panel("Backlog", "frames", List.of(
                series("sent - answered", new Color(0x9467bd), false, minutes, samples, s -> s.backlog())));
        LineChart.write("stemloop soak: " + setup.split(",")[0], "minutes", List.of(memory, latency, backlog), file);
    }

    /** The points of {@code y} over {@code x}, leaving out the samples where {@code y} is NaN. */
    private static LineChart.Series series(String name, Color color, boolean dashed, double[] x, List<SoakSample> s,
                                           ToDoubleFunction<SoakSample> y) {
        double[] ys = s.stream().mapToDouble(y).toArray();
        int[] keep = java.util.stream.IntStream.range(0, ys.length).filter(i -> !Double.isNaN(ys[i])).toArray();
        return new LineChart.Series(name, color, dashed, java.util.Arrays.stream(keep).mapToDouble(i -> x[i]).toArray(),
                java.util.Arrays.stream(keep).mapToDouble(i -> ys[i]).toArray());
    }
}
