package org.stemloop.testsupport;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The microscope of issue 14: Eclipse Paho for Python ({@code /usr/bin/python3}, Debian's python3-paho-mqtt),
 * MQTT 5 with a persistent session, publishing frames {@code PREFIX-00000...} at QoS 1 and waiting for each
 * PUBACK before the next ({@code src/test/resources/mqtt/chaos_publish.py}). Every frame the broker
 * acknowledged is written to a file as it is acknowledged: what the agent owes the microscope.
 */
public final class ChaosPublisher implements AutoCloseable {

    private final Process process;
    private final Path log;
    private final Path acked;

    private ChaosPublisher(Process process, Path log, Path acked) {
        this.process = process;
        this.log = log;
        this.acked = acked;
    }

    /**
     * Starts publishing; fails under {@code CI=true}, skips elsewhere, when python3-paho-mqtt is missing.
     *
     * @param rate frames per second
     */
    public static ChaosPublisher start(Mosquitto broker, Path dir, String topic, Path npy, String prefix, int count,
                                       double rate, double pixelSize, String material)
            throws IOException, InterruptedException {
        require();
        Path script = dir.resolve("chaos_publish.py");
        try (InputStream in = ChaosPublisher.class.getResourceAsStream("/mqtt/chaos_publish.py")) {
            Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
        }
        Path log = dir.resolve("chaos-" + prefix + ".log");
        Path acked = dir.resolve("acked-" + prefix + ".txt");
        Files.deleteIfExists(acked);
        Process p = new ProcessBuilder(List.of("/usr/bin/python3", script.toString(), Integer.toString(broker.port()),
                topic, npy.toString(), prefix, Integer.toString(count), String.format(Locale.ROOT, "%.3f", rate),
                Double.toString(pixelSize), material, acked.toString())).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        return new ChaosPublisher(p, log, acked);
    }

    /** The frame ids the broker acknowledged so far, in order. */
    public List<String> acknowledged() throws IOException {
        if (!Files.exists(acked)) {
            return List.of();
        }
        return Files.readAllLines(acked).stream().filter(l -> !l.isBlank()).toList();
    }

    /** Waits until the broker acknowledged {@code n} frames (or the publisher ended). */
    public void awaitAcknowledged(int n, long seconds) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (acknowledged().size() < n && process.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    /** Waits for the publisher to end; whether the broker acknowledged every frame. */
    public boolean awaitAllAcknowledged(long seconds) throws InterruptedException {
        return process.waitFor(seconds, TimeUnit.SECONDS) && process.exitValue() == 0;
    }

    /** What the publisher printed, for failure messages. */
    public String output() throws IOException {
        return Files.readString(log);
    }

    private static void require() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("/usr/bin/python3", "-c", "import paho.mqtt.client").redirectErrorStream(true)
                .start();
        if (p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0) {
            return;
        }
        String why = "python3-paho-mqtt is not importable from /usr/bin/python3 (Debian package python3-paho-mqtt; "
                + ".ci/run installs it): the chaos suite's microscope cannot run";
        if ("true".equals(System.getenv("CI"))) {
            fail(why);
        }
        Assumptions.abort(why);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly().waitFor();
        }
    }
}
