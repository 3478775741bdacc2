package org.stemloop.testsupport;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * A microscope nobody here wrote: Eclipse Paho for Python ({@code /usr/bin/python3}, Debian's
 * {@code python3-paho-mqtt}) publishing one NPY frame {@code count} times at QoS 1 with frame ids
 * {@code PREFIX-00000...}, a persistent session and Paho's own reconnection
 * ({@code src/test/resources/mqtt/publish_stream.py}).
 */
public final class PahoStream extends PythonPahoProcess {

    private PahoStream(Process process, Path log) {
        super(process, log);
    }

    /**
     * Starts publishing; fails under {@code CI=true}, skips elsewhere, when python3-paho-mqtt is missing.
     *
     * @param rate frames per second
     */
    public static PahoStream start(Mosquitto broker, Path dir, String topic, Path npy, String prefix, int count,
                                   double rate, double pixelSize, String material) throws IOException, InterruptedException {
        Path log = dir.resolve("publisher-" + prefix + ".log");
        Process p = start("publish_stream.py", dir, List.of(Integer.toString(broker.port()), topic, npy.toString(),
                prefix, Integer.toString(count), String.format(Locale.ROOT, "%.3f", rate), Double.toString(pixelSize),
                material), log, "the frame stream from a Python paho client");
        return new PahoStream(p, log);
    }
}
