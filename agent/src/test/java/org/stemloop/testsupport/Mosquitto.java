package org.stemloop.testsupport;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A private Mosquitto broker for one test class: its own process on a free loopback port with a
 * temporary configuration (anonymous, no persistence), never the system service.
 *
 * <p>The binary comes from Debian's {@code mosquitto} package, which {@code .ci/run} installs. Under
 * {@code CI=true} a missing binary fails the test naming what is missing; elsewhere the test is
 * skipped with that message.
 */
public final class Mosquitto implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path log;

    private Mosquitto(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts a broker configured in {@code dir}; waits until it accepts connections (5 s at most). */
    public static Mosquitto start(Path dir) throws IOException, InterruptedException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        return start(dir, port);
    }

    /**
     * Starts a broker on a given loopback port, e.g. again on the port of one that was closed (an outage and
     * its end, as clients see them); waits until it accepts connections (5 s at most).
     */
    public static Mosquitto start(Path dir, int port) throws IOException, InterruptedException {
        Path binary = require("mosquitto");
        Path conf = Files.writeString(dir.resolve("mosquitto.conf"), """
                listener %d 127.0.0.1
                allow_anonymous true
                persistence false
                """.formatted(port));
        Path log = dir.resolve("mosquitto.log");
        Process p = new ProcessBuilder(binary.toString(), "-c", conf.toString()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        Mosquitto broker = new Mosquitto(p, port, log);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                fail("mosquitto exited at start: " + Files.readString(log));
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
                return broker;
            } catch (IOException notYet) {
                Thread.sleep(20);
            }
        }
        broker.close();
        return fail("mosquitto did not listen on port " + port + " within 5 s: " + Files.readString(log));
    }

    /**
     * The path of a Mosquitto tool ({@code mosquitto}, {@code mosquitto_pub}); fails under CI, skips
     * elsewhere, when it is not installed.
     */
    public static Path require(String tool) {
        Optional<Path> found = find(tool);
        if (found.isEmpty()) {
            String why = tool + " is not installed (Debian packages mosquitto and mosquitto-clients; .ci/run installs "
                    + "them): the tests against a real Mosquitto broker cannot run";
            if ("true".equals(System.getenv("CI"))) {
                fail(why);
            }
            Assumptions.abort(why);
        }
        return found.get();
    }

    private static Optional<Path> find(String tool) {
        List<Path> places = new ArrayList<>(List.of(Path.of("/usr/sbin"), Path.of("/usr/bin"), Path.of("/usr/local/sbin"),
                Path.of("/usr/local/bin")));
        String path = System.getenv("PATH");
        if (path != null) {
            for (String p : path.split(":")) {
                if (!p.isEmpty()) {
                    places.add(Path.of(p));
                }
            }
        }
        return places.stream().map(p -> p.resolve(tool)).filter(Files::isExecutable).findFirst();
    }

    public String url() {
        return "tcp://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** What the broker logged so far, for failure messages. */
    public String log() throws IOException {
        return Files.readString(log);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
