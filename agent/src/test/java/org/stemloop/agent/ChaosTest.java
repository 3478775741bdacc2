package org.stemloop.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stemloop.image.NpyWriter;
import org.stemloop.mqtt.Topics;
import org.stemloop.reward.Material;
import org.stemloop.sim.SimulationSpec;
import org.stemloop.sim.Simulator;
import org.stemloop.testsupport.AgentProcess;
import org.stemloop.testsupport.ChaosPublisher;
import org.stemloop.testsupport.Mosquitto;
import org.stemloop.testsupport.TopicRecorder;

/**
 * Issue 14's chaos suite, driven by a client nobody here wrote: Python paho (a microscope with a persistent
 * session that waits for each PUBACK) against Debian's Mosquitto 2.0 with persistence ({@code autosave_interval
 * 1}), {@code stemloop run} as separate processes, 128 x 128 graphene frames. At 30 frames/s (above what the agent
 * sustains here, so the queue fills and Mosquitto sends past the agent's window) the broker is restarted twice,
 * the agent is killed (SIGKILL) and started again, and then stopped cleanly (SIGTERM) and handed over to a new
 * process; at 3 frames/s the broker is restarted twice. The verdict comes from the H2 database and the detections
 * topic: rows == distinct frame ids == frames the broker acknowledged, and every one of them answered.
 */
@Tag("integration")
class ChaosTest {

    private static final long WAIT_S = 90;

    @TempDir
    Path dir;

    private Mosquitto broker;
    private TopicRecorder recorder;
    private ChaosPublisher publisher;
    private final List<AgentProcess> agents = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        List<AutoCloseable> all = new ArrayList<>(List.of(publisher == null ? () -> { } : publisher));
        all.addAll(agents);
        all.add(recorder == null ? () -> { } : recorder);
        all.add(broker == null ? () -> { } : broker);
        for (AutoCloseable c : all) {
            c.close();
        }
    }

    @Test
    void at30FramesPerSecondThroughTwoBrokerRestartsAKillAndAHandOverEveryFrameIsStoredOnceAndAnswered()
            throws Exception {
        int frames = 150;
        Topics topics = start();
        publisher = ChaosPublisher.start(broker, dir, topics.frames(), frame(), "fast", frames, 30,
                Material.GRAPHENE.defaultPixelSizeAngstrom(), "graphene");
        publisher.awaitAcknowledged(frames * 2 / 10, WAIT_S);
        broker.restart(1_000);
        publisher.awaitAcknowledged(frames * 4 / 10, WAIT_S);
        agents.get(0).kill();
        agents.add(AgentProcess.run(dir, "agent-2", args()));
        awaitStarted(agents.get(1));
        publisher.awaitAcknowledged(frames * 6 / 10, WAIT_S);
        broker.restart(1_000);
        publisher.awaitAcknowledged(frames * 8 / 10, WAIT_S);
        assertThat(agents.get(1).stop(30)).as("agent 2 stops on SIGTERM: " + agents.get(1).output()).isTrue();
        agents.add(AgentProcess.run(dir, "agent-3", args()));
        // agent 2 resumed the run agent 1 left unfinished and ended it; agent 3 started the second
        verdict(topics, frames, 2);
    }

    @Test
    void at3FramesPerSecondThroughTwoBrokerRestartsEveryFrameIsStoredOnceAndAnswered() throws Exception {
        int frames = 36;
        Topics topics = start();
        publisher = ChaosPublisher.start(broker, dir, topics.frames(), frame(), "slow", frames, 3,
                Material.GRAPHENE.defaultPixelSizeAngstrom(), "graphene");
        publisher.awaitAcknowledged(frames / 3, WAIT_S);
        broker.restart(1_500);
        publisher.awaitAcknowledged(frames * 2 / 3, WAIT_S);
        broker.restart(1_500);
        verdict(topics, frames, 1);
    }

    /** Waits until {@code agent} has resumed or started its run and is taking frames. */
    private static void awaitStarted(AgentProcess agent) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_S);
        while (!agent.output().contains("Ctrl-C stops")) {
            if (System.nanoTime() > deadline || !agent.isAlive()) {
                throw new AssertionError("The agent did not start: " + agent.output());
            }
            Thread.sleep(100);
        }
    }

    /** The broker, the recorder of the detections topic and the first agent, online. */
    private Topics start() throws Exception {
        broker = Mosquitto.startPersistent(dir, 1);
        Topics topics = new Topics("X");
        recorder = TopicRecorder.start(broker, dir, "chaos-recorder", topics.detections(), topics.status());
        agents.add(AgentProcess.run(dir, "agent-1", args()));
        recorder.await(topics.status(), j -> "online".equals(j.path("state").asText()), "state online", WAIT_S);
        return topics;
    }

    private List<String> args() throws Exception {
        Path config = Files.writeString(dir.resolve("agent.properties"), """
                optimise = false
                material = graphene
                """);
        return List.of("--config", config.toString(), "--broker", broker.url(), "--instrument", "X", "--db", db(),
                "--mode", "autonomous");
    }

    private String db() {
        return "jdbc:h2:" + dir.resolve("db").toAbsolutePath();
    }

    private Path frame() throws Exception {
        Path npy = dir.resolve("frame.npy");
        NpyWriter.write(Simulator.simulate(SimulationSpec.of(Material.GRAPHENE, 128).withNoiseLevel(0.1).withSeed(14))
                .frame(), npy);
        return npy;
    }

    /** Every acknowledged frame answered, then the last agent stopped and the database read. */
    private void verdict(Topics topics, int frames, int runs) throws Exception {
        AgentProcess last = agents.get(agents.size() - 1);
        try {
            assertThat(publisher.awaitAllAcknowledged(WAIT_S)).as("publisher: " + publisher.output()).isTrue();
            Set<String> acked = new TreeSet<>(publisher.acknowledged());
            assertThat(acked).as("the broker acknowledged every frame").hasSize(frames);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_S);
            Set<String> answered = answered(topics);
            while (!answered.containsAll(acked) && System.nanoTime() < deadline) {
                Thread.sleep(200);
                answered = answered(topics);
            }
            Set<String> missing = new TreeSet<>(acked);
            missing.removeAll(answered);
            assertThat(missing).as("acknowledged by the broker but never answered").isEmpty();
            assertThat(last.stop(30)).as("the last agent stops on SIGTERM").isTrue();
            assertThat(BrokerOutageTest.count(db(), "SELECT COUNT(*) FROM frames")).as("rows").isEqualTo(frames);
            assertThat(BrokerOutageTest.count(db(), "SELECT COUNT(DISTINCT frame_id) FROM frames"))
                    .as("distinct frame ids").isEqualTo(frames);
            assertThat(BrokerOutageTest.count(db(), "SELECT COUNT(*) FROM runs")).as("runs").isEqualTo(runs);
        } catch (AssertionError | Exception e) {
            StringBuilder logs = new StringBuilder(e.getMessage());
            for (int i = 0; i < agents.size(); i++) {
                logs.append("\n--- agent ").append(i + 1).append(" ---\n").append(tail(agents.get(i).output()));
            }
            throw new AssertionError(logs.append("\n--- broker ---\n").append(tail(broker.log())).toString(), e);
        }
    }

    private Set<String> answered(Topics topics) throws Exception {
        return recorder.messages(topics.detections()).stream().map(d -> d.path("frame_id").asText())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static String tail(String log) {
        return log.length() <= 6_000 ? log : "..." + log.substring(log.length() - 6_000);
    }
}
