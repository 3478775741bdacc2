package org.stemloop.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stemloop.image.NpyCodec;
import org.stemloop.mqtt.BrokerSettings;
import org.stemloop.mqtt.BrokerTls;
import org.stemloop.mqtt.EmbeddedBroker;
import org.stemloop.mqtt.FrameCodec;
import org.stemloop.mqtt.InputLimits;
import org.stemloop.mqtt.Topics;
import org.stemloop.ops.LogFormat;
import org.stemloop.reward.Material;
import org.stemloop.sim.SimulatedFrame;
import org.stemloop.sim.SimulationSpec;
import org.stemloop.sim.Simulator;

/**
 * The agent against a real broker (embedded HiveMQ, one for the class) and a real H2 file database:
 * a Paho client publishes frames and control messages and reads what comes back.
 */
@Tag("integration")
class AgentEndToEndTest {

    private static final int WAIT_S = 20;
    private static final AtomicInteger INSTRUMENTS = new AtomicInteger();

    private static EmbeddedBroker broker;
    private static Vertx vertx;

    @TempDir
    Path dir;

    private Topics topics;
    private AgentConfig config;
    private Agent agent;
    private TestClient client;

    @BeforeAll
    static void startBroker() {
        broker = EmbeddedBroker.start(0);
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stopBroker() throws Exception {
        await(vertx.close());
        broker.close();
    }

    @BeforeEach
    void startAgent() throws Exception {
        // one instrument per test: topics, retained status and the persistent session stay apart
        topics = new Topics("scope-" + INSTRUMENTS.incrementAndGet());
        config = new AgentConfig(new BrokerSettings(broker.url(), "agent-" + topics.instrument(), null,
                null, topics, 60), "jdbc:h2:" + dir.resolve("db").toAbsolutePath(),
                AnalysisSettings.of(RunMode.AUTONOMOUS, AgentConfig.DEFAULT_PARAMS, "graphene"), InputLimits.DEFAULT,
                new OperationsSettings(Backpressure.DEFAULT, null, LogFormat.PLAIN, true));
        agent = await(Agent.start(vertx, config));
        client = new TestClient(broker.url(), topics);
        client.awaitField(topics.status(), "state", "online", WAIT_S);
    }

    @AfterEach
    void stopAgent() throws Exception {
        client.close();
        await(agent.stop());
    }

    @Test
    void everyFrameGetsItsDetectionsAndOneRowEvenWhenSentTwice() throws Exception {
        SimulatedFrame sim = simulate(1);
        byte[] npy = NpyCodec.encode(sim.frame());
        client.publishFrame(npy, FrameCodec.userProperties("f-1", 0.14, "graphene"));
        client.publishFrame(NpyCodec.encode(simulate(2).frame()), FrameCodec.userProperties("f-2", 0.14, "graphene"));
        client.publishFrame(npy, FrameCodec.userProperties("f-1", 0.14, "graphene"));

        JsonNode first = client.awaitField(topics.detections(), "frame_id", "f-1", WAIT_S);
        client.awaitField(topics.detections(), "frame_id", "f-2", WAIT_S);
        client.awaitField(topics.detections(), "frame_id", "f-1", WAIT_S);

        assertThat(first.get("run_id").asText()).isEqualTo(agent.runId());
        assertThat(first.get("method").asText()).isEqualTo("log*");
        // the first frame has no tuned parameters: LoG* runs, offers a front, and its recommendation serves
        JsonNode pareto = client.awaitField(topics.pareto(), "frame_id", "f-1", WAIT_S);
        assertThat(pareto.get("trigger").asText()).isEqualTo("no-parameters");
        int recommended = pareto.get("recommended").asInt();
        assertThat(first.get("option").asInt()).isEqualTo(recommended);
        assertThat(first.get("params")).isEqualTo(pareto.get("options").get(recommended).get("params"));
        assertThat(first.get("atoms").size()).as("atoms found vs %d true atoms", sim.atoms().size())
                .isBetween((int) (sim.atoms().size() * 0.8), (int) (sim.atoms().size() * 1.2));
        assertThat(first.get("rewards").get("qc").asDouble()).isBetween(0.0, 0.3);
        assertThat(first.get("latency_ms").asDouble()).isPositive();
        assertThat(first.has("classes")).as("classes are off by default: the message is as before").isFalse();
        assertThat(first.has("classification")).isFalse();
        assertThat(agent.queries().frameIds(agent.runId())).containsExactlyInAnyOrder("f-1", "f-2");
    }

    /** Issue 15: the defaults (mask auto, refine gauss) through the broker, and the mask stored with the frame. */
    @Test
    void aFrameWithAHoleGoesOutWithFloatPositionsAndItsMask() throws Exception {
        org.stemloop.image.Frame holed = org.stemloop.testsupport.HoledFrames.graphene(256, 80, 7).frame();
        client.publishFrame(NpyCodec.encode(holed), FrameCodec.userProperties("h-1",
                holed.pixelSizeAngstrom().orElseThrow(), "graphene"));

        JsonNode d = client.awaitField(topics.detections(), "frame_id", "h-1", WAIT_S);
        double masked = d.get("masked_fraction").asDouble();
        assertThat(masked).as(d.path("mask").toString()).isGreaterThan(0.1);
        JsonNode mask = d.get("mask");
        int cell = mask.get("cell").asInt();
        assertThat(mask.get("grid").size()).isEqualTo(mask.get("rows").asInt()).isEqualTo((256 + cell - 1) / cell);
        assertThat(mask.get("grid").get(0).asText()).hasSize(mask.get("cols").asInt()).matches("[01]+");
        assertThat(d.get("refinement").get("method").asText()).isEqualTo("gauss");
        assertThat(d.get("refinement").get("fitted").asInt()).isPositive();
        long offGrid = 0;
        for (JsonNode a : d.get("atoms")) {
            if (a.get(0).asDouble() != Math.rint(a.get(0).asDouble()) || a.get(1).asDouble() != Math.rint(a.get(1).asDouble())) {
                offGrid++;
            }
        }
        assertThat(offGrid).as("atoms at sub-pixel positions").isGreaterThan(d.get("atoms").size() / 2);
        // deep in the hole: no atom. The mask's cells are a quarter of its 32 px lattice window, decided by brightness
        // at the edges (CrystalMaskEstimator): a noise blob may survive within a window (4 cells) of the edge
        for (JsonNode a : d.get("atoms")) {
            assertThat(Math.hypot(a.get(0).asDouble() - 128, a.get(1).asDouble() - 128)).isGreaterThan(80.0 - 4 * cell);
        }
        JsonNode pareto = client.awaitField(topics.pareto(), "frame_id", "h-1", WAIT_S);
        assertThat(pareto.get("masked_fraction").asDouble()).isEqualTo(masked);
        assertThat(pareto.get("mask")).isEqualTo(mask);

        var stored = new org.stemloop.store.FrameMasks(agent.database()).find(agent.runId(), "h-1").orElseThrow();
        assertThat(stored.maskedFraction()).isEqualTo(masked);
        assertThat(stored.cell()).isEqualTo(cell);
        List<String> grid = new java.util.ArrayList<>();
        mask.get("grid").forEach(r -> grid.add(r.asText()));
        assertThat(stored.rows()).isEqualTo(grid);
        assertThat(stored.refinement()).isEqualTo("gauss");
    }

    @Test
    void withClassesOnEveryAtomCarriesItsClass() throws Exception {
        await(agent.stop());
        agent = await(Agent.start(vertx, with(config, null, AgentConfig.parseClasses("auto"))));
        client.awaitField(topics.status(), "run_id", agent.runId(), WAIT_S);
        // a 256² frame: ~490 atoms, 3% Si dopants, which are brighter and get a class of their own
        SimulatedFrame sim = Simulator.simulate(SimulationSpec.of(Material.GRAPHENE, 256).withNoiseLevel(0.1)
                .withSeed(6).withDefects(org.stemloop.sim.Defects.NONE.withDopants(0.03)));
        client.publishFrame(NpyCodec.encode(sim.frame()), FrameCodec.userProperties("c-1", 0.14, "graphene"));

        JsonNode d = client.awaitField(topics.detections(), "frame_id", "c-1", WAIT_S);
        JsonNode classes = d.get("classes");
        assertThat(classes.isArray()).as(d.toString()).isTrue();
        assertThat(classes.size()).isEqualTo(d.get("atoms").size()).isGreaterThan(300);
        int k = d.get("classification").get("classes").asInt();
        assertThat(k).isBetween(2, 4);
        int[] counts = new int[k];
        classes.forEach(c -> counts[c.asInt()]++);
        assertThat(d.get("class_counts")).extracting(JsonNode::asInt).containsExactly(
                java.util.Arrays.stream(counts).boxed().toArray(Integer[]::new));
        assertThat(counts[0]).as("class 0 is the largest, the lattice").isGreaterThan(d.get("atoms").size() / 2);
        assertThat(d.get("classification").get("ms").asLong()).isNotNegative();
        assertThat(d.get("classification").get("patch_px").asInt()).isEqualTo(11);
    }

    @Test
    void aJsonEnvelopeServesMqtt311Clients() throws Exception {
        byte[] envelope = FrameCodec.envelope("env-1", NpyCodec.encode(simulate(3).frame()), 0.14, "graphene");
        client.publishFrame(envelope, java.util.Map.of());

        JsonNode detections = client.awaitField(topics.detections(), "frame_id", "env-1", WAIT_S);
        assertThat(detections.get("atoms").size()).isPositive();
    }

    @Test
    void pausedFramesAreKeptButNotAnalysedAndTheDecisionsAreRecorded() throws Exception {
        client.publishControl("{\"action\": \"pause\", \"by\": \"alice\"}");
        client.awaitField(topics.status(), "state", "paused", WAIT_S);
        client.publishFrame(NpyCodec.encode(simulate(4).frame()), FrameCodec.userProperties("p-1", 0.14, null));
        client.publishControl("{\"action\": \"resume\"}");
        client.awaitField(topics.status(), "state", "online", WAIT_S);
        client.publishFrame(NpyCodec.encode(simulate(5).frame()), FrameCodec.userProperties("r-1", 0.14, null));

        client.awaitField(topics.detections(), "frame_id", "r-1", WAIT_S);
        assertThat(agent.queries().frameIds(agent.runId())).containsExactly("p-1", "r-1");
        // r-1 is the first analysed frame: the agent optimised it and applied its recommendation
        assertThat(agent.decisions().actions(agent.runId())).containsExactly("pause", "resume", "optimise", "apply");
    }

    @Test
    void setModeChangesTheRunAndIsRecorded() throws Exception {
        client.publishControl("{\"action\": \"set-mode\", \"mode\": \"supervised\", \"by\": \"bob\"}");

        client.await(topics.status(), j -> "supervised".equals(j.path("mode").asText()), "mode=supervised", WAIT_S);
        assertThat(agent.state().mode()).isEqualTo(RunMode.SUPERVISED);
        assertThat(agent.decisions().actions(agent.runId())).containsExactly("set-mode");
    }

    @Test
    void aFrameThatFailsIsNotAcknowledgedAndTheNextRunGetsItAgain() throws Exception {
        await(agent.stop());
        AtomicBoolean broken = new AtomicBoolean(true);
        FrameAnalyzer flaky = (frame, material, state) -> {
            if (broken.get()) {
                throw new IllegalStateException("worker lost");
            }
            return new FixedParamsAnalyzer().analyze(frame, material, state);
        };
        agent = await(Agent.start(vertx, config, flaky));
        client.publishFrame(NpyCodec.encode(simulate(7).frame()), FrameCodec.userProperties("again-1", 0.14, null));

        JsonNode error = client.awaitField(topics.errors(), "frame_id", "again-1", WAIT_S);
        assertThat(error.get("error").asText()).isEqualTo("internal");
        assertThat(agent.queries().frameIds(agent.runId())).isEmpty();

        // same client id, persistent session: the broker still holds the unacknowledged frame
        await(agent.stop());
        broken.set(false);
        agent = await(Agent.start(vertx, config, flaky));
        client.awaitField(topics.detections(), "frame_id", "again-1", WAIT_S);
        assertThat(agent.queries().frameIds(agent.runId())).containsExactly("again-1");
    }

    @Test
    void aChoiceServesTheNextFrameWithExactlyThatOptionsParameters() throws Exception {
        // a frame with distinct readings to choose from (a clean frame's front is one option)
        SimulatedFrame ambiguous = Simulator.simulate(org.stemloop.testsupport.AmbiguousFrames.graphene(128, 11));
        client.publishFrame(NpyCodec.encode(ambiguous.frame()), FrameCodec.userProperties("c-1", 0.14, "graphene"));
        JsonNode pareto = client.awaitField(topics.pareto(), "frame_id", "c-1", WAIT_S);
        client.awaitField(topics.detections(), "frame_id", "c-1", WAIT_S);
        JsonNode options = pareto.get("options");
        assertThat(options.size()).isGreaterThan(1);
        int chosen = pareto.get("recommended").asInt() == 0 ? options.size() - 1 : 0;

        client.publishControl("{\"action\": \"choose\", \"option\": %d, \"frame_id\": \"c-1\", \"by\": \"carol\"}"
                .formatted(chosen));
        JsonNode applied = client.await(topics.pareto(), j -> j.path("applied").asInt(-1) == chosen, "applied=" + chosen,
                WAIT_S);
        assertThat(applied.get("applied_by").asText()).isEqualTo("operator");
        client.publishFrame(NpyCodec.encode(simulate(12).frame()), FrameCodec.userProperties("c-2", 0.14, "graphene"));

        JsonNode next = client.awaitField(topics.detections(), "frame_id", "c-2", WAIT_S);
        assertThat(next.get("params")).isEqualTo(options.get(chosen).get("params"));
        assertThat(next.get("option").asInt()).isEqualTo(chosen);
        assertThat(next.get("param_source").asText()).isEqualTo("operator");
        // the loop's acquisition requests are decision rows too (issue 20); this test is about the choice
        var decisions = agent.decisions().list(agent.runId()).stream()
                .filter(d -> !"acquire-request".equals(d.action())).toList();
        assertThat(decisions).extracting(d -> d.actor() + ":" + d.action())
                .containsExactly("agent:optimise", "agent:apply", "carol:choose");
        assertThat(decisions.get(2).optionId()).isEqualTo(Integer.toString(chosen));
        assertThat(decisions.get(2).frameId()).isEqualTo("c-1");
        assertThat(agent.queries().paretoFrames(agent.runId())).containsExactly("c-1");
        assertThat(agent.queries().detectionOptions(agent.runId()))
                .containsExactly(pareto.get("recommended").asText(), Integer.toString(chosen));
    }

    @Test
    void reoptimizeAndANewFrameSizeMakeANewFront() throws Exception {
        client.publishFrame(NpyCodec.encode(simulate(21).frame()), FrameCodec.userProperties("o-1", 0.14, "graphene"));
        client.awaitField(topics.pareto(), "frame_id", "o-1", WAIT_S);
        client.publishFrame(NpyCodec.encode(simulate(22).frame()), FrameCodec.userProperties("o-2", 0.14, "graphene"));
        JsonNode fast = client.awaitField(topics.detections(), "frame_id", "o-2", WAIT_S);
        assertThat(fast.get("param_source").asText()).isEqualTo("optimiser");

        client.publishControl("{\"action\": \"reoptimize\", \"by\": \"dan\"}");
        client.await(topics.status(), j -> "online".equals(j.path("state").asText()), "status after reoptimize", WAIT_S);
        client.publishFrame(NpyCodec.encode(simulate(23).frame()), FrameCodec.userProperties("o-3", 0.14, "graphene"));
        assertThat(client.awaitField(topics.pareto(), "frame_id", "o-3", WAIT_S).get("trigger").asText())
                .isEqualTo("reoptimize");

        SimulatedFrame bigger = Simulator.simulate(SimulationSpec.of(Material.GRAPHENE, 160).withNoiseLevel(0.05));
        client.publishFrame(NpyCodec.encode(bigger.frame()), FrameCodec.userProperties("o-4", 0.14, "graphene"));
        assertThat(client.awaitField(topics.pareto(), "frame_id", "o-4", WAIT_S).get("trigger").asText())
                .isEqualTo("frame-changed");
        assertThat(agent.queries().paretoFrames(agent.runId())).containsExactly("o-1", "o-3", "o-4");
    }

    @Test
    void withAUnetConfiguredEveryFrameGetsLogStarAndUnetDetectionsBothStored() throws Exception {
        await(agent.stop());
        agent = await(Agent.start(vertx, with(config, "graphene", null)));
        SimulatedFrame sim = Simulator.simulate(SimulationSpec.of(Material.GRAPHENE, 128).withNoiseLevel(0.1)
                .withSeed(4242));
        client.publishFrame(NpyCodec.encode(sim.frame()), FrameCodec.userProperties("u-1", 0.14, "graphene"));

        JsonNode log = client.await(topics.detections(), j -> "u-1".equals(j.path("frame_id").asText())
                && "log*".equals(j.path("method").asText()), "log* detections of u-1", WAIT_S);
        JsonNode unet = client.await(topics.detections(), j -> "u-1".equals(j.path("frame_id").asText())
                && "unet".equals(j.path("method").asText()), "unet detections of u-1", WAIT_S);
        assertThat(log.get("params").isObject()).isTrue();
        assertThat(unet.get("run_id").asText()).isEqualTo(agent.runId());
        assertThat(unet.get("model").asText()).isEqualTo("graphene");
        assertThat(unet.get("params").isNull()).isTrue();
        assertThat(unet.get("latency_ms").asDouble()).isPositive();
        for (JsonNode a : unet.get("atoms")) {
            assertThat(a.size()).isEqualTo(4);
            assertThat(a.get(2).asDouble()).as("probability").isBetween(0.0, 1.0);
            assertThat(a.get(3).asDouble()).as("uncertainty (variance)").isBetween(0.0, 0.25);
        }
        assertThat(f1(unet, sim)).as("U-Net F1 against the simulator's truth").isGreaterThanOrEqualTo(0.9);
        assertThat(agent.queries().detectionMethods(agent.runId(), "u-1")).containsExactly("log*", "unet");

        // a redelivered frame id: both published again, still one row per method
        client.publishFrame(NpyCodec.encode(sim.frame()), FrameCodec.userProperties("u-1", 0.14, "graphene"));
        client.await(topics.detections(), j -> "u-1".equals(j.path("frame_id").asText())
                && "unet".equals(j.path("method").asText()), "unet detections of u-1 again", WAIT_S);
        assertThat(agent.queries().detectionMethods(agent.runId(), "u-1")).containsExactly("log*", "unet");
    }

    @Test
    void aUnetFailureOnAFrameIsReportedAndTheFrameKeepsItsLogStarResults() throws Exception {
        await(agent.stop());
        agent = await(Agent.start(vertx, with(config, "graphene", null), new LogStarAnalyzer(config.optimiser()),
                detect -> frame -> {
                    if (frame.height() == 96) {
                        throw new IllegalStateException("ONNX Runtime fell over");
                    }
                    return detect.apply(frame);
                }));
        SimulatedFrame bad = Simulator.simulate(SimulationSpec.of(Material.GRAPHENE, 96).withNoiseLevel(0.05));
        client.publishFrame(NpyCodec.encode(bad.frame()), FrameCodec.userProperties("uf-1", 0.14, "graphene"));

        JsonNode error = client.awaitField(topics.errors(), "frame_id", "uf-1", WAIT_S);
        assertThat(error.get("error").asText()).isEqualTo("unet-failed");
        assertThat(error.get("detail").asText()).contains("ONNX Runtime fell over");
        JsonNode log = client.awaitField(topics.detections(), "frame_id", "uf-1", WAIT_S);
        assertThat(log.get("method").asText()).isEqualTo("log*");
        assertThat(agent.queries().detectionMethods(agent.runId(), "uf-1")).containsExactly("log*");

        // the U-Net goes on with the next frame
        client.publishFrame(NpyCodec.encode(simulate(8).frame()), FrameCodec.userProperties("uf-2", 0.14, "graphene"));
        client.await(topics.detections(), j -> "uf-2".equals(j.path("frame_id").asText())
                && "unet".equals(j.path("method").asText()), "unet detections of uf-2", WAIT_S);
        assertThat(agent.queries().frameIds(agent.runId())).containsExactly("uf-1", "uf-2");
    }

    @Test
    void aUnetModelThatDoesNotLoadFailsTheStartNamingIt() throws Exception {
        Path bad = dir.resolve("broken.onnx");
        java.nio.file.Files.writeString(bad, "not a model");
        var start = Agent.start(vertx, with(config, bad.toString(), null));
        var failure = start.toCompletionStage().toCompletableFuture();
        assertThat(failure).failsWithin(WAIT_S, TimeUnit.SECONDS).withThrowableOfType(
                java.util.concurrent.ExecutionException.class).havingCause()
                .isInstanceOf(org.stemloop.unet.UnetModelException.class)
                .withMessageContaining(bad.toString());
    }

    /**
     * An agent in a share group: frames through the shared subscription, its own status topic, and a choice
     * that must name its run (another member's choice is left to that member, quietly).
     */
    @Test
    void inAShareGroupTheStatusIsTheAgentsOwnAndAChoiceMustNameItsRun() throws Exception {
        Topics shared = new Topics(topics.instrument() + "-g");
        AgentConfig member = AgentConfig.of(new BrokerSettings(broker.url(), "member-a", null, null, shared, 60,
                BrokerTls.DEFAULT, "g"), "jdbc:h2:" + dir.resolve("member-db").toAbsolutePath(),
                AnalysisSettings.of(RunMode.AUTONOMOUS, AgentConfig.DEFAULT_PARAMS, "graphene"));
        // its own Vert.x: the event-bus addresses are per instance, and this class's agent already uses them
        Vertx own = Vertx.vertx();
        Agent a = await(Agent.start(own, member));
        try (TestClient c = new TestClient(broker.url(), shared, shared.agentStatus("member-a"))) {
            c.awaitField(shared.agentStatus("member-a"), "state", "online", WAIT_S);
            c.publishFrame(NpyCodec.encode(simulate(41).frame()), FrameCodec.userProperties("g-1", 0.14, "graphene"));
            JsonNode pareto = c.awaitField(shared.pareto(), "frame_id", "g-1", WAIT_S);
            c.awaitField(shared.detections(), "frame_id", "g-1", WAIT_S);
            int chosen = pareto.get("recommended").asInt() == 0 ? pareto.get("options").size() - 1 : 0;

            // another member's choice first: it is left alone without an error, so the first error is the next one's
            c.publishControl("{\"action\": \"choose\", \"option\": %d, \"run_id\": \"another-members-run\"}"
                    .formatted(chosen));
            c.publishControl("{\"action\": \"choose\", \"option\": %d}".formatted(chosen));
            assertThat(c.awaitField(shared.errors(), "error", "bad-control", WAIT_S).get("detail").asText())
                    .contains("name the \"run_id\"");
            c.publishControl("{\"action\": \"choose\", \"option\": %d, \"run_id\": \"%s\", \"by\": \"dana\"}"
                    .formatted(chosen, a.runId()));
            c.await(shared.pareto(), j -> j.path("applied").asInt(-1) == chosen, "applied=" + chosen, WAIT_S);
            assertThat(a.decisions().list(a.runId())).extracting(d -> d.actor() + ":" + d.action())
                    .containsExactly("agent:optimise", "agent:apply", "dana:choose");
            c.publishControl("{\"action\": \"pause\"}");
            c.await(shared.agentStatus("member-a"), j -> "paused".equals(j.path("state").asText()), "paused", WAIT_S);
        } finally {
            await(a.stop());
            await(own.close());
        }
    }

    @Nested
    class Failures {

        @Test
        void badChoicesAndLatticesAreAnsweredOnTheErrorsTopic() throws Exception {
            client.publishControl("{\"action\": \"choose\", \"option\": 0}");
            assertThat(client.awaitField(topics.errors(), "error", "bad-control", WAIT_S).get("detail").asText())
                    .startsWith("choose: no Pareto options yet");
            client.publishControl("{\"action\": \"set-lattice\", \"material\": \"gold\"}");
            assertThat(client.awaitField(topics.errors(), "error", "bad-control", WAIT_S).get("detail").asText())
                    .startsWith("set-lattice: \"material\" must be graphene or srtio3");

            client.publishFrame(NpyCodec.encode(simulate(31).frame()), FrameCodec.userProperties("e-1", 0.14, null));
            client.awaitField(topics.pareto(), "frame_id", "e-1", WAIT_S);
            client.publishControl("{\"action\": \"choose\", \"option\": 99}");
            assertThat(client.awaitField(topics.errors(), "error", "bad-control", WAIT_S).get("detail").asText())
                    .startsWith("choose: no option 99 (frame e-1 offers 0-");
            client.publishControl("{\"action\": \"choose\", \"option\": 0, \"frame_id\": \"old\"}");
            assertThat(client.awaitField(topics.errors(), "error", "bad-control", WAIT_S).get("detail").asText())
                    .contains("no longer offered");
            client.publishControl("{\"action\": \"choose\", \"option\": 0, \"run_id\": \"another-run\"}");
            assertThat(client.awaitField(topics.errors(), "error", "bad-control", WAIT_S).get("detail").asText())
                    .startsWith("choose: the options of run another-run are not this run's");
            // a front the agent did not publish (e.g. a console's stale copy): its option 0 is another one
            client.publishControl("{\"action\": \"choose\", \"option\": 0, \"frame_id\": \"e-1\", \"params\": "
                    + "{\"min_sigma\": 2, \"max_sigma\": 6, \"num_sigma\": 10, \"threshold\": 0.03, \"overlap\": 0.9}}");
            assertThat(client.awaitField(topics.errors(), "error", "bad-control", WAIT_S).get("detail").asText())
                    .startsWith("choose: option 0 of frame e-1 has other params than the message's");
            // the loop's acquisition requests are decision rows too (issue 20): none of the refused choices is
            assertThat(agent.decisions().actions(agent.runId())).filteredOn(a -> !"acquire-request".equals(a))
                    .containsExactly("optimise", "apply");
        }

        @Test
        void aBrokenFrameGoesToTheErrorsTopicWithItsFrameId() throws Exception {
            client.publishFrame("not an image".getBytes(StandardCharsets.UTF_8),
                    FrameCodec.userProperties("broken-1", Double.NaN, null));

            JsonNode error = client.awaitField(topics.errors(), "frame_id", "broken-1", WAIT_S);
            assertThat(error.get("error").asText()).isEqualTo("bad-frame");
            assertThat(error.get("detail").asText()).contains("not an NPY file");
            assertThat(agent.queries().frameIds(agent.runId())).isEmpty();
        }

        @Test
        void aFrameWithoutFrameIdIsRefused() throws Exception {
            client.publishFrame(NpyCodec.encode(simulate(6).frame()), java.util.Map.of());

            JsonNode error = client.awaitField(topics.errors(), "error", "missing-frame-id", WAIT_S);
            assertThat(error.has("frame_id")).isFalse();
        }

        @Test
        void malformedOrUnknownControlMessagesAreAnswered() throws Exception {
            client.publishControl("{not json");
            JsonNode malformed = client.awaitField(topics.errors(), "error", "bad-control", WAIT_S);
            assertThat(malformed.get("detail").asText()).startsWith("Control message is not valid JSON");

            client.publishControl("{\"action\": \"dance\"}");
            JsonNode unknown = client.awaitField(topics.errors(), "error", "bad-control", WAIT_S);
            assertThat(unknown.get("detail").asText()).startsWith("Unknown control action: dance");

            client.publishControl("{\"action\": \"set-mode\", \"mode\": \"manual\"}");
            JsonNode badMode = client.awaitField(topics.errors(), "error", "bad-control", WAIT_S);
            assertThat(badMode.get("detail").asText()).isEqualTo(
                    "set-mode: Unknown mode: manual (expected supervised or autonomous)");
            assertThat(agent.decisions().actions(agent.runId())).isEmpty();
        }
    }

    private static SimulatedFrame simulate(long seed) {
        return Simulator.simulate(SimulationSpec.of(Material.GRAPHENE, 128).withNoiseLevel(0.05).withSeed(seed));
    }

    private static double f1(JsonNode detections, SimulatedFrame truth) {
        List<org.stemloop.eval.Point> found = new java.util.ArrayList<>();
        for (JsonNode a : detections.get("atoms")) {
            found.add(new org.stemloop.eval.Point(a.get(0).asDouble(), a.get(1).asDouble()));
        }
        List<org.stemloop.eval.Point> atoms = truth.atoms().stream()
                .map(a -> new org.stemloop.eval.Point(a.row(), a.col())).toList();
        return org.stemloop.eval.Evaluation.atDefaultRadius(found, atoms).reported().f1();
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(WAIT_S, TimeUnit.SECONDS);
    }

    /** The same agent with this U-Net and these atom classes ({@code null}: none). */
    private static AgentConfig with(AgentConfig config, String unetModel, org.stemloop.cluster.ClassSettings classes) {
        AnalysisSettings a = config.analysis();
        return new AgentConfig(config.broker(), config.jdbcUrl(), new AnalysisSettings(a.mode(), a.params(),
                a.material(), a.optimiser(), unetModel, classes), config.limits(), config.operations());
    }
}
