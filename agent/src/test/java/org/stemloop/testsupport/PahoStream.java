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
 * A microscope nobody here wrote: Eclipse Paho for Python ({@code /usr/bin/python3}, Debian's
 * {@code python3-paho-mqtt}) publishing one NPY frame {@code count} times at QoS 1 with frame ids
 * {@code PREFIX-00000...}, a persistent session and Paho's own reconnection
 * ({@code src/test/resources/mqtt/publish_stream.py}).
 */
public final class PahoStream implements AutoCloseable {

    private final Process process;
    private final Path log;

    private PahoStream(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /**
     * Starts publishing; fails under {@code CI=true}, skips elsewhere, when python3-paho-mqtt is missing.
     *
     * @param rate frames per second
     */
    public static PahoStream start(Mosquitto broker, Path dir, String topic, Path npy, String prefix, int count,
                                   double rate, double pixelSize, String material) throws IOException, InterruptedException {
        require();
        Path script = dir.resolve("publish_stream.py");
        try (InputStream in = PahoStream.class.getResourceAsStream("/mqtt/publish_stream.py")) {
            Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
        }
        Path log = dir.resolve("publisher-" + prefix + ".log");
        Process p = new ProcessBuilder(List.of("/usr/bin/python3", script.toString(), Integer.toString(broker.port()),
                topic, npy.toString(), prefix, Integer.toString(count), String.format(Locale.ROOT, "%.3f", rate),
                Double.toString(pixelSize), material)).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new PahoStream(p, log);
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
                + ".ci/run installs it): the frame stream from a Python paho client cannot run";
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
