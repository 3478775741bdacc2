package org.stemloop.testsupport;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * {@code mosquitto_sub} (a client nobody here wrote) subscribed to some topics with a persistent session
 * (clean start off, session expiry 1 h, QoS 1), every message written as {@code TOPIC JSON} to a file. It
 * reconnects by itself when the broker restarts and the broker keeps what was published meanwhile, so
 * the file is what a monitoring client would have seen, duplicates included.
 */
public final class TopicRecorder implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final Path file;

    private TopicRecorder(Process process, Path file) {
        this.process = process;
        this.file = file;
    }

    /** Subscribes as client {@code clientId} to {@code topics} on {@code broker}; returns once subscribed. */
    public static TopicRecorder start(Mosquitto broker, Path dir, String clientId, String... topics)
            throws IOException, InterruptedException {
        Path sub = Mosquitto.require("mosquitto_sub");
        List<String> cmd = new ArrayList<>(List.of(sub.toString(), "-V", "5", "-p", Integer.toString(broker.port()),
                "-i", clientId, "-c", "-x", "3600", "-q", "1", "-v"));
        for (String t : topics) {
            cmd.addAll(List.of("-t", t));
        }
        Path file = dir.resolve(clientId + ".txt");
        Process p = new ProcessBuilder(cmd).redirectOutput(file.toFile())
                .redirectError(dir.resolve(clientId + ".err").toFile()).start();
        // connected once the broker logged it; the SUBSCRIBE follows at once on loopback
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline && !broker.log().contains(" as " + clientId + " ")) {
            if (!p.isAlive()) {
                fail("mosquitto_sub exited: " + Files.readString(dir.resolve(clientId + ".err")));
            }
            Thread.sleep(20);
        }
        Thread.sleep(300);
        return new TopicRecorder(p, file);
    }

    /** The messages on {@code topic} so far, in arrival order (a partly written last line is left out). */
    public List<JsonNode> messages(String topic) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        String prefix = topic + " ";
        for (String line : Files.readAllLines(file)) {
            if (line.startsWith(prefix)) {
                try {
                    out.add(JSON.readTree(line.substring(prefix.length())));
                } catch (IOException partial) {
                    // the line being written; the next read has it whole
                }
            }
        }
        return out;
    }

    /** Waits up to {@code seconds} for a message on {@code topic} that {@code test} accepts. */
    public JsonNode await(String topic, Predicate<JsonNode> test, String what, long seconds)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            for (JsonNode m : messages(topic)) {
                if (test.test(m)) {
                    return m;
                }
            }
            Thread.sleep(100);
        }
        return fail("No message on " + topic + " with " + what + " within " + seconds + " s; seen: " + messages(topic));
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor(5, TimeUnit.SECONDS);
    }
}
