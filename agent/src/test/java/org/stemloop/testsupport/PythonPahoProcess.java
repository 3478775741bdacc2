package org.stemloop.testsupport;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A Python script of {@code src/test/resources/mqtt/} run with Eclipse Paho for Python ({@code /usr/bin/python3},
 * Debian's python3-paho-mqtt): a client nobody here wrote. The script's exit status says whether the broker
 * acknowledged everything it published; what it printed goes to a log for failure messages.
 */
abstract class PythonPahoProcess implements AutoCloseable {

    private final Process process;
    private final Path log;

    PythonPahoProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /**
     * Copies {@code /mqtt/SCRIPT} into {@code dir} and starts it with {@code args}, its output to {@code log};
     * fails under {@code CI=true}, skips elsewhere, when python3-paho-mqtt is missing ({@code purpose} says what
     * cannot run then).
     */
    static Process start(String script, Path dir, List<String> args, Path log, String purpose)
            throws IOException, InterruptedException {
        requirePaho(purpose);
        Path copy = dir.resolve(script);
        try (InputStream in = PythonPahoProcess.class.getResourceAsStream("/mqtt/" + script)) {
            Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
        }
        List<String> command = new ArrayList<>(List.of("/usr/bin/python3", copy.toString()));
        command.addAll(args);
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static void requirePaho(String purpose) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("/usr/bin/python3", "-c", "import paho.mqtt.client").redirectErrorStream(true)
                .start();
        if (p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0) {
            return;
        }
        String why = "python3-paho-mqtt is not importable from /usr/bin/python3 (Debian package python3-paho-mqtt; "
                + ".ci/run installs it): " + purpose + " cannot run";
        if ("true".equals(System.getenv("CI"))) {
            fail(why);
        }
        Assumptions.abort(why);
    }

    /** Whether the script is still running. */
    boolean alive() {
        return process.isAlive();
    }

    /** Waits for the publisher to end; whether the broker acknowledged every frame. */
    public boolean awaitAllAcknowledged(long seconds) throws InterruptedException {
        return process.waitFor(seconds, TimeUnit.SECONDS) && process.exitValue() == 0;
    }

    /** What the publisher printed, for failure messages. */
    public String output() throws IOException {
        return Files.readString(log);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly().waitFor();
        }
    }
}
