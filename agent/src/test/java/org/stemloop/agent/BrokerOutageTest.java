package org.stemloop.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stemloop.image.NpyWriter;
import org.stemloop.mqtt.Topics;
import org.stemloop.reward.Material;
import org.stemloop.sim.SimulationSpec;
import org.stemloop.sim.Simulator;
import org.stemloop.store.Database;
import org.stemloop.store.RunQueries;
import org.stemloop.testsupport.AgentProcess;
import org.stemloop.testsupport.Mosquitto;
import org.stemloop.testsupport.PahoStream;
import org.stemloop.testsupport.TopicRecorder;

/**
 * Issue 8, broker outages: {@code stemloop run} (its own JVM, fixed parameters) on a stream of 1,000 small
 * frames from Python paho at QoS 1, while Mosquitto (persistence on) is stopped and started again four
 * times on the same port, down for 0.2 to 2.5 s. Every frame ends in the database exactly once, every
 * frame's detections reach a {@code mosquitto_sub} with a persistent session, and the status topic told
 * of each reconnect. Prints the measured run (docs/operations.md quotes it).
 */
@Tag("integration")
class BrokerOutageTest {

    private static final int FRAMES = 1_000;
    private static final double RATE = 60;
    /** How long the broker stays down at each restart, milliseconds. */
    private static final long[] DOWN_MS = {200, 1_500, 2_500, 500};

    @TempDir
    Path dir;

    private Mosquitto broker;
    private AgentProcess agent;
    private TopicRecorder recorder;
    private PahoStream publisher;

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {publisher, agent, recorder, broker}) {
            if (c != null) {
                c.close();
            }
        }
    }

    @Test
    void everyFrameOnceInTheDatabaseAndAnsweredAcrossFourBrokerRestarts() throws Exception {
        broker = Mosquitto.startPersistent(dir);
        Topics topics = new Topics("X");
        recorder = TopicRecorder.start(broker, dir, "outage-counter", topics.detections(), topics.status(),
                topics.errors());
        String db = "jdbc:h2:" + dir.resolve("db").toAbsolutePath();
        agent = AgentProcess.run(dir, "agent", runArgs(dir, broker, db));
        try {
            String runId = recorder.await(topics.status(), j -> "online".equals(j.path("state").asText()),
                    "state online", 60).get("run_id").asText();
            Path npy = smallFrame(dir);
            long t0 = System.nanoTime();
            publisher = PahoStream.start(broker, dir, topics.frames(), npy, "f", FRAMES, RATE,
                    Material.GRAPHENE.defaultPixelSizeAngstrom(), "graphene");
            for (int i = 0; i < DOWN_MS.length; i++) {
                int reconnectsSoFar = i;
                // the agent is back from the last restart (not merely the counter catching up on its backlog)
                recorder.await(topics.status(), j -> j.path("reconnects").asInt(0) == reconnectsSoFar
                        || reconnectsSoFar == 0, "reconnects " + reconnectsSoFar, 60);
                awaitAnswered(topics, (i + 1) * FRAMES / (DOWN_MS.length + 2), 60);
                broker.restart(DOWN_MS[i]);
            }
            awaitAnswered(topics, FRAMES, 90);
            double seconds = (System.nanoTime() - t0) / 1e9;
            assertThat(publisher.awaitAllAcknowledged(30)).as("publisher: " + publisher.output()).isTrue();
            assertThat(agent.isAlive()).as("the agent lived through the outages").isTrue();

            List<JsonNode> detections = recorder.messages(topics.detections());
            assertThat(frameIds(detections)).as("every frame's detections on the topic").isEqualTo(expected());
            List<JsonNode> reconnects = recorder.messages(topics.status()).stream()
                    .filter(j -> "reconnected".equals(j.path("broker").asText())).toList();
            assertThat(reconnects).extracting(j -> j.get("reconnects").asInt()).as("status after each restart")
                    .containsAll(IntStream.rangeClosed(1, DOWN_MS.length).boxed().toList());
            assertThat(reconnects).allSatisfy(j -> {
                assertThat(j.get("state").asText()).isEqualTo("online");
                assertThat(j.get("run_id").asText()).isEqualTo(runId);
                assertThat(j.get("outage_ms").asLong()).isPositive();
                assertThat(j.get("reconnect_attempts").asInt()).isPositive();
            });

            assertThat(agent.stop(30)).as("run stops on SIGTERM").isTrue();
            try (Database database = Database.open(db)) {
                List<String> stored = new RunQueries(database).frameIds(runId);
                assertThat(stored).as("frames in the run").hasSize(FRAMES).doesNotHaveDuplicates();
                assertThat(new HashSet<>(stored)).isEqualTo(expected());
            }
            assertThat(count(db, "SELECT COUNT(*) FROM frames")).as("frames in all runs").isEqualTo(FRAMES);
            assertThat(count(db, "SELECT COUNT(*) FROM runs")).as("one run").isEqualTo(1);
            assertThat(count(db, "SELECT COUNT(*) FROM detections")).as("one detection row per frame").isEqualTo(FRAMES);

            System.out.printf("BrokerOutageTest: %d frames at %.0f/s in %.1f s, %d broker restarts (down %s ms); "
                            + "outages seen by the agent %s ms, attempts %s; %d detections messages (%d duplicates); "
                            + "errors topic: %d messages%n", FRAMES, RATE, seconds, DOWN_MS.length,
                    java.util.Arrays.toString(DOWN_MS), reconnects.stream().map(j -> j.get("outage_ms").asText())
                            .collect(Collectors.joining(", ", "[", "]")),
                    reconnects.stream().map(j -> j.get("reconnect_attempts").asText())
                            .collect(Collectors.joining(", ", "[", "]")),
                    detections.size(), detections.size() - FRAMES, recorder.messages(topics.errors()).size());
        } catch (AssertionError | Exception e) {
            throw new AssertionError(e.getMessage() + "\n--- agent output ---\n" + agent.output()
                    + "\n--- mosquitto ---\n" + broker.log(), e);
        }
    }

    /** {@code run} with fixed parameters (each frame cheap), the run's own data folder, no web UI. */
    static List<String> runArgs(Path dir, Mosquitto broker, String db) throws IOException {
        Path config = Files.writeString(dir.resolve("agent.properties"), """
                optimise = false
                material = graphene
                """);
        return List.of("--config", config.toString(), "--broker", broker.url(), "--instrument", "X", "--db", db,
                "--mode", "supervised");
    }

    /** A 48 x 48 float32 graphene frame (9 KB of NPY). */
    static Path smallFrame(Path dir) throws IOException {
        Path npy = dir.resolve("frame.npy");
        NpyWriter.write(Simulator.simulate(SimulationSpec.of(Material.GRAPHENE, 48).withNoiseLevel(0.1).withSeed(3))
                .frame(), npy);
        return npy;
    }

    private void awaitAnswered(Topics topics, int frames, long seconds) throws Exception {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        int seen = 0;
        while (System.nanoTime() < deadline) {
            seen = frameIds(recorder.messages(topics.detections())).size();
            if (seen >= frames) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("Only %d of %d frames answered within %d s; publisher: %s".formatted(seen, frames,
                seconds, publisher.output()));
    }

    private static Set<String> frameIds(List<JsonNode> detections) {
        Set<String> ids = new HashSet<>();
        for (JsonNode d : detections) {
            ids.add(d.get("frame_id").asText());
        }
        return ids;
    }

    private static Set<String> expected() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < FRAMES; i++) {
            ids.add("f-%05d".formatted(i));
        }
        return ids;
    }

    static long count(String db, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(db); ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
