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
import java.util.function.IntFunction;
import org.junit.jupiter.api.Assumptions;

/**
 * A private Mosquitto broker for one test class: its own process on a free loopback port with a
 * temporary configuration (by default anonymous, no persistence; with {@link #startPersistent} a
 * persistence file in the test's folder that survives {@link #restart}; or any listener, TLS, password file
 * and ACL the test writes), never the system service.
 *
 * <p>The binary comes from Debian's {@code mosquitto} package, which {@code .ci/run} installs. Under
 * {@code CI=true} a missing binary fails the test naming what is missing; elsewhere the test is
 * skipped with that message.
 */
public final class Mosquitto implements AutoCloseable {

    private final Path binary;
    private final Path conf;
    private final String scheme;
    private final int port;
    private final Path log;
    private Process process;

    private Mosquitto(Path binary, Path conf, String scheme, int port, Path log) {
        this.binary = binary;
        this.conf = conf;
        this.scheme = scheme;
        this.port = port;
        this.log = log;
    }

    /** Starts an anonymous broker configured in {@code dir}; waits until it accepts connections (5 s at most). */
    public static Mosquitto start(Path dir) throws IOException, InterruptedException {
        return start(dir, "tcp", Mosquitto::anonymous);
    }

    /**
     * Starts an anonymous broker on a given loopback port, e.g. again on the port of one that was closed (an
     * outage and its end, as clients see them); waits until it accepts connections (5 s at most).
     */
    public static Mosquitto start(Path dir, int port) throws IOException, InterruptedException {
        return start(dir, "tcp", port, anonymous(port));
    }

    /**
     * Starts a broker with the configuration {@code config} writes for a free port (its listener must
     * be on that port, on 127.0.0.1 or localhost); {@code scheme} ({@code tcp} or {@code ssl}) is what
     * {@link #url()} says. Waits until the port accepts connections (5 s at most).
     */
    public static Mosquitto start(Path dir, String scheme, IntFunction<String> config)
            throws IOException, InterruptedException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        return start(dir, scheme, port, config.apply(port));
    }

    /**
     * Starts an anonymous broker that keeps sessions and queued QoS 1 messages in {@code dir/mosquitto-data/}
     * (saved when it stops, so they survive {@link #restart}), with room for 10,000 queued messages per client.
     */
    public static Mosquitto startPersistent(Path dir) throws IOException, InterruptedException {
        return startPersistent(dir, 5);
    }

    /**
     * As {@link #startPersistent(Path)}, saving the in-memory state every {@code autosaveSeconds} too (what a
     * SIGKILL or a power cut loses is what changed since the last save; docs/operations.md).
     */
    public static Mosquitto startPersistent(Path dir, int autosaveSeconds) throws IOException, InterruptedException {
        Path data = Files.createDirectories(dir.resolve("mosquitto-data"));
        return start(dir, "tcp", port -> """
                listener %d 127.0.0.1
                allow_anonymous true
                persistence true
                persistence_location %s/
                autosave_interval %d
                max_queued_messages 10000
                """.formatted(port, data.toAbsolutePath(), autosaveSeconds));
    }

    private static String anonymous(int port) {
        return """
                listener %d 127.0.0.1
                allow_anonymous true
                persistence false
                """.formatted(port);
    }

    private static Mosquitto start(Path dir, String scheme, int port, String config)
            throws IOException, InterruptedException {
        Path binary = require("mosquitto");
        // started as root, Mosquitto drops to the user "mosquitto", who cannot read the test's files
        // (certificates, password file, ACL); run as ourselves instead (ignored when not root)
        Path conf = Files.writeString(dir.resolve("mosquitto.conf"),
                "user " + System.getProperty("user.name") + "\n" + config);
        Mosquitto broker = new Mosquitto(binary, conf, scheme, port, dir.resolve("mosquitto.log"));
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
        return require(tool, "mosquitto and mosquitto-clients");
    }

    /**
     * The path of a command-line tool from Debian package(s) {@code debianPackage}; fails under
     * {@code CI=true}, skips elsewhere, naming the package, when it is not installed.
     */
    public static Path require(String tool, String debianPackage) {
        Optional<Path> found = find(tool);
        if (found.isEmpty()) {
            String why = tool + " is not installed (Debian " + debianPackage + "; .ci/run installs it): the tests"
                    + " that need it cannot run";
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

    /**
     * Publishes with {@code mosquitto_pub -V 5 -q 1} (a client nobody here wrote): {@code message} as the
     * payload ({@code -m}), {@code more} as further options, e.g. {@code -D publish user-property k v}.
     */
    public void publish(String topic, String message, String... more) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(require("mosquitto_pub").toString(), "-V", "5", "-p",
                Integer.toString(port), "-q", "1", "-t", topic, "-m", message));
        cmd.addAll(List.of(more));
        runTool(cmd);
    }

    /** As {@link #publish}, the payload read from {@code file} ({@code -f}). */
    public void publishFile(String topic, Path file, String... more) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(require("mosquitto_pub").toString(), "-V", "5", "-p",
                Integer.toString(port), "-q", "1", "-t", topic, "-f", file.toString()));
        cmd.addAll(List.of(more));
        runTool(cmd);
    }

    /** Runs a client tool to its end (30 s at most); fails with its output unless it exits 0. */
    public static void runTool(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail(cmd.get(0) + " did not finish within 30 s");
        }
        if (p.exitValue() != 0) {
            fail("%s exited %d: %s".formatted(String.join(" ", cmd.subList(0, Math.min(cmd.size(), 12))),
                    p.exitValue(), new String(p.getInputStream().readAllBytes())));
        }
    }

    /** {@code tcp://127.0.0.1:PORT} (or {@code ssl://...} for a TLS listener). */
    public String url() {
        return scheme + "://127.0.0.1:" + port;
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
