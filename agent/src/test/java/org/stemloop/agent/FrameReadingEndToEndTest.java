package org.stemloop.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stemloop.eval.OneToOneMatching;
import org.stemloop.eval.Point;
import org.stemloop.image.NpyCodec;
import org.stemloop.mqtt.BrokerSettings;
import org.stemloop.mqtt.EmbeddedBroker;
import org.stemloop.mqtt.FrameCodec;
import org.stemloop.mqtt.Topics;
import org.stemloop.reward.Material;
import org.stemloop.sim.Preset;
import org.stemloop.sim.RealisticFrame;
import org.stemloop.sim.RealisticSpec;
import org.stemloop.sim.Simulator;

/**
 * Issue 15's reading of frames in the running agent (embedded HiveMQ, H2 file, the defaults of {@code run}:
 * contrast auto, calibrate lattice): an annular bright field SrTiO3 frame (dark columns) sent over MQTT has its
 * columns found, and a frame whose told pixel size is 4% off is counted against the lattice's own pixel size.
 * Read as sent (the agent before), the first gave F1 0 and the second 9% too many atoms
 * ({@link FrameReadingAgentTest} compares both readings without a broker).
 */
@Tag("integration")
class FrameReadingEndToEndTest {

    private static final int WAIT_S = 120;
    private static EmbeddedBroker broker;
    private static Vertx vertx;

    @TempDir
    Path dir;

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

    @Test
    void anAbfFrameAndAMiscalibratedOneAreReadAsAnalyzeReadsThem() throws Exception {
        Topics topics = new Topics("reading-1");
        AgentConfig config = new AgentConfig(new BrokerSettings(broker.url(), "agent-" + topics.instrument(), null,
                null, topics, 60), "jdbc:h2:" + dir.resolve("db").toAbsolutePath(),
                AnalysisSettings.of(RunMode.AUTONOMOUS, AgentConfig.DEFAULT_PARAMS, "srtio3"),
                org.stemloop.mqtt.InputLimits.DEFAULT, new OperationsSettings(Backpressure.DEFAULT, null,
                org.stemloop.ops.LogFormat.PLAIN, true));
        assertThat(config.analysis().preparation().toString()).isEqualTo("contrast auto, calibrate lattice");
        Agent agent = await(Agent.start(vertx, config));
        try (TestClient client = new TestClient(broker.url(), topics)) {
            client.awaitField(topics.status(), "state", "online", 20);

            // ABF: dark columns on a bright background, told the true pixel size
            RealisticFrame abf = Simulator.realistic(Preset.parse("abf-srtio3").spec(256), 2);
            double px = abf.spec().pixelSizeAngstrom();
            client.publishFrame(NpyCodec.encode(abf.frame()), FrameCodec.userProperties("abf-1", px, "srtio3"));
            JsonNode dark = client.awaitField(topics.detections(), "frame_id", "abf-1", WAIT_S);
            assertThat(dark.get("contrast").asText()).isEqualTo("dark");
            assertThat(dark.get("contrast_source").asText()).isEqualTo("auto");
            assertThat(dark.at("/pixel_size/told_angstrom").asDouble()).isEqualTo(px);
            assertThat(f1(dark, abf, 3.905 / Math.sqrt(2) / px / 3)).as("F1 of the ABF columns")
                    .isGreaterThanOrEqualTo(0.9);

            // HAADF told 4% too large: the lattice's pixel size is used, the count follows the truth
            RealisticSpec spec = Preset.haadf(Material.SRTIO3).spec(512).withCalibrationError(0.04).withDose(50);
            RealisticFrame off = Simulator.realistic(spec, 3);
            double told = spec.toldPixelSizeAngstrom();
            client.publishFrame(NpyCodec.encode(off.frame()), FrameCodec.userProperties("off-1", told, "srtio3"));
            JsonNode corrected = client.awaitField(topics.detections(), "frame_id", "off-1", WAIT_S);
            assertThat(corrected.get("contrast").asText()).isEqualTo("bright");
            JsonNode p = corrected.get("pixel_size");
            assertThat(p.get("calibrated").asBoolean()).as(p.toString()).isTrue();
            assertThat(p.get("told_angstrom").asDouble()).isEqualTo(told);
            assertThat(p.get("used_angstrom").asDouble() / spec.pixelSizeAngstrom() - 1).as(p.toString())
                    .isBetween(-0.01, 0.01);
            int found = corrected.get("atoms").size();
            assertThat((double) found / off.atoms().size() - 1).as("found %d of %d true columns", found,
                    off.atoms().size()).isBetween(-0.03, 0.03);
            assertThat(f1(corrected, off, 3.905 / Math.sqrt(2) / spec.pixelSizeAngstrom() / 3))
                    .isGreaterThanOrEqualTo(0.97);
        } finally {
            await(agent.stop());
        }
    }

    private static double f1(JsonNode detections, RealisticFrame truth, double radiusPx) {
        List<Point> found = new ArrayList<>();
        detections.get("atoms").forEach(a -> found.add(new Point(a.get(0).asDouble(), a.get(1).asDouble())));
        List<Point> real = truth.atoms().stream().map(t -> new Point(t.row(), t.col())).toList();
        return OneToOneMatching.match(found, real, radiusPx).scores().f1();
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }
}
