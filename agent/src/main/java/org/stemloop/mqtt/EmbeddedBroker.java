package org.stemloop.mqtt;

import com.hivemq.embedded.EmbeddedHiveMQ;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;

/**
 * An MQTT 5 broker in this process (HiveMQ Community Edition, embedded), listening on the loopback
 * interface only, with in-memory persistence: what {@code demo} and the tests use when no broker
 * runs on the machine.
 *
 * <p>{@link #start(int, BrokerAccess)} requires a user name and password and applies that access
 * list ({@code demo} does); {@link #start(int)} takes anonymous clients and is for tests only.
 *
 * @apiNote Starting takes about 5 s; share one broker per test class.
 */
public final class EmbeddedBroker implements AutoCloseable {

    private final EmbeddedHiveMQ hivemq;
    private final int port;
    private final Path folder;

    private EmbeddedBroker(EmbeddedHiveMQ hivemq, int port, Path folder) {
        this.hivemq = hivemq;
        this.port = port;
        this.folder = folder;
    }

    /**
     * Starts a broker on {@code 127.0.0.1:port}; port 0 picks a free one.
     *
     * @throws IllegalStateException when the broker does not start (the port is taken, ...)
     */
    public static EmbeddedBroker start(int port) {
        return start(port, null);
    }

    /**
     * Starts a broker on {@code 127.0.0.1:port} that lets in only {@code access}'s users, each with its
     * grants ({@code null}: anyone, for tests).
     *
     * @throws IllegalStateException when the broker does not start (the port is taken, ...)
     */
    public static EmbeddedBroker start(int port, BrokerAccess access) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("MQTT port must be in 0..65535: " + port);
        }
        int chosen = port == 0 ? freePort() : port;
        try {
            Path folder = Files.createTempDirectory("stemloop-hivemq");
            Path conf = Files.createDirectories(folder.resolve("conf"));
            Files.writeString(conf.resolve("config.xml"), config(chosen));
            var builder = EmbeddedHiveMQ.builder()
                    .withConfigurationFolder(conf)
                    .withDataFolder(Files.createDirectories(folder.resolve("data")))
                    .withExtensionsFolder(Files.createDirectories(folder.resolve("extensions")))
                    .withoutLoggingBootstrap();
            if (access != null) {
                builder.withEmbeddedExtension(BrokerAuthExtension.of(access));
            }
            EmbeddedHiveMQ hivemq = builder.build();
            hivemq.start().get();
            return new EmbeddedBroker(hivemq, chosen, folder);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare the embedded broker's folder: " + e.getMessage(), e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Embedded MQTT broker did not start on port %d: %s"
                    .formatted(chosen, e.getCause().getMessage()), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while starting the embedded MQTT broker", e);
        }
    }

    /** The TCP port on 127.0.0.1. */
    public int port() {
        return port;
    }

    /** The URL a client connects to, e.g. {@code tcp://127.0.0.1:1883}. */
    public String url() {
        return "tcp://127.0.0.1:" + port;
    }

    @Override
    public void close() {
        try {
            hivemq.stop().get();
            hivemq.close();
        } catch (ExecutionException e) {
            throw new IllegalStateException("Embedded MQTT broker did not stop: " + e.getCause().getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while stopping the embedded MQTT broker", e);
        } finally {
            deleteQuietlyOnExit(folder);
        }
    }

    private static String config(int port) {
        return """
                <?xml version="1.0"?>
                <hivemq>
                    <listeners>
                        <tcp-listener>
                            <port>%d</port>
                            <bind-address>127.0.0.1</bind-address>
                        </tcp-listener>
                    </listeners>
                    <persistence>
                        <mode>in-memory</mode>
                    </persistence>
                    <anonymous-usage-statistics>
                        <enabled>false</enabled>
                    </anonymous-usage-statistics>
                </hivemq>
                """.formatted(port);
    }

    /** A port free on the loopback interface now; another process could take it before we bind it. */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free TCP port on 127.0.0.1: " + e.getMessage(), e);
        }
    }

    private static void deleteQuietlyOnExit(Path root) {
        // the broker's scratch folder: leftovers in /tmp are harmless, so a failed delete is not an error
        try (var paths = Files.walk(root)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            root.toFile().deleteOnExit();
        }
    }
}
