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
 * temporary configuration (anonymous; no persistence, or with {@link #startPersistent} a persistence
 * file in the test's folder that survives {@link #restart}), never the system service.
 *
 * <p>The binary comes from Debian's {@code mosquitto} package, which {@code .ci/run} installs. Under
 * {@code CI=true} a missing binary fails the test naming what is missing; elsewhere the test is
 * skipped with that message.
 */
public final class Mosquitto implements AutoCloseable {

    private final Path binary;
    private final Path conf;
    private final int port;
    private final Path log;
    private Process process;

    private Mosquitto(Path binary, Path conf, int port, Path log) {
        this.binary = binary;
        this.conf = conf;
        this.port = port;
        this.log = log;
    }

    /** Starts a broker configured in {@code dir}; waits until it accepts connections (5 s at most). */
    public static Mosquitto start(Path dir) throws IOException, InterruptedException {
        return start(dir, "persistence false\n");
    }

    /**
     * Starts a broker that keeps sessions and queued QoS 1 messages in {@code dir/mosquitto-data/} (saved
     * when it stops, so they survive {@link #restart}), with room for 10,000 queued messages per client.
     */
    public static Mosquitto startPersistent(Path dir) throws IOException, InterruptedException {
        Path data = Files.createDirectories(dir.resolve("mosquitto-data"));
        // as root, mosquitto drops to the user "mosquitto", who cannot write the test's folder: stay who we are
        return start(dir, """
                persistence true
                persistence_location %s/
                autosave_interval 5
                max_queued_messages 10000
                user %s
                """.formatted(data.toAbsolutePath(), System.getProperty("user.name")));
    }

    private static Mosquitto start(Path dir, String settings) throws IOException, InterruptedException {
        Path binary = require("mosquitto");
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Path conf = Files.writeString(dir.resolve("mosquitto.conf"), """
                listener %d 127.0.0.1
                allow_anonymous true
                """.formatted(port) + settings);
        Mosquitto broker = new Mosquitto(binary, conf, port, dir.resolve("mosquitto.log"));
        broker.launch();
        return broker;
    }

    private void launch() throws IOException, InterruptedException {
        process = new ProcessBuilder(binary.toString(), "-c", conf.toString()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                fail("mosquitto exited at start: " + Files.readString(log));
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
                return;
            } catch (IOException notYet) {
                Thread.sleep(20);
            }
        }
        close();
        fail("mosquitto did not listen on port " + port + " within 5 s: " + Files.readString(log));
    }

    /**
     * Stops the broker as an operator would (SIGTERM: a persistent one saves its sessions), keeps it down
     * for {@code downMs}, and starts it again on the same port with the same configuration.
     */
    public void restart(long downMs) throws IOException, InterruptedException {
        close();
        Thread.sleep(downMs);
        launch();
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
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
