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
import org.stemloop.mqtt.BrokerAccess;
import org.stemloop.mqtt.BrokerSettings;
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
                "The broker takes only its own users (passwords generated and printed at start); watch with",
                "any MQTT client as the printed read-only user, e.g. mosquitto_sub -V 5 -p 1883 -u viewer -P ...",
                "-t 'stemloop/microscope-1/detections' -t 'stemloop/microscope-1/pareto' -v (the viewer may",
                "read the results, frames, status, errors and the loop's topics; a 'stemloop/#' wildcard,",
                "which would take in the control topic, is refused).",
                "The shipped U-Net of the twin's material runs beside LoG* on every frame (its atoms are",
                "detections with \"method\": \"unet\", their own layer in the web UI); --unet-model none",
                "turns it off.",
                "The twin's sample has what makes readings differ (--sample realistic: Si dopants,",
                "vacancies, an amorphous patch, noise), so its Pareto front offers real choices; the agent",
                "starts supervised: an operator's approved option stays in use until another is approved,",
                "and the points of interest of each frame get spectra only once an operator approves the",
                "acquisition request in the web UI (--http-port); --mode autonomous applies the agent's own",
                "recommendations and sends each request within the dose budget (docs/loop.md).",
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

    @Option(names = "--sample", paramLabel = "realistic|clean", defaultValue = "realistic",
            description = "What the twin images: realistic (graphene: 3%% Si dopants, 2%% vacancies, an amorphous "
                    + "patch of 30%% of the frame; SrTiO3: 2%% vacancies) or clean, a perfect lattice "
                    + "(default ${DEFAULT-VALUE}).")
    String sample;

    @Option(names = "--mode", paramLabel = "supervised|autonomous", defaultValue = "supervised",
            description = "supervised: an operator approves a new option before it replaces one in use; "
                    + "autonomous: the agent applies its own recommendation (default ${DEFAULT-VALUE}).")
    String mode;

    @Option(names = "--noise", paramLabel = "L", defaultValue = "0.2",
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

    @Option(names = "--mask", paramLabel = "auto|none", defaultValue = "auto",
            description = "The agent's crystal mask: auto (found in each reference frame) or none (default ${DEFAULT-VALUE}).")
    String mask;

    @Option(names = "--refine", paramLabel = "gauss|com|none", defaultValue = "gauss",
            description = "The agent's sub-pixel positions: gauss, com or none (default ${DEFAULT-VALUE}).")
    String refine;

    @Option(names = "--contrast", paramLabel = "auto|bright|dark", defaultValue = "auto",
            description = "The agent's reading of the frames: atoms bright, dark (ABF: inverted first) or auto"
                    + " (decided per frame) (default ${DEFAULT-VALUE}).")
    String contrast;

    @Option(names = "--calibrate", paramLabel = "lattice|told", defaultValue = "lattice",
            description = "The agent's pixel size: lattice (from the material's lattice, within 10%% of the told one)"
                    + " or told (default ${DEFAULT-VALUE}).")
    String calibrate;

    @Option(names = "--users", paramLabel = "FILE", defaultValue = "stemloop-data/users.txt",
            description = "Users file of the web UI (default ${DEFAULT-VALUE}).")
    Path users;

    @Override
    public Integer call() throws Exception {
        if (frames < 0) {
            throw new IllegalArgumentException("--frames must not be negative: " + frames);
        }
        Material m = Material.parse(material);
        RunMode runMode = RunMode.parse(mode);
        SimulationSpec spec = DemoSample.spec(sample, m, size, noise);
        // a recording is of whatever the microscope saw: no material unless the user names one
        boolean namedMaterial = command.commandLine().getParseResult().hasMatchedOption("--material");
        String agentMaterial = replay != null && !namedMaterial ? null : m.id();
        ImageSeries series = replay == null ? null : ImageSeries.open(replay);
        PrintWriter out = command.commandLine().getOut();
        Topics topics = new Topics(Topics.DEFAULT_INSTRUMENT);
        // the broker lets in only these users (passwords generated now, printed below), each with its grants
        BrokerAccess access = BrokerAccess.forDemo(topics);
        try (EmbeddedBroker broker = EmbeddedBroker.start(mqttPort, access)) {
            Configuration loaded = configuration(broker.url(), access, agentMaterial, runMode);
            AgentConfig config = loaded.agent();
            try (AgentLauncher launcher = AgentLauncher.start(config, 60)) {
                out.printf("stemloop demo: run %s%n", launcher.agent().runId());
                out.printf("  broker   %s (embedded HiveMQ, this machine only; logins below)%n", broker.url());
                // the viewer may read each result topic but not control, so a 'stemloop/#' wildcard is refused
                out.printf("  broker login %s / %s (read-only: mosquitto_sub -V 5 -p %d -u %s -P ... -t '%s' -t '%s' -v)%n",
                        BrokerAccess.WATCH, access.user(BrokerAccess.WATCH).password(), broker.port(),
                        BrokerAccess.WATCH, topics.detections(), topics.pareto());
                if (series == null) {
                    out.printf("  twin     %s %dx%d px, %s sample, noise %s, %s frames/s -> %s%n", m.id(), size, size,
                            sample, noise, rate, topics.frames());
                } else {
                    out.printf("  replay   %d frames of %s, %s frames/s -> %s%n", series.size(), replay, rate, topics.frames());
                }
                out.printf("  mode     %s%s%n", runMode.id(), runMode == RunMode.AUTONOMOUS
                        ? " (the agent applies its recommended option and sends each acquisition request itself)"
                        : " (an operator approves options and acquisition requests in the web UI)");
                out.printf("  agent    LoG* (the first frame is optimised, options on %s; then LoG with the chosen"
                        + " parameters) -> %s, %s, %s%n", topics.pareto(), topics.detections(), topics.errors(),
                        topics.status());
                if (config.unetModel() != null) {
                    out.printf("  U-Net    %s beside LoG* -> %s (\"method\": \"unet\")%n", config.unetModel(),
                            topics.detections());
                }
                out.printf("  loop     points of interest -> %s; beam positions (dose budget) -> %s; the twin's spectra "
                        + "%s -> confirmed sites %s (docs/loop.md)%n", topics.poi(), topics.acquire(), topics.spectra(),
                        topics.sites());
                out.printf("           watch it: mosquitto_sub -V 5 -p %d -u %s -P ... -t '%s' -t '%s' -t '%s' -t '%s' -v%n",
                        broker.port(), BrokerAccess.WATCH, topics.poi(), topics.acquire(), topics.spectra(),
                        topics.sites());
                out.printf("  database %s%n", db);
                if (loaded.web() != null) {
                    int port = launcher.startWeb(loaded.web(), System.getenv(UserFile.PASSWORD_ENV), out);
                    out.printf("  web      http://127.0.0.1:%d/ (log in as %s; users in %s)%n", port,
                            UserFile.FIRST_OPERATOR, users);
                    out.println(runMode == RunMode.AUTONOMOUS
                            ? "  then     watch the frame's points of interest, and below it \"Points of interest, "
                            + "spectra and sites\": each request, its spectra (Si L2,3 99 eV, C K 284 eV) and sites; "
                            + "on the frame, each dopant's trail with its track id (layer \"Dopant tracks\")"
                            : "  then     1. right: approve a Pareto option (the starred one is recommended); 2. below the "
                            + "frame, \"Points of interest, spectra and sites\": untick points the beam should skip, "
                            + "click Approve acquisition; the twin's spectra and the Si/C sites they confirm follow "
                            + "within seconds; on the frame meanwhile, each dopant's trail with its track id (layer "
                            + "\"Dopant tracks\")");
                } else if (runMode == RunMode.SUPERVISED) {
                    out.printf("  note     supervised without a web UI: acquisition requests wait for approval; add "
                            + "--http-port 8080 to approve them in the browser, or --mode autonomous%n");
                }
                out.println(frames == 0 ? "  Ctrl-C stops" : "  stops after " + frames + " frames");
                out.flush();
                CountDownLatch answered = new CountDownLatch((int) Math.min(Integer.MAX_VALUE, frames == 0 ? 1 : frames));
                MqttClient watcher = watch(broker.url(), access.user(BrokerAccess.WATCH), topics, out, answered);
                // the twin (or the replay) logs in as the microscope: it may publish frames and nothing else
                BrokerAccess.User twinUser = access.user(BrokerAccess.TWIN);
                BrokerSettings microscope = config.broker().as("stemloop-twin-" + topics.instrument(), twinUser.name(),
                        twinUser.password());
                try (DigitalTwin twin = series != null ? null : DigitalTwin.start(microscope, spec, rate, frames);
                        ReplayTwin replayed = series == null ? null : ReplayTwin.start(microscope, series,
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
     * client id, the twin's material ({@code null}: none, a replay's) and its U-Net, the broker users with their generated passwords, no config file and nothing from the environment (the
     * embedded broker is not the one {@code STEMLOOP_BROKER_PASSWORD} is for).
     */
    private Configuration configuration(String brokerUrl, BrokerAccess access, String materialId, RunMode runMode) {
        Map<String, String> flags = new HashMap<>(Map.of("broker", brokerUrl, "client-id", "stemloop-demo-agent",
                "db", db, "mode", runMode.id(), "users-file", users.toString(),
                "username", BrokerAccess.AGENT, "web-username", BrokerAccess.WEB));
        if (mask != null) {
            flags.put("mask", mask);
        }
        if (refine != null) {
            flags.put("refine", refine);
        }
        if (contrast != null) {
            flags.put("contrast", contrast);
        }
        if (calibrate != null) {
            flags.put("calibrate", calibrate);
        }
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
        // the generated broker passwords reach the loader as the secrets run takes from the environment
        Map<String, String> secrets = Map.of(ConfigKeys.BROKER_PASSWORD_ENV, access.user(BrokerAccess.AGENT).password(),
                ConfigKeys.WEB_PASSWORD_ENV, access.user(BrokerAccess.WEB).password());
        return new ConfigLoader(ConfigFile.empty(), flags, name -> name == null ? null : secrets.get(name)).load();
    }

    /** Prints one line per detections message, as an operator's screen would, and the loop's (DemoLoopLines). */
    private static MqttClient watch(String url, BrokerAccess.User user, Topics topics, PrintWriter out,
                                    CountDownLatch answered) throws Exception {
        MqttClient client = new MqttClient(url, "stemloop-demo-watcher", new MemoryPersistence());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setUserName(user.name());
        options.setPassword(user.password().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        client.connect(options);
        DemoLoopLines loop = new DemoLoopLines(out);
        client.subscribe(new org.eclipse.paho.mqttv5.common.MqttSubscription[] {
                new org.eclipse.paho.mqttv5.common.MqttSubscription(topics.detections(), 1),
                new org.eclipse.paho.mqttv5.common.MqttSubscription(topics.poi(), 1),
                new org.eclipse.paho.mqttv5.common.MqttSubscription(topics.acquire(), 1),
                new org.eclipse.paho.mqttv5.common.MqttSubscription(topics.sites(), 1)},
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
                }, (topic, message) -> loop.onPoi(JSON.readTree(message.getPayload())),
                    (topic, message) -> loop.onAcquire(JSON.readTree(message.getPayload())),
                    (topic, message) -> loop.onSite(JSON.readTree(message.getPayload()))});
        return client;
    }

    private static String reward(JsonNode value) {
        return value.isNumber() ? "%.3f".formatted(value.asDouble()) : "n/a";
    }
}
