package org.stemloop.bench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.IMqttMessageListener;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;
import org.stemloop.agent.AgentConfig;
import org.stemloop.agent.AnalysisSettings;
import org.stemloop.agent.OptimiserSettings;
import org.stemloop.agent.RunMode;
import org.stemloop.bench.LatencyHistogram;
import org.stemloop.bench.LatencyStats;
import org.stemloop.cli.AgentLauncher;
import org.stemloop.detect.Refinement;
import org.stemloop.reward.MaskMode;
import org.stemloop.image.Frame;
import org.stemloop.image.NpyCodec;
import org.stemloop.mqtt.BrokerSettings;
import org.stemloop.mqtt.EmbeddedBroker;
import org.stemloop.mqtt.FrameCodec;
import org.stemloop.mqtt.Topics;
import org.stemloop.reward.Material;
import org.stemloop.sim.SimulationSpec;
import org.stemloop.sim.Simulator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code stemloop bench latency}: frame in to detections out through a real broker (issue 4, DESIGN §3b). */
@Command(name = "latency",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
                "Publishes N simulated frames at a set rate to the agent through an MQTT broker",
                "(embedded HiveMQ unless --broker) and times each from the publish call to its",
                "detections message (same clock: the client runs in this process, the agent too,",
                "with fixed LoG parameters: no optimisation; float32 NPY frames with user properties).",
                "Goal: p50 <= 100 ms, p99 <= 300 ms",
                "at 512 x 512. Writes DIR/latency.csv, latency.md, latency.json, latency.png.",
                ""})
final class BenchLatencyCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final int DISTINCT_FRAMES = 8;

    @Spec
    CommandSpec command;

    @Option(names = "--frames", paramLabel = "N", defaultValue = "200",
            description = "Frames timed (default ${DEFAULT-VALUE}).")
    int frames;

    @Option(names = "--warmup", paramLabel = "W", defaultValue = "20",
            description = "Frames sent first and not timed, so the JIT has compiled the path (default ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--rate", paramLabel = "FPS", defaultValue = "5",
            description = "Frames per second published, 0.1-100 (default ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--size", paramLabel = "N", defaultValue = "512",
            description = "Frame side in pixels (default ${DEFAULT-VALUE}).")
    int size;

    @Option(names = "--material", paramLabel = "graphene|srtio3", defaultValue = "graphene",
            description = "What the frames show (default ${DEFAULT-VALUE}).")
    String material;

    @Option(names = "--mask", paramLabel = "auto|none", defaultValue = "auto",
            description = "The agent's crystal mask, as run's (default ${DEFAULT-VALUE}).")
    String mask;

    @Option(names = "--refine", paramLabel = "gauss|com|none", defaultValue = "gauss",
            description = "The agent's sub-pixel refinement, as run's (default ${DEFAULT-VALUE}).")
    String refine;

    @Option(names = "--broker", paramLabel = "URL",
            description = "An external broker, e.g. tcp://127.0.0.1:1883 (default: an embedded HiveMQ on a free port).")
    String broker;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Output folder (created if missing).")
    Path out;

    @Override
    public Integer call() throws Exception {
        if (frames < 1 || warmup < 0) {
            throw new IllegalArgumentException("--frames must be at least 1 and --warmup not negative: " + frames + ", "
                    + warmup);
        }
        if (!(rate >= 0.1 && rate <= 100)) {
            throw new IllegalArgumentException("--rate must be in [0.1, 100] frames/s: " + rate);
        }
        System.setProperty("java.awt.headless", "true");
        Material m = Material.parse(material);
        PrintWriter err = command.commandLine().getErr();
        List<byte[]> npys = new ArrayList<>();
        for (int i = 0; i < DISTINCT_FRAMES; i++) {
            // float32, as a HAADF detector's frame: 1 MB at 512 x 512
            double[] px = Simulator.simulate(SimulationSpec.of(m, size).withNoiseLevel(0.1).withSeed(i + 1)).frame().pixels();
            float[] single = new float[px.length];
            for (int k = 0; k < px.length; k++) {
                single[k] = (float) px[k];
            }
            npys.add(NpyCodec.encode(Frame.ofFloats(size, size, single)));
        }
        Files.createDirectories(out);
        Path dbDir = Files.createTempDirectory("stemloop-latency-db");
        double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        Result result;
        try (EmbeddedBroker embedded = broker == null ? EmbeddedBroker.start(0) : null) {
            String url = broker == null ? embedded.url() : broker;
            Topics topics = new Topics("latency-bench");
            AgentConfig base = agentConfig(url, "stemloop-latency-agent", topics, dbDir, m, OptimiserSettings.OFF);
            AgentConfig config = new AgentConfig(base.broker(), base.jdbcUrl(),
                    base.analysis().withAtoms(MaskMode.parse(mask), Refinement.parse(refine)), base.limits(),
                    base.operations());
            try (AgentLauncher launcher = AgentLauncher.start(config, 60)) {
                result = drive(url, topics, npys, m, err);
            }
        } finally {
            deleteTree(dbDir);
        }
        double loadAfter = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        LatencyStats stats = LatencyStats.of(result.latencies(), result.lost(), result.spanMs());
        write(result, stats, loadBefore, loadAfter);
        PrintWriter o = command.commandLine().getOut();
        o.printf(Locale.ROOT, "mask %s, refine %s: ", mask, refine);
        o.printf(Locale.ROOT, "%d of %d frames of %d x %d %s at %.1f frames/s: p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, "
                        + "max %.1f ms, sustained %.2f frames/s (load average %.1f -> %.1f on %d cores)%n",
                stats.frames(), frames, size, size, m.id(), rate, stats.p50Ms(), stats.p90Ms(), stats.p99Ms(),
                stats.maxMs(), stats.framesPerSecond(), loadBefore, loadAfter, Runtime.getRuntime().availableProcessors());
        o.printf("wrote %s: latency.csv, latency.md, latency.json, latency.png%n", out);
        o.flush();
        return 0;
    }

    /**
     * The benchmarks' agent (also {@code bench soak}'s): autonomous, the default LoG parameters, {@code m}
     * assumed, an H2 file under {@code dbDir}, no persistent session (session expiry 0).
     */
    static AgentConfig agentConfig(String url, String clientId, Topics topics, Path dbDir, Material m,
                                   OptimiserSettings optimiser) {
        return AgentConfig.of(new BrokerSettings(url, clientId, null, null, topics, 0), "jdbc:h2:" + dbDir.resolve("db"),
                new AnalysisSettings(RunMode.AUTONOMOUS, AgentConfig.DEFAULT_PARAMS, m.id(), optimiser, null, null));
    }

    /** Publishes warm-up then timed frames at the rate; waits for every answer (or 30 s after the last publish). */
    private Result drive(String url, Topics topics, List<byte[]> npys, Material m, PrintWriter err) throws Exception {
        Map<String, Long> sent = new ConcurrentHashMap<>();
        Map<String, double[]> answered = new ConcurrentHashMap<>();
        MqttClient client = new MqttClient(url, "stemloop-latency-client", new MemoryPersistence());
        client.connect(new MqttConnectionOptions());
        try {
            java.util.Set<String> warmAnswered = ConcurrentHashMap.newKeySet();
            IMqttMessageListener onDetections = (topic, message) -> {
                long now = System.nanoTime();
                JsonNode d = JSON.readTree(message.getPayload());
                if (d.path("frame_id").asText().startsWith("warm-")) {
                    warmAnswered.add(d.path("frame_id").asText());
                }
                Long at = sent.get(d.path("frame_id").asText());
                if (at != null) {
                    answered.put(d.path("frame_id").asText(), new double[] {(now - at) / 1e6, d.path("latency_ms").asDouble()});
                }
            };
            client.subscribe(new MqttSubscription[] {new MqttSubscription(topics.detections(), 1)},
                    new IMqttMessageListener[] {onDetections});
            long period = Math.round(1e9 / rate);
            long start = System.nanoTime();
            int total = warmup + frames;
            for (int i = 0; i < total; i++) {
                if (i == warmup && warmup > 0) {
                    // the timed frames start on an empty pipeline: the warm-up's (JIT-cold) backlog is drained first
                    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
                    while (warmAnswered.size() < warmup && System.nanoTime() < until) {
                        TimeUnit.MILLISECONDS.sleep(20);
                    }
                    err.printf("bench latency: %d warm-up frames answered; timing %d frames%n", warmAnswered.size(), frames);
                    err.flush();
                    start = System.nanoTime() - i * period;
                }
                long due = start + i * period;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                String id = (i < warmup ? "warm-" : "lat-") + "%06d".formatted(i);
                MqttMessage msg = new MqttMessage(npys.get(i % npys.size()), 1, false, null);
                MqttProperties props = new MqttProperties();
                props.setUserProperties(FrameCodec.userProperties(id, m.defaultPixelSizeAngstrom(), m.id()).entrySet()
                        .stream().map(e -> new UserProperty(e.getKey(), e.getValue())).toList());
                msg.setProperties(props);
                if (i >= warmup) {
                    sent.put(id, System.nanoTime());
                }
                client.publish(topics.frames(), msg);
                if (i >= warmup && (i - warmup + 1) % Math.max(1, frames / 10) == 0) {
                    err.printf("bench latency: %d/%d frames sent, %d answered%n", i - warmup + 1, frames, answered.size());
                    err.flush();
                }
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (answered.size() < frames && System.nanoTime() < deadline) {
                TimeUnit.MILLISECONDS.sleep(20);
            }
            long firstSent = sent.values().stream().mapToLong(Long::longValue).min().orElseThrow();
            long lastAnswer = System.nanoTime();
            List<String> ids = new ArrayList<>(sent.keySet());
            ids.sort(null);
            List<String> done = ids.stream().filter(answered::containsKey).toList();
            double[] latencies = done.stream().mapToDouble(id -> answered.get(id)[0]).toArray();
            double[] agentMs = done.stream().mapToDouble(id -> answered.get(id)[1]).toArray();
            double maxLatency = java.util.Arrays.stream(latencies).max().orElse(0);
            // the span ends with the last answer: the send time of the last frame plus its latency
            double span = done.isEmpty() ? 0 : (sent.get(done.get(done.size() - 1)) - firstSent) / 1e6
                    + latencies[latencies.length - 1];
            err.printf("bench latency: %d/%d answered (slowest %.0f ms)%n", done.size(), frames, maxLatency);
            err.flush();
            return new Result(done, latencies, agentMs, frames - done.size(), span > 0 ? span : (lastAnswer - firstSent) / 1e6);
        } finally {
            client.disconnect();
            client.close();
        }
    }

    private void write(Result r, LatencyStats s, double loadBefore, double loadAfter) throws Exception {
        List<String> csv = new ArrayList<>();
        csv.add("frame_id,latency_ms,agent_ms");
        for (int i = 0; i < r.ids().size(); i++) {
            csv.add(String.format(Locale.ROOT, "%s,%.3f,%.3f", r.ids().get(i), r.latencies()[i], r.agentMs()[i]));
        }
        Files.write(out.resolve("latency.csv"), csv);
        int cores = Runtime.getRuntime().availableProcessors();
        String setup = String.format(Locale.ROOT, "%d frames of %d x %d %s at %.1f frames/s (+%d warm-up), fixed LoG "
                        + "parameters, broker %s, %d cores, load average %.1f -> %.1f", frames, size, size, material,
                rate, warmup, broker == null ? "embedded HiveMQ" : broker, cores, loadBefore, loadAfter);
        String md = String.join("\n",
                "# Publish-to-detections latency", "", setup, "",
                "| frames | lost | p50 ms | p90 ms | p99 ms | max ms | mean ms | sustained frames/s |",
                "|---|---|---|---|---|---|---|---|",
                String.format(Locale.ROOT, "| %d | %d | %.1f | %.1f | %.1f | %.1f | %.1f | %.2f |", s.frames(), s.lost(),
                        s.p50Ms(), s.p90Ms(), s.p99Ms(), s.maxMs(), s.meanMs(), s.framesPerSecond()),
                "", "Goal: p50 <= 100 ms, p99 <= 300 ms: " + (s.p50Ms() <= 100 && s.p99Ms() <= 300 ? "met" : "missed"),
                "");
        Files.writeString(out.resolve("latency.md"), md);
        ObjectNode json = JSON.createObjectNode();
        json.put("setup", setup).put("frames", s.frames()).put("lost", s.lost()).put("p50_ms", s.p50Ms())
                .put("p90_ms", s.p90Ms()).put("p99_ms", s.p99Ms()).put("max_ms", s.maxMs()).put("mean_ms", s.meanMs())
                .put("frames_per_second", s.framesPerSecond()).put("rate", rate).put("size", size)
                .put("load_average_before", loadBefore).put("load_average_after", loadAfter).put("cores", cores);
        JSON.writeValue(out.resolve("latency.json").toFile(), json);
        LatencyHistogram.write(r.latencies(), s, String.format(Locale.ROOT, "stemloop agent: %d x %d %s at %.1f frames/s",
                size, size, material, rate), out.resolve("latency.png"));
    }

    static void deleteTree(Path dir) throws java.io.IOException {
        try (var files = Files.walk(dir)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private record Result(List<String> ids, double[] latencies, double[] agentMs, int lost, double spanMs) {
    }
}
