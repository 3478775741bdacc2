package org.stemloop.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The microscope of issue 14: Eclipse Paho for Python ({@code /usr/bin/python3}, Debian's python3-paho-mqtt),
 * MQTT 5 with a persistent session, publishing frames {@code PREFIX-00000...} at QoS 1 and waiting for each
 * PUBACK before the next ({@code src/test/resources/mqtt/chaos_publish.py}). Every frame the broker
 * acknowledged is written to a file as it is acknowledged: what the agent owes the microscope.
 */
public final class ChaosPublisher extends PythonPahoProcess {

    private final Path acked;

    private ChaosPublisher(Process process, Path log, Path acked) {
        super(process, log);
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
        Path log = dir.resolve("chaos-" + prefix + ".log");
        Path acked = dir.resolve("acked-" + prefix + ".txt");
        Files.deleteIfExists(acked);
        Process p = start("chaos_publish.py", dir, List.of(Integer.toString(broker.port()), topic, npy.toString(),
                prefix, Integer.toString(count), String.format(Locale.ROOT, "%.3f", rate), Double.toString(pixelSize),
                material, acked.toString()), log, "the chaos suite's microscope");
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
        while (acknowledged().size() < n && alive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }
}
