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

    /**
     * Subscribes as client {@code clientId} to {@code topics} on {@code broker}; returns once subscribed: a probe
     * published to a topic of the same SUBSCRIBE came back, so every filter of it is in place.
     */
    public static TopicRecorder start(Mosquitto broker, Path dir, String clientId, String... topics)
            throws IOException, InterruptedException {
        Path sub = Mosquitto.require("mosquitto_sub");
        String probe = "stemloop-test/probe/" + clientId;
        List<String> cmd = new ArrayList<>(List.of(sub.toString(), "-V", "5", "-p", Integer.toString(broker.port()),
                "-i", clientId, "-c", "-x", "3600", "-q", "1", "-v", "-t", probe));
        for (String t : topics) {
            cmd.addAll(List.of("-t", t));
        }
        Path file = dir.resolve(clientId + ".txt");
        Process p = new ProcessBuilder(cmd).redirectOutput(file.toFile())
                .redirectError(dir.resolve(clientId + ".err").toFile()).start();
        TopicRecorder recorder = new TopicRecorder(p, file);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                fail("mosquitto_sub exited: " + Files.readString(dir.resolve(clientId + ".err")));
            }
            broker.publish(probe, "{\"probe\": true}");
            if (!recorder.messages(probe).isEmpty()) {
                return recorder;
            }
        }
        recorder.close();
        return fail("mosquitto_sub " + clientId + " got no probe within 10 s: " + Files.readString(file));
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
