package org.stemloop.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stemloop.image.NpyWriter;
import org.stemloop.mqtt.Topics;
import org.stemloop.reward.Material;
import org.stemloop.sim.Simulator;
import org.stemloop.store.Database;
import org.stemloop.store.DecisionRecord;
import org.stemloop.store.DecisionStore;
import org.stemloop.store.RunQueries;
import org.stemloop.testsupport.AgentProcess;
import org.stemloop.testsupport.Mosquitto;
import org.stemloop.testsupport.PahoStream;
import org.stemloop.testsupport.TopicRecorder;

/**
 * Issue 8, agent crashes: {@code stemloop run} (supervised by its config, LoG* on) gets a front, an operator
 * switches it to autonomous and chooses an option other than the recommended one, then Python paho streams
 * 300 frames and the agent is killed with SIGKILL mid-stream and started again with the same config and
 * client id. The restarted agent resumes the run (same run id, the operator's mode and parameters, the front
 * still open to a choice), the broker redelivers what was not acknowledged, and every frame is in the
 * database exactly once and answered on the detections topic. And a clean stop (SIGTERM) mid-stream hands
 * over: the next agent's run gets the rest, no frame is stored in both runs.
 */
@Tag("integration")
class AgentCrashTest {

    private static final int FRAMES = 300;
    private static final int KILL_AFTER = 80;
    private static final long WAIT_S = 60;

    @TempDir
    Path dir;

    private Mosquitto broker;
    private AgentProcess agent;
    private AgentProcess restarted;
    private TopicRecorder recorder;
    private PahoStream publisher;

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {publisher, agent, restarted, recorder, broker}) {
            if (c != null) {
                c.close();
            }
        }
    }

    @Test
    void killedAgentResumesItsRunAndLosesOrRepeatsNoFrame() throws Exception {
        broker = Mosquitto.startPersistent(dir);
        Topics topics = new Topics("X");
        recorder = TopicRecorder.start(broker, dir, "crash-counter", topics.detections(), topics.pareto(),
                topics.status(), topics.errors());
        String db = "jdbc:h2:" + dir.resolve("db").toAbsolutePath();
        Path config = Files.writeString(dir.resolve("agent.properties"), """
                mode = supervised
                optimise = true
                material = graphene
                """);
        List<String> args = List.of("--config", config.toString(), "--broker", broker.url(), "--instrument", "X",
                "--db", db);
        agent = AgentProcess.run(dir, "agent-1", args);
        try {
            String runId = recorder.await(topics.status(), j -> "online".equals(j.path("state").asText()),
                    "state online", WAIT_S).get("run_id").asText();
            Path npy = dir.resolve("frame.npy");
            // a frame with distinct readings to choose from (a clean frame's front is one option)
            NpyWriter.write(Simulator.simulate(org.stemloop.testsupport.AmbiguousFrames.graphene(96, 5)).frame(), npy);
            double px = Material.GRAPHENE.defaultPixelSizeAngstrom();

            // before the crash: a front, and an operator's mode and choice
            publishFrame(topics, npy, "warm", px);
            JsonNode front = recorder.await(topics.pareto(), j -> "warm".equals(j.path("frame_id").asText()),
                    "the front of frame warm", WAIT_S);
            JsonNode options = front.get("options");
            assertThat(options.size()).as("options to choose from").isGreaterThan(1);
            int recommended = front.get("recommended").asInt();
            int chosen = recommended == 0 ? options.size() - 1 : 0;
            control(topics, "{\"action\":\"set-mode\",\"mode\":\"autonomous\",\"by\":\"erin\"}");
            control(topics, "{\"action\":\"choose\",\"option\":%d,\"frame_id\":\"warm\",\"by\":\"erin\"}".formatted(chosen));
            recorder.await(topics.pareto(), j -> j.path("applied").asInt(-1) == chosen
                    && "operator".equals(j.path("applied_by").asText()), "applied " + chosen, WAIT_S);
            recorder.await(topics.status(), j -> "autonomous".equals(j.path("mode").asText()), "mode autonomous",
                    WAIT_S);

            // the stream, and kill -9 in the middle of it
            publisher = PahoStream.start(broker, dir, topics.frames(), npy, "c", FRAMES, 60, px, "graphene");
            awaitAnswered(topics, KILL_AFTER);
            agent.kill();
            int answeredAtKill = answered(topics);
            assertThat(answeredAtKill).as("killed mid-stream").isLessThan(FRAMES);
            int statusBefore = recorder.messages(topics.status()).size();
            restarted = AgentProcess.run(dir, "agent-2", args);
            JsonNode back = awaitNewStatus(topics, statusBefore);
            assertThat(back.get("run_id").asText()).as("the same run resumed").isEqualTo(runId);
            assertThat(back.get("mode").asText()).as("the operator's mode, not the config's").isEqualTo("autonomous");
            awaitAnswered(topics, FRAMES);
            assertThat(publisher.awaitAllAcknowledged(WAIT_S)).as("publisher: " + publisher.output()).isTrue();

            List<JsonNode> stream = recorder.messages(topics.detections()).stream()
                    .filter(d -> d.get("frame_id").asText().startsWith("c-")).toList();
            assertThat(stream).as("every stream frame, before and after the crash, with the operator's option")
                    .allSatisfy(d -> {
                        assertThat(d.get("params")).isEqualTo(options.get(chosen).get("params"));
                        assertThat(d.get("param_source").asText()).isEqualTo("operator");
                        assertThat(d.get("run_id").asText()).isEqualTo(runId);
                    });

            // the front offered before the crash is still open to a choice
            int next = chosen == recommended ? 0 : recommended;
            control(topics, "{\"action\":\"choose\",\"option\":%d,\"frame_id\":\"warm\",\"by\":\"erin\"}".formatted(next));
            recorder.await(topics.pareto(), j -> j.path("applied").asInt(-1) == next
                    && "operator".equals(j.path("applied_by").asText()), "applied " + next, WAIT_S);
            publishFrame(topics, npy, "after", px);
            JsonNode after = recorder.await(topics.detections(), j -> "after".equals(j.path("frame_id").asText()),
                    "frame after", WAIT_S);
            assertThat(after.get("params")).isEqualTo(options.get(next).get("params"));
            assertThat(recorder.messages(topics.errors())).as("nothing on errors").isEmpty();
            assertThat(restarted.output()).contains("Resuming run " + runId);

            assertThat(restarted.stop(30)).as("run stops on SIGTERM").isTrue();
            try (Database database = Database.open(db)) {
                List<String> expected = new ArrayList<>(List.of("warm", "after"));
                for (int i = 0; i < FRAMES; i++) {
                    expected.add("c-%05d".formatted(i));
                }
                assertThat(new RunQueries(database).frameIds(runId)).as("every frame exactly once").doesNotHaveDuplicates()
                        .containsExactlyInAnyOrderElementsOf(expected);
                assertThat(new DecisionStore(database).list(runId)).extracting(DecisionRecord::actor, DecisionRecord::action)
                        // unsigned control from a plain MQTT client: its "by" is recorded as claimed (issue 18)
                        .containsSubsequence(Tuple.tuple("claimed:erin", "set-mode"), Tuple.tuple("claimed:erin", "choose"),
                                Tuple.tuple("claimed:erin", "choose"));
            }
            assertThat(BrokerOutageTest.count(db, "SELECT COUNT(*) FROM runs")).as("one run").isEqualTo(1);
            List<JsonNode> all = recorder.messages(topics.detections());
            System.out.printf("AgentCrashTest: %d stream frames, killed after %d answered; %d detections messages for "
                    + "%d frames (%d duplicates on the topic), database: %d frames, 1 run%n", FRAMES, answeredAtKill,
                    all.size(), FRAMES + 2, all.size() - FRAMES - 2, FRAMES + 2);
        } catch (AssertionError | Exception e) {
            throw new AssertionError(e.getMessage() + "\n--- agent 1 ---\n" + agent.output() + "\n--- agent 2 ---\n"
                    + (restarted == null ? "(not started)" : restarted.output()), e);
        }
    }

    @Test
    void aCleanStopMidStreamHandsOverWithoutStoringAFrameTwice() throws Exception {
        broker = Mosquitto.startPersistent(dir);
        Topics topics = new Topics("X");
        recorder = TopicRecorder.start(broker, dir, "stop-counter", topics.detections(), topics.status());
        String db = "jdbc:h2:" + dir.resolve("db").toAbsolutePath();
        List<String> args = BrokerOutageTest.runArgs(dir, broker, db);
        agent = AgentProcess.run(dir, "agent-1", args);
        try {
            recorder.await(topics.status(), j -> "online".equals(j.path("state").asText()), "state online", WAIT_S);
            publisher = PahoStream.start(broker, dir, topics.frames(), BrokerOutageTest.smallFrame(dir), "c", FRAMES,
                    60, Material.GRAPHENE.defaultPixelSizeAngstrom(), "graphene");
            awaitAnswered(topics, KILL_AFTER);
            assertThat(agent.stop(30)).as("run stops on SIGTERM").isTrue();
            assertThat(answered(topics)).as("stopped mid-stream").isLessThan(FRAMES);
            restarted = AgentProcess.run(dir, "agent-2", args);
            awaitAnswered(topics, FRAMES);
            assertThat(publisher.awaitAllAcknowledged(WAIT_S)).as("publisher: " + publisher.output()).isTrue();
            assertThat(restarted.stop(30)).isTrue();
            assertThat(restarted.output()).doesNotContain("Resuming run");

            assertThat(BrokerOutageTest.count(db, "SELECT COUNT(*) FROM runs")).as("two runs, one per agent").isEqualTo(2);
            assertThat(BrokerOutageTest.count(db, "SELECT COUNT(*) FROM frames"))
                    .as("each frame in one run only: the first agent finished what it had taken").isEqualTo(FRAMES);
            assertThat(BrokerOutageTest.count(db, "SELECT COUNT(DISTINCT frame_id) FROM frames")).isEqualTo(FRAMES);
        } catch (AssertionError | Exception e) {
            throw new AssertionError(e.getMessage() + "\n--- agent 1 ---\n" + agent.output() + "\n--- agent 2 ---\n"
                    + (restarted == null ? "(not started)" : restarted.output()), e);
        }
    }

    private JsonNode awaitNewStatus(Topics topics, int seenBefore) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_S);
        while (System.nanoTime() < deadline) {
            List<JsonNode> status = recorder.messages(topics.status());
            for (JsonNode s : status.subList(Math.min(seenBefore, status.size()), status.size())) {
                if ("online".equals(s.path("state").asText())) {
                    return s;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("The restarted agent never said online: " + recorder.messages(topics.status()));
    }

    private int answered(Topics topics) throws Exception {
        return (int) recorder.messages(topics.detections()).stream().map(d -> d.get("frame_id").asText())
                .filter(id -> id.startsWith("c-")).distinct().count();
    }

    private void awaitAnswered(Topics topics, int frames) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_S);
        while (System.nanoTime() < deadline) {
            if (answered(topics) >= frames) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("Only %d of %d frames answered within %d s".formatted(answered(topics), frames, WAIT_S));
    }

    private void publishFrame(Topics topics, Path npy, String frameId, double px) throws Exception {
        run(Mosquitto.require("mosquitto_pub").toString(), "-V", "5", "-p", Integer.toString(broker.port()), "-q", "1",
                "-t", topics.frames(), "-f", npy.toString(), "-D", "publish", "user-property", "frame_id", frameId,
                "-D", "publish", "user-property", "pixel_size_angstrom", Double.toString(px),
                "-D", "publish", "user-property", "material", "graphene");
    }

    private void control(Topics topics, String json) throws Exception {
        run(Mosquitto.require("mosquitto_pub").toString(), "-V", "5", "-p", Integer.toString(broker.port()), "-q", "1",
                "-t", topics.control(), "-m", json);
    }

    private static void run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("%s finishes", cmd[0]).isTrue();
        assertThat(p.exitValue()).as(new String(p.getInputStream().readAllBytes())).isZero();
    }
}
