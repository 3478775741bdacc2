import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;
import org.stemloop.agent.Agent;
import org.stemloop.agent.AgentConfig;
import org.stemloop.agent.AnalysisSettings;
import org.stemloop.agent.Backpressure;
import org.stemloop.agent.OperationsSettings;
import org.stemloop.agent.RunMode;
import org.stemloop.eval.OneToOneMatching;
import org.stemloop.eval.Point;
import org.stemloop.mqtt.BrokerSettings;
import org.stemloop.mqtt.EmbeddedBroker;
import org.stemloop.mqtt.FrameCodec;
import org.stemloop.mqtt.Topics;
import org.stemloop.reward.Lattice;
import org.stemloop.reward.MaskGrid;
import org.stemloop.reward.Material;
import org.stemloop.reward.RewardContext;

/**
 * docs/benchmarks.md, "Contrast and pixel size in the agent": each simulated frame (a folder with simulate's
 * frame.npy and truth.json, and analyze's output in an/) sent to a fresh agent (embedded broker, defaults of
 * run: contrast auto, calibrate lattice, mask auto, refine gauss) at its told pixel size; prints the agent's and
 * analyze's pixel size, found / expected atoms and F1 against the truth (one-to-one, NN/3).
 * Run: java -cp agent/target/stemloop.jar tools/AgentVsAnalyze.java DIR...
 */
public class AgentVsAnalyze {
    static final ObjectMapper JSON = new ObjectMapper();

    public static void main(String[] args) throws Exception {
        System.err.println("starting the broker");
        EmbeddedBroker broker = EmbeddedBroker.start(0);
        System.err.println("broker at " + broker.url());
        Vertx vertx = Vertx.vertx();
        System.out.println("| frame | told Å/px | true | agent Å/px | agent found/expected | agent F1 | analyze Å/px | analyze found/expected | analyze F1 | agent s |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|");
        int n = 0;
        for (String a : args) {
            Path dir = Path.of(a);
            JsonNode truth = JSON.readTree(dir.resolve("truth.json").toFile());
            String material = truth.get("material").asText();
            double told = truth.get("told_pixel_size_angstrom").asDouble();
            double truePx = truth.get("pixel_size_angstrom").asDouble();
            double nn = (material.equals("graphene") ? 1.42 : 3.905 / Math.sqrt(2)) / truePx;
            List<Point> real = new ArrayList<>();
            truth.get("atoms").forEach(t -> real.add(new Point(t.get(0).asDouble(), t.get(1).asDouble())));

            Topics topics = new Topics("bench-" + (++n));
            Path db = Files.createTempDirectory("avsa");
            AgentConfig config = new AgentConfig(new BrokerSettings(broker.url(), "agent-" + topics.instrument(), null,
                    null, topics, 60), "jdbc:h2:" + db.resolve("db").toAbsolutePath(),
                    AnalysisSettings.of(RunMode.AUTONOMOUS, AgentConfig.DEFAULT_PARAMS, material),
                    org.stemloop.mqtt.InputLimits.DEFAULT, new OperationsSettings(Backpressure.DEFAULT, null,
                    org.stemloop.ops.LogFormat.PLAIN, true));
            System.err.println("starting the agent for " + dir);
            Agent agent = Agent.start(vertx, config).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
            System.err.println("agent started");
            MqttClient client = new MqttClient(broker.url(), "bench-client-" + n, new MemoryPersistence());
            client.connect(new MqttConnectionOptions());
            CompletableFuture<JsonNode> got = new CompletableFuture<>();
            client.subscribe(topics.detections(), 1, (t, m) -> got.complete(JSON.readTree(m.getPayload())));
            client.subscribe(topics.errors(), 1, (t, m) -> got.completeExceptionally(
                    new IllegalStateException(new String(m.getPayload(), java.nio.charset.StandardCharsets.UTF_8))));
            // the agent takes frames once it says online (a frame before its subscription is lost)
            CompletableFuture<Boolean> online = new CompletableFuture<>();
            client.subscribe(topics.status(), 1, (t, m) -> {
                if (JSON.readTree(m.getPayload()).path("state").asText().equals("online")) {
                    online.complete(true);
                }
            });
            online.get(60, TimeUnit.SECONDS);
            MqttMessage message = new MqttMessage(Files.readAllBytes(dir.resolve("frame.npy")), 1, false, null);
            MqttProperties props = new MqttProperties();
            props.setUserProperties(FrameCodec.userProperties(dir.getFileName().toString(), told, material).entrySet()
                    .stream().map(e -> new UserProperty(e.getKey(), e.getValue())).toList());
            message.setProperties(props);
            long t0 = System.nanoTime();
            client.publish(topics.frames(), message);
            JsonNode d = got.get(300, TimeUnit.SECONDS);
            double secs = (System.nanoTime() - t0) / 1e9;
            client.disconnect();
            client.close();
            agent.stop().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);

            int h = truth.get("height").asInt(), w = truth.get("width").asInt();
            double used = d.at("/pixel_size/used_angstrom").asDouble();
            List<String> rows = new ArrayList<>();
            d.at("/mask/grid").forEach(r -> rows.add(r.asText()));
            RewardContext ctx = RewardContext.of(Lattice.of(Material.parse(material)), h, w, used)
                    .over(MaskGrid.parse(h, w, d.at("/mask/cell").asInt(), rows));
            double agentF1 = f1(d.get("atoms"), real, nn / 3);

            JsonNode an = JSON.readTree(dir.resolve("an/detections.json").toFile());
            JsonNode pareto = JSON.readTree(dir.resolve("an/pareto.json").toFile());
            double anPx = pareto.at("/lattice/pixel_size_angstrom").asDouble();
            System.out.printf(java.util.Locale.ROOT, "| %s | %.4f | %.4f | %.4f | %d / %.0f | %.3f | %.4f | %d / %.0f | %.3f | %.1f |%n",
                    dir.getFileName(), told, truePx, used, d.get("atoms").size(), ctx.expectedCount(), agentF1, anPx,
                    an.get("atoms").size(), pareto.get("expected_atoms_on_crystal").asDouble(),
                    f1(an.get("atoms"), real, nn / 3), secs);
        }
        vertx.close().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
        broker.close();
        System.exit(0);
    }

    static double f1(JsonNode atoms, List<Point> real, double radius) {
        List<Point> found = new ArrayList<>();
        atoms.forEach(a -> found.add(new Point(a.get(0).asDouble(), a.get(1).asDouble())));
        return OneToOneMatching.match(found, real, radius).scores().f1();
    }
}
