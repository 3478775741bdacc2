package org.stemloop.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.stemloop.agent.AgentConfig;
import org.stemloop.agent.RunMode;
import org.stemloop.image.ImageSeries;
import org.stemloop.mqtt.EmbeddedBroker;
import org.stemloop.mqtt.Topics;
import org.stemloop.reward.Material;
import org.stemloop.sim.SimulationSpec;
import org.stemloop.twin.DigitalTwin;
import org.stemloop.twin.ReplayTwin;
import org.stemloop.web.UserFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code demo}: embedded broker + digital twin + agent on this machine, nothing to install. */
@Command(name = "demo",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
                "Starts an MQTT 5 broker (embedded HiveMQ, 127.0.0.1 only), the agent, and a digital-twin",
                "microscope that publishes simulated frames; prints one line per frame the agent answers.",
                "Watch with any MQTT client, e.g. mosquitto_sub -V 5 -p 1883 -t 'stemloop/#' -v.",
                "The shipped U-Net of the twin's material runs beside LoG* on every frame (its atoms are",
                "detections with \"method\": \"unet\", their own layer in the web UI); --unet-model none",
                "turns it off.",
                "Ctrl-C stops everything.",
                ""})
final class DemoCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    CommandSpec command;

    @Option(names = "--mqtt-port", paramLabel = "P", defaultValue = "1883",
            description = "Broker port on 127.0.0.1; 0 picks a free one (default ${DEFAULT-VALUE}).")
    int mqttPort;

    @Option(names = "--material", paramLabel = "graphene|srtio3", defaultValue = "graphene",
            description = "What the twin images (default ${DEFAULT-VALUE}).")
    String material;

    @Option(names = "--size", paramLabel = "N", defaultValue = "256",
            description = "Frame side in pixels, 16-8192 (default ${DEFAULT-VALUE}).")
    int size;

    @Option(names = "--noise", paramLabel = "L", defaultValue = "0.1",
            description = "Gaussian noise level on the [0, 1] frame (default ${DEFAULT-VALUE}).")
    double noise;

    @Option(names = "--rate", paramLabel = "FPS", defaultValue = "1",
            description = "Frames per second the twin publishes, up to 100 (default ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--frames", paramLabel = "N", defaultValue = "0",
            description = "Stop after N frames are answered; 0 runs until Ctrl-C (default ${DEFAULT-VALUE}).")
    long frames;

    @Option(names = "--db", paramLabel = "JDBC_URL", defaultValue = "jdbc:h2:./stemloop-data/demo",
            description = "Database (default ${DEFAULT-VALUE}).")
    String db;

    @Option(names = "--http-port", paramLabel = "P",
            description = "Serve the web UI on http://127.0.0.1:P/ (0 picks a free port); the first operator's"
                    + " password from STEMLOOP_PASSWORD, else generated and printed once.")
    Integer httpPort;

    @Option(names = "--unet-model", paramLabel = "graphene|srtio3|FILE.onnx|none",
            description = "U-Net beside LoG* (default: the shipped model of --material; none: LoG* only).")
    String unetModel;

    @Option(names = "--replay", paramLabel = "PATH",
            description = "Play this stack (.dm3/.dm4, .ser, .mrc, multi-page .tif) or folder of images at --rate"
                    + " instead of the twin: watch the agent on a recorded session (material only if --material is given).")
    Path replay;

    @Option(names = "--users", paramLabel = "FILE", defaultValue = "stemloop-data/users.txt",
            description = "Users file of the web UI (default ${DEFAULT-VALUE}).")
    Path users;

    @Override
    public Integer call() throws Exception {
        if (frames < 0) {
            throw new IllegalArgumentException("--frames must not be negative: " + frames);
        }
        Material m = Material.parse(material);
        SimulationSpec spec = SimulationSpec.of(m, size).withNoiseLevel(noise);
        // a recording is of whatever the microscope saw: no material unless the user names one
        boolean namedMaterial = command.commandLine().getParseResult().hasMatchedOption("--material");
        String agentMaterial = replay != null && !namedMaterial ? null : m.id();
        ImageSeries series = replay == null ? null : ImageSeries.open(replay);
        PrintWriter out = command.commandLine().getOut();
        Topics topics = new Topics(Topics.DEFAULT_INSTRUMENT);
        try (EmbeddedBroker broker = EmbeddedBroker.start(mqttPort)) {
            Configuration loaded = configuration(broker.url(), agentMaterial, RunMode.AUTONOMOUS);
            AgentConfig config = loaded.agent();
            try (AgentLauncher launcher = AgentLauncher.start(config, 60)) {
                out.printf("stemloop demo: run %s%n", launcher.agent().runId());
                out.printf("  broker   %s (embedded HiveMQ, this machine only)%n", broker.url());
                if (series == null) {
                    out.printf("  twin     %s %dx%d px, noise %s, %s frames/s -> %s%n", m.id(), size, size, noise, rate,
                            topics.frames());
                } else {
                    out.printf("  replay   %d frames of %s, %s frames/s -> %s%n", series.size(), replay, rate, topics.frames());
                }
                out.printf("  agent    LoG* (the first frame is optimised, options on %s; then LoG with the chosen"
                        + " parameters) -> %s, %s, %s%n", topics.pareto(), topics.detections(), topics.errors(),
                        topics.status());
                if (config.unetModel() != null) {
                    out.printf("  U-Net    %s beside LoG* -> %s (\"method\": \"unet\")%n", config.unetModel(),
                            topics.detections());
                }
                out.printf("  database %s%n", db);
                if (loaded.web() != null) {
                    int port = launcher.startWeb(loaded.web(), System.getenv(UserFile.PASSWORD_ENV), out);
                    out.printf("  web      http://127.0.0.1:%d/ (log in as %s; users in %s)%n", port,
                            UserFile.FIRST_OPERATOR, users);
                }
                out.println(frames == 0 ? "  Ctrl-C stops" : "  stops after " + frames + " frames");
                out.flush();
                CountDownLatch answered = new CountDownLatch((int) Math.min(Integer.MAX_VALUE, frames == 0 ? 1 : frames));
                MqttClient watcher = watch(broker.url(), topics, out, answered);
                try (DigitalTwin twin = series != null ? null : DigitalTwin.start(broker.url(), topics, spec, rate, frames);
                        ReplayTwin replayed = series == null ? null : ReplayTwin.start(broker.url(), topics, series,
                                agentMaterial, rate, frames, false, notice -> {
                                    command.commandLine().getErr().println(notice);
                                    command.commandLine().getErr().flush();
                                })) {
                    if (frames == 0) {
                        launcher.awaitCtrlC(out);
                    } else if (!answered.await(Math.round(30 + frames / rate * 2), TimeUnit.SECONDS)) {
                        throw new IllegalStateException("Only %d of %d frames answered in time"
                                .formatted(frames - answered.getCount(), frames));
                    }
                    out.printf("stemloop demo: the %s published %d frames%n", twin != null ? "twin" : "replay",
                            twin != null ? twin.published() : replayed.published());
                } finally {
                    watcher.disconnect();
                    watcher.close();
                }
            }
        }
        return 0;
    }

    /**
     * The demo's configuration, through the loader {@code run} uses: its flags as config keys, the agent's
     * client id, the twin's material ({@code null}: none, a replay's) and its U-Net, no config file and nothing from the environment (the
     * embedded broker is not the one {@code STEMLOOP_BROKER_PASSWORD} is for).
     */
    private Configuration configuration(String brokerUrl, String materialId, RunMode runMode) {
        Map<String, String> flags = new HashMap<>(Map.of("broker", brokerUrl, "client-id", "stemloop-demo-agent",
                "db", db, "mode", runMode.id(), "users-file", users.toString()));
        if (materialId != null) {
            flags.put("material", materialId);
        }
        String unet = unetModel == null ? materialId : unetModel;
        if (unet != null && !"none".equals(unet)) {
            flags.put("unet-model", unet);
        }
        if (httpPort != null) {
            flags.put("http-port", httpPort.toString());
        }
        return new ConfigLoader(ConfigFile.empty(), flags, name -> null).load();
    }

    /** Prints one line per detections message, as an operator's screen would. */
    private static MqttClient watch(String url, Topics topics, PrintWriter out, CountDownLatch answered)
            throws Exception {
        MqttClient client = new MqttClient(url, "stemloop-demo-watcher", new MemoryPersistence());
        client.connect(new MqttConnectionOptions());
        client.subscribe(new org.eclipse.paho.mqttv5.common.MqttSubscription[] {
                new org.eclipse.paho.mqttv5.common.MqttSubscription(topics.detections(), 1)},
                new org.eclipse.paho.mqttv5.client.IMqttMessageListener[] {(topic, message) -> {
                    JsonNode d = JSON.readTree(message.getPayload());
                    if ("unet".equals(d.path("method").asText())) {
                        out.printf("frame %s: U-Net %d atoms, %.0f ms%n", d.path("frame_id").asText(),
                                d.path("atoms").size(), d.path("latency_ms").asDouble());
                        out.flush();
                        return;
                    }
                    out.printf("frame %s: %d atoms, QC %s, ER %s, %.0f ms%n", d.path("frame_id").asText(),
                            d.path("atoms").size(), reward(d.path("rewards").path("qc")),
                            reward(d.path("rewards").path("er")), d.path("latency_ms").asDouble());
                    out.flush();
                    answered.countDown();
                }});
        return client;
    }

    private static String reward(JsonNode value) {
        return value.isNumber() ? "%.3f".formatted(value.asDouble()) : "n/a";
    }
}
