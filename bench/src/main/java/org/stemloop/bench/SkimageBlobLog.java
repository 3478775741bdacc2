package org.stemloop.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.stemloop.detect.Blob;
import org.stemloop.detect.LogParams;

/**
 * scikit-image's {@code blob_log}, run and timed by the committed script
 * {@code bench/skimage_blob_log.py} (packaged in the jar, extracted to a temporary folder for each
 * call) in a separate Python process: the reference that the Java detector is measured against.
 *
 * <p>The Python interpreter must import scikit-image; Debian's {@code python3-skimage} (0.19.3) is
 * importable only from {@code /usr/bin/python3}. When the interpreter is missing or cannot import
 * it, {@link #run} throws {@link Unavailable}; any other failure (a crash, a timeout, unreadable
 * output) is an {@link IOException}. The script's stderr is copied line by line to {@code log}.
 *
 * <p>Cost: a process start and the scikit-image import (about 0.5-1 s) per call, plus the cases.
 */
public final class SkimageBlobLog {

    /** The script inside the jar. */
    public static final String SCRIPT = "/bench/skimage_blob_log.py";
    /** The script's exit code when scikit-image cannot be imported. */
    static final int NOT_IMPORTABLE = 3;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path python;
    private final Duration timeout;
    private final PrintStream log;

    /**
     * @param python  the interpreter, e.g. {@code /usr/bin/python3}
     * @param timeout longest one call may take; the process is killed after it
     * @param log     where the script's stderr goes, prefixed with "  skimage: "
     */
    public SkimageBlobLog(Path python, Duration timeout, PrintStream log) {
        this.python = Objects.requireNonNull(python, "python");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.log = Objects.requireNonNull(log, "log");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("Timeout must be positive: " + timeout);
        }
    }

    /**
     * Runs every job in one Python process; timed jobs warm up once and run {@code repeat} times.
     *
     * @return the results in the order of {@code jobs}
     * @throws Unavailable when the interpreter is missing or cannot import scikit-image
     * @throws IOException when the script fails otherwise, times out or writes unreadable output
     */
    public SkimageResult run(List<Job> jobs, int repeat) throws IOException, Unavailable, InterruptedException {
        if (repeat < 1) {
            throw new IllegalArgumentException("repeat must be at least 1: " + repeat);
        }
        if (!Files.isExecutable(python)) {
            throw new Unavailable("no Python interpreter at " + python);
        }
        Path dir = Files.createTempDirectory("stemloop-skimage");
        try {
            Path script = dir.resolve("skimage_blob_log.py");
            try (InputStream in = SkimageBlobLog.class.getResourceAsStream(SCRIPT)) {
                if (in == null) {
                    throw new IOException("resource " + SCRIPT + " missing from the jar");
                }
                Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
            }
            Path job = dir.resolve("job.json");
            Path result = dir.resolve("result.json");
            JSON.writeValue(job.toFile(), jobJson(jobs, repeat));
            execute(script, job, result);
            return parse(JSON.readTree(result.toFile()), jobs);
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private void execute(Path script, Path job, Path result) throws IOException, Unavailable, InterruptedException {
        Process process = new ProcessBuilder(python.toString(), script.toString(), job.toString(), result.toString())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        List<String> lastLines = new ArrayList<>();
        Thread pump = new Thread(() -> copyStderr(process, lastLines), "skimage-stderr");
        pump.setDaemon(true);
        pump.start();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor();
            throw new IOException("scikit-image script timed out after %d s (%s)".formatted(timeout.toSeconds(), python));
        }
        pump.join(5_000);
        int code = process.exitValue();
        String last;
        synchronized (lastLines) {
            last = lastLines.isEmpty() ? "no message" : lastLines.get(lastLines.size() - 1);
        }
        if (code == NOT_IMPORTABLE) {
            throw new Unavailable(last);
        }
        if (code != 0) {
            throw new IOException("scikit-image script failed with exit code %d: %s".formatted(code, last));
        }
    }

    private void copyStderr(Process process, List<String> lastLines) {
        try (BufferedReader err = new BufferedReader(
                new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = err.readLine()) != null; ) {
                log.println("  skimage: " + line);
                synchronized (lastLines) {
                    lastLines.add(line);
                }
            }
        } catch (IOException e) {
            log.println("  skimage: stderr unreadable: " + e.getMessage());
        }
    }

    private static ObjectNode jobJson(List<Job> jobs, int repeat) {
        ObjectNode root = JSON.createObjectNode();
        root.put("repeat", repeat);
        ArrayNode cases = root.putArray("cases");
        for (Job j : jobs) {
            ObjectNode c = cases.addObject();
            c.put("id", j.id());
            c.put("npy", j.npy().toAbsolutePath().toString());
            c.put("timed", j.timed());
            c.set("params", kwargs(j.params()));
        }
        return root;
    }

    /** {@code params} as blob_log's keyword arguments; NaN thresholds become {@code None}. */
    public static ObjectNode kwargs(LogParams params) {
        ObjectNode kw = JSON.createObjectNode();
        kw.put("min_sigma", params.minSigma());
        kw.put("max_sigma", params.maxSigma());
        kw.put("num_sigma", params.numSigma());
        if (params.hasThreshold()) {
            kw.put("threshold", params.threshold());
        } else {
            kw.putNull("threshold");
        }
        if (params.hasThresholdRel()) {
            kw.put("threshold_rel", params.thresholdRel());
        } else {
            kw.putNull("threshold_rel");
        }
        kw.put("overlap", params.overlap());
        kw.put("log_scale", params.logScale());
        kw.put("exclude_border", params.excludeBorder());
        return kw;
    }

    private static SkimageResult parse(JsonNode root, List<Job> jobs) throws IOException {
        JsonNode cases = root.path("cases");
        if (!cases.isArray() || cases.size() != jobs.size()) {
            throw new IOException("scikit-image script returned %d cases for %d jobs".formatted(cases.size(), jobs.size()));
        }
        List<SkimageResult.Case> out = new ArrayList<>();
        for (int i = 0; i < jobs.size(); i++) {
            JsonNode c = cases.get(i);
            if (!jobs.get(i).id().equals(c.path("id").asText())) {
                throw new IOException("scikit-image script answered case %s for job %s".formatted(c.path("id"), jobs.get(i).id()));
            }
            List<Blob> blobs = new ArrayList<>();
            for (JsonNode b : c.path("blobs")) {
                blobs.add(new Blob(b.get(0).doubleValue(), b.get(1).doubleValue(), b.get(2).doubleValue()));
            }
            double[] times = new double[c.path("times_ms").size()];
            for (int k = 0; k < times.length; k++) {
                times[k] = c.path("times_ms").get(k).doubleValue();
            }
            out.add(new SkimageResult.Case(jobs.get(i).id(), c.path("dtype").asText(), blobs, times));
        }
        return new SkimageResult(root.path("skimage").asText(), root.path("python").asText(), out);
    }

    /**
     * One blob_log call to make.
     *
     * @param id     names the case in the output
     * @param npy    the frame, as numpy reads it
     * @param params the detector parameters
     * @param timed  warm up and time {@code repeat} runs, or run once
     */
    public record Job(String id, Path npy, LogParams params, boolean timed) {
        public Job {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(npy, "npy");
            Objects.requireNonNull(params, "params");
        }
    }

    /** scikit-image cannot be run here: no interpreter, or it cannot import skimage. */
    public static final class Unavailable extends Exception {
        Unavailable(String message) {
            super(message);
        }
    }
}
