package org.stemloop.bench.cli;

import java.awt.Color;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.stemloop.bench.BarChart;
import org.stemloop.bench.BlobComparison;
import org.stemloop.bench.BlobsBench;
import org.stemloop.bench.BlobsReport;
import org.stemloop.bench.JavaLogTimer;
import org.stemloop.bench.SkimageBlobLog;
import org.stemloop.bench.SkimageResult;
import org.stemloop.bench.SpeedCase;
import org.stemloop.bench.SpeedResult;
import org.stemloop.bench.Timing;
import org.stemloop.bench.VerifyCase;
import org.stemloop.bench.VerifyResult;
import org.stemloop.bench.VerifySweep;
import org.stemloop.detect.Blob;
import org.stemloop.detect.LogBlobDetector;
import org.stemloop.image.Frame;
import org.stemloop.image.ImageReaders;
import org.stemloop.image.NpyWriter;
import org.stemloop.image.Overlay;
import org.stemloop.sim.SimulatedFrame;
import org.stemloop.sim.TrueAtom;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code stemloop bench blobs}: the LoG detector against scikit-image, speed and equality, side by side. */
@Command(name = "blobs",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
                "LoG blob detection against scikit-image's blob_log: speed and equality.",
                "",
                "Times both in the same run on realistic simulated graphene frames",
                "(512 x 512 holds ~1,800 atoms, noise 0.15), sigma 1-6 and 2-6 px,",
                "10 scales, threshold 0.1, overlap 0.5, and checks that both find exactly",
                "the same blobs. Then an equality sweep on random frames (odd sizes, both",
                "materials, noise 0-0.9, float32/64 and uint8/16) with random parameters.",
                "Writes to DIR: bench_blobs.csv, .json, .md, bench_blobs.png (bar chart),",
                "an overlay of the 512 x 512 detections, the frames as .npy (verify/: the",
                "sweep's). Exit code 1 when any blob differs (the differences are printed).",
                "Without scikit-image (--no-python, or Python cannot import skimage):",
                "Java numbers only, exit code 0."},
        footer = {"", "Example: stemloop bench blobs --quick --out /tmp/bench"})
final class BenchBlobsCommand implements Callable<Integer> {

    @Option(names = "--quick", description = "Sizes 256 and 512 only, 3 repeats, 10 sweep cases: well under a minute.")
    boolean quick;

    @Option(names = "--sizes", split = ",", paramLabel = "PX",
            description = "Frame sides in pixels, comma-separated (default 256,512,1024; --quick: 256,512).")
    List<Integer> sizes;

    @Option(names = "--repeat", paramLabel = "N",
            description = "Timed runs per case and implementation, after warm-up (default 10; --quick: 3).")
    Integer repeat;

    @Option(names = "--verify", paramLabel = "K",
            description = "Random cases in the equality sweep, 0 for none (default 40; --quick: 10).")
    Integer verify;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S",
            description = "Seed of the sweep's random frames and parameters (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--python", defaultValue = "/usr/bin/python3", paramLabel = "FILE",
            description = "Python interpreter that imports scikit-image (default ${DEFAULT-VALUE}).")
    Path python;

    @Option(names = "--no-python", description = "Skip scikit-image: Java timings only, no equality check.")
    boolean noPython;

    @Option(names = "--timeout", defaultValue = "900", paramLabel = "SECONDS",
            description = "Longest one scikit-image call may take, seconds (default ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder (created if missing).")
    Path out;

    private final PrintStream err = System.err;
    private SkimageBlobLog skimage;
    private String skimageVersion;
    private String skimageNote;

    @Override
    public Integer call() throws Exception {
        List<Integer> sideList = sizes != null ? sizes : quick ? List.of(256, 512) : List.of(256, 512, 1024);
        int runs = checked("--repeat", repeat != null ? repeat : quick ? 3 : 10, 1);
        int sweep = checked("--verify", verify != null ? verify : quick ? 10 : 40, 0);
        if (timeoutSeconds < 1) {
            throw new IllegalArgumentException("--timeout must be at least 1 second: " + timeoutSeconds);
        }
        List<SpeedCase> cases = SpeedCase.forSizes(sideList);
        Files.createDirectories(out);
        double loadBefore = load();
        if (noPython) {
            skimageNote = "--no-python given";
        } else {
            skimage = new SkimageBlobLog(python, Duration.ofSeconds(timeoutSeconds), err);
        }

        List<SpeedResult> speed = new ArrayList<>();
        List<Blob> overlayBlobs = null;
        SimulatedFrame overlayFrame = null;
        int overlaySize = sideList.contains(512) ? 512 : sideList.stream().mapToInt(i -> i).max().orElseThrow();
        for (int i = 0; i < cases.size(); i++) {
            SpeedCase c = cases.get(i);
            SimulatedFrame simulated = SpeedCase.frame(c.size());
            Path npy = out.resolve("frame_%d.npy".formatted(c.size()));
            NpyWriter.write(simulated.frame(), npy);
            Frame frame = ImageReaders.read(npy);
            JavaLogTimer.Measured java = JavaLogTimer.time(frame, c.params(), runs);
            SpeedResult result = SpeedResult.javaOnly(c, simulated.atoms().size(), java, JavaLogTimer.threads());
            SkimageResult.Case sk = runSkimage(List.of(new SkimageBlobLog.Job(c.id(), npy, c.params(), true)), runs);
            if (sk != null) {
                result = result.withSkimage(Timing.of(sk.timesMs()), BlobComparison.of(java.blobs(), sk.blobs()));
            }
            speed.add(result);
            err.println(progress(i + 1, cases.size(), result));
            if (c.size() == overlaySize && (overlayBlobs == null || c.label().equals("sigma 2-6"))) {
                overlayBlobs = java.blobs();
                overlayFrame = simulated;
            }
        }
        List<VerifyResult> verified = skimage == null ? List.of() : sweep(VerifySweep.cases(seed, sweep));

        BlobsBench bench = new BlobsBench(speed, verified, seed, skimageVersion, skimageVersion == null ? skimageNote : null,
                new BlobsBench.Machine(JavaLogTimer.threads(), Runtime.version().toString(),
                        System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
                        loadBefore, load()));
        BlobsReport.write(bench, out);
        BarChart.write(bench, out.resolve("bench_blobs.png"));
        overlay(overlayFrame, overlayBlobs, out.resolve("bench_blobs_overlay_%d.png".formatted(overlaySize)));
        if (!bench.hasSkimage()) {
            err.println("NOTE: scikit-image was not available (" + bench.skimageNote() + "): Java numbers only, no equality check.");
        }
        System.out.print(BlobsReport.summary(bench));
        err.println("wrote " + out.toAbsolutePath().normalize());
        return bench.hasSkimage() && !bench.allIdentical() ? 1 : 0;
    }

    private static int checked(String option, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException("%s must be at least %d: %d".formatted(option, min, value));
        }
        return value;
    }

    /** scikit-image's answer to one job, or null once it turned out to be unavailable. */
    private SkimageResult.Case runSkimage(List<SkimageBlobLog.Job> jobs, int runs) throws Exception {
        List<SkimageResult.Case> results = runSkimageAll(jobs, runs);
        return results == null ? null : results.get(0);
    }

    private List<SkimageResult.Case> runSkimageAll(List<SkimageBlobLog.Job> jobs, int runs) throws Exception {
        if (skimage == null) {
            return null;
        }
        try {
            SkimageResult result = skimage.run(jobs, runs);
            skimageVersion = result.skimageVersion();
            return result.cases();
        } catch (SkimageBlobLog.Unavailable e) {
            skimage = null;
            skimageNote = e.getMessage();
            err.println("NOTE: scikit-image not available: " + e.getMessage() + "; continuing with Java only");
            return null;
        }
    }

    private List<VerifyResult> sweep(List<VerifyCase> cases) throws Exception {
        if (cases.isEmpty()) {
            return List.of();
        }
        Path dir = Files.createDirectories(out.resolve("verify"));
        List<SkimageBlobLog.Job> jobs = new ArrayList<>();
        for (VerifyCase c : cases) {
            jobs.add(new SkimageBlobLog.Job(c.id(), c.write(dir), c.params(), false));
        }
        err.printf("equality sweep: %d unseen frames and parameter sets (seed %d), scikit-image first...%n", cases.size(), seed);
        List<SkimageResult.Case> sk = runSkimageAll(jobs, 1);
        if (sk == null) {
            return List.of();
        }
        List<VerifyResult> results = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            VerifyCase c = cases.get(i);
            List<Blob> java = LogBlobDetector.detect(ImageReaders.read(jobs.get(i).npy()), c.params());
            BlobComparison cmp = BlobComparison.of(java, sk.get(i).blobs());
            results.add(new VerifyResult(c, cmp));
            if (cmp.identical()) {
                err.printf("[verify %d/%d] %s %s%n", i + 1, cases.size(), c.id(), cmp.describe());
            } else {
                err.printf("[verify %d/%d] MISMATCH %s%n    %s%n    frame: %s%n", i + 1, cases.size(), c.describe(),
                        cmp.describe(), jobs.get(i).npy());
            }
        }
        long same = results.stream().filter(r -> r.comparison().identical()).count();
        err.printf("equality sweep: %d/%d identical%n", same, results.size());
        return results;
    }

    private static String progress(int i, int n, SpeedResult r) {
        String head = String.format(Locale.ROOT, "[%d/%d] %s %s: java %.1f ms median", i, n, r.speedCase().sizeText(),
                r.speedCase().label(), r.java().medianMs());
        if (r.skimage() == null) {
            return head + " (%d blobs)".formatted(r.javaBlobs());
        }
        return head + String.format(Locale.ROOT, ", skimage %.1f ms (%.1fx), %s", r.skimage().medianMs(),
                r.speedUp().orElseThrow(), r.equality().describe());
    }

    private static void overlay(SimulatedFrame frame, List<Blob> blobs, Path file) throws IOException {
        Overlay overlay = Overlay.of(frame.frame(), 0.5, 99.5).zoom(2);
        for (TrueAtom a : frame.atoms()) {
            overlay.cross(a.row(), a.col(), 1.5, new Color(0x30c030));
        }
        for (Blob b : blobs) {
            overlay.circle(b.row(), b.col(), b.radius(), Color.RED);
        }
        overlay.write(file);
    }

    private static double load() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
}
