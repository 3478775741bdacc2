package org.stemloop.testsupport;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A throwaway PostgreSQL server for one test class: Debian's {@code initdb} and {@code pg_ctl}
 * (package {@code postgresql}, which {@code .ci/run} installs) run a private cluster in a temporary
 * folder on a free loopback port, with trust authentication, and remove it on {@link #close()}.
 * As root, the server runs as the {@code postgres} user (PostgreSQL refuses to run as root).
 * Missing binaries skip the test with the reason, and fail it under {@code CI=true}.
 */
public final class PostgresServer implements AutoCloseable {

    private final Path dir;
    private final Path bin;
    private final int port;
    private final boolean asPostgres;

    private PostgresServer(Path dir, Path bin, int port, boolean asPostgres) {
        this.dir = dir;
        this.bin = bin;
        this.port = port;
        this.asPostgres = asPostgres;
    }

    /** Starts a new cluster, or skips (fails under CI) when PostgreSQL is not installed. */
    public static PostgresServer start() throws IOException, InterruptedException {
        Path bin = binaries().orElse(null);
        if (bin == null) {
            String why = "PostgreSQL not installed (no /usr/lib/postgresql/*/bin/initdb; Debian package postgresql,"
                    + " which .ci/run installs)";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(why);
            }
            Assumptions.abort(why);
        }
        boolean root = "root".equals(System.getProperty("user.name"));
        Path dir = Files.createTempDirectory("stemloop-pg");
        if (root) {
            run(List.of("chown", "-R", "postgres", dir.toString()), dir);
        }
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        PostgresServer server = new PostgresServer(dir, bin, port, root);
        server.pg(List.of(bin.resolve("initdb").toString(), "-D", dir.resolve("data").toString(), "-U", "postgres",
                "-A", "trust", "-E", "UTF8", "--locale=C"));
        server.pg(List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-l",
                dir.resolve("log").toString(), "-w", "-t", "60", "-o",
                "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off", "start"));
        return server;
    }

    /** The JDBC URL of the {@code postgres} database as the {@code postgres} user. */
    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:%d/postgres?user=postgres".formatted(port);
    }

    public int port() {
        return port;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        try {
            pg(List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-m", "immediate", "-w",
                    "stop"));
        } finally {
            try (Stream<Path> s = Files.walk(dir)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private void pg(List<String> command) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>();
        if (asPostgres) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        run(full, dir);
    }

    private static void run(List<String> command, Path dir) throws IOException, InterruptedException {
        Path log = Files.createTempFile("stemloop-pg-cmd", ".log");
        try {
            Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("timed out: " + String.join(" ", command));
            }
            if (p.exitValue() != 0) {
                throw new IOException("%s failed (exit %d): %s".formatted(String.join(" ", command), p.exitValue(),
                        Files.readString(log).strip()));
            }
        } finally {
            Files.deleteIfExists(log);
        }
    }

    private static Optional<Path> binaries() {
        Path root = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(root)) {
            return versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("initdb")))
                    .max(Comparator.comparing(Path::toString));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
