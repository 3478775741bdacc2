package org.stemloop.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import org.stemloop.agent.AgentConfig;
import org.stemloop.agent.Backpressure;
import org.stemloop.mqtt.Topics;
import org.stemloop.store.Database;
import org.stemloop.store.JdbcUrls;
import org.stemloop.web.UserFile;
import org.stemloop.web.WebConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code run}: the agent against an external MQTT broker and a database (DESIGN §3). */
@Command(name = "run",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
                "Runs the agent: frames in on stemloop/<instrument>/frames (MQTT 5, QoS 1), atoms out on",
                ".../detections, LoG* options on .../pareto (retained), problems on .../errors, state on",
                ".../status (retained); operators send {\"action\": \"choose\", \"option\": ID} (or pause,",
                "resume, reoptimize, set-mode, set-lattice) on .../control. Every frame is committed to the",
                "database before the broker gets its acknowledgement. Flags override the config file.",
                "The broker password comes from the config file (password = ...) or the environment",
                "variable STEMLOOP_BROKER_PASSWORD, never from a flag. TLS (broker-ca, broker-cert, broker-key)",
                "and HTTPS (https-cert, https-key or https-keystore) are config file keys. Ctrl-C stops cleanly.",
                ""})
final class RunCommand implements Callable<Integer> {

    static final String PASSWORD_ENV = ConfigKeys.BROKER_PASSWORD_ENV;

    @Spec
    CommandSpec command;

    @Option(names = "--config", paramLabel = "FILE",
            description = "Properties file (see broker-config/stemloop.properties); flags override it.")
    Path config;

    @Option(names = "--broker", paramLabel = "URL",
            description = "MQTT broker, tcp://host:port or ssl://host:port (default " + ConfigKeys.DEFAULT_BROKER + ").")
    String broker;

    @Option(names = "--username", paramLabel = "U", description = "Broker user name (default: none).")
    String username;

    @Option(names = "--client-id", paramLabel = "ID",
            description = "MQTT client id; keep it stable across restarts, the persistent session hangs on it"
                    + " (default stemloop-agent-<instrument>; required and different per agent with --share-group).")
    String clientId;

    @Option(names = "--share-group", paramLabel = "NAME",
            description = "Take frames through the MQTT 5 shared subscription $share/NAME/stemloop/<instrument>/frames:"
                    + " the agents of one group split the stream, each frame to one of them, stored once in their"
                    + " shared database (see docs/operations.md, Scale-out). Default: every frame to this agent.")
    String shareGroup;

    @Option(names = "--instrument", paramLabel = "ID",
            description = "Instrument id in the topic names (default " + Topics.DEFAULT_INSTRUMENT + ").")
    String instrument;

    @Option(names = "--db", paramLabel = "JDBC_URL",
            description = "Database (default " + Database.DEFAULT_URL + ", an H2 file under the working folder;"
                    + " jdbc:postgresql://... switches to PostgreSQL; a URL with a password goes in the config file).")
    String db;

    @Option(names = "--http-port", paramLabel = "P",
            description = "Serve the web UI on this port (0 picks one); see docs/web.md. Without it, no web UI.")
    Integer httpPort;

    @Option(names = "--mode", paramLabel = "supervised|autonomous",
            description = "supervised: an operator chooses parameters; autonomous: the agent does (default supervised).")
    String mode;

    @Option(names = "--unet-model", paramLabel = "graphene|srtio3|FILE.onnx",
            description = "Also run this U-Net on every frame, beside LoG*: its atoms go out on .../detections with"
                    + " \"method\": \"unet\" (default: none). A model that does not load stops the start (exit 2).")
    String unetModel;

    @Option(names = "--dose-per-frame-ms", paramLabel = "MS",
            description = "The loop: the most dwell time one frame's acquisition request may ask for (default 200 ms).")
    Double dosePerFrameMs;

    @Option(names = "--dose-per-run-ms", paramLabel = "MS",
            description = "The loop: the most dwell time all acquisition requests of a run may ask for (default 60000 ms).")
    Double dosePerRunMs;

    @Option(names = "--acquire-expiry-s", paramLabel = "S",
            description = "The loop: a pending acquisition request (supervised) expires after this many seconds without"
                    + " approve-acquire (default 120; 0: never).")
    Long acquireExpirySeconds;

    @Option(names = "--max-frame-bytes", paramLabel = "BYTES",
            description = "Refuse frame payloads larger than this (errors topic: frame-too-large; default 100663296, 96 MiB).")
    Long maxFrameBytes;

    @Option(names = "--max-frame-pixels", paramLabel = "N",
            description = "Refuse frames of more pixels, height x width, before decoding (default 16777216, 4096 x 4096).")
    Long maxFramePixels;

    @Option(names = "--max-control-bytes", paramLabel = "BYTES",
            description = "Refuse control messages larger than this (errors topic: bad-control; default 65536).")
    Long maxControlBytes;

    @Option(names = "--frame-policy", paramLabel = "every|newest",
            description = "With a backlog: every (analyse every frame, the broker holds the rest; default) or newest"
                    + " (skip older waiting frames, each recorded, counted and acknowledged). See docs/operations.md.")
    String framePolicy;

    @Option(names = "--metrics-port", paramLabel = "P",
            description = "Serve /metrics (Prometheus), /health and /ready on this port (0 picks one), on metrics-host"
                    + " (default 127.0.0.1), no login. Without it, not served.")
    Integer metricsPort;

    @Option(names = "--log-format", paramLabel = "plain|json",
            description = "plain (default) or json: one JSON object per log line (time, level, logger, message,"
                    + " frame_id where relevant).")
    String logFormat;

    @Option(names = "--classes", paramLabel = "off|auto|K",
            description = "Sort each frame's LoG* atoms into classes (patch PCA, Gaussian mixture; docs/cluster.md):"
                    + " auto chooses 2-4 by BIC, K fixes the number; each atom's class goes out in the detections"
                    + " (\"classes\", parallel to \"atoms\"). Default off.")
    String classes;

    @Option(names = "--mask", paramLabel = "auto|none",
            description = "auto: find the crystal in each reference frame (as analyze --mask auto) and leave vacuum,"
                    + " holes and contamination out of the atoms, QC and ER; none: the whole frame is crystal"
                    + " (default auto). The mask goes out in the detections (\"masked_fraction\", \"mask\").")
    String mask;

    @Option(names = "--refine", paramLabel = "gauss|com|none",
            description = "Sub-pixel atom positions in the detections: gauss (2-D Gaussian fit, centre of mass where it"
                    + " fails), com (centre of mass), none (LoG maxima, whole pixels) (default gauss).")
    String refine;

    @Option(names = "--contrast", paramLabel = "auto|bright|dark",
            description = "Atoms bright (HAADF, ADF) or dark (ABF: each frame is inverted first); auto decides per frame,"
                    + " as analyze --contrast (default auto). The detections say which (\"contrast\").")
    String contrast;

    @Option(names = "--calibrate", paramLabel = "lattice|told",
            description = "Pixel size of a material's frames: lattice (what its lattice shows in the power spectrum,"
                    + " when within 10%% of the told one; as analyze --calibrate) or told (default lattice). The"
                    + " detections carry both (\"pixel_size\").")
    String calibrate;

    @Override
    public Integer call() throws Exception {
        Configuration loaded = configuration(System::getenv);
        AgentConfig agentConfig = loaded.agent();
        agentConfig.operations().logFormat().install();
        PrintWriter out = command.commandLine().getOut();
        try (AgentLauncher launcher = AgentLauncher.start(agentConfig, 60)) {
            // a resumed run (its agent was killed) keeps its own mode, which may not be the configured one
            out.printf("stemloop agent: run %s%s, mode %s%n", launcher.agent().runId(),
                    launcher.agent().resumed() ? " (resumed: its agent stopped without ending it)" : "",
                    launcher.agent().state().mode().id());
            out.printf("  broker   %s as %s (frames in on %s)%n", agentConfig.broker().url(),
                    agentConfig.broker().clientId(), agentConfig.broker().frameSubscription());
            out.printf("  database %s%n", JdbcUrls.masked(agentConfig.jdbcUrl()));
            if (agentConfig.unetModel() != null) {
                out.printf("  U-Net    %s beside LoG* on every frame%n", agentConfig.unetModel());
            }
            Backpressure bp = agentConfig.backpressure();
            out.printf("  frames   policy %s, receive-maximum %d, queue-size %d%n", bp.policy().id(),
                    bp.receiveMaximum(), bp.queueSize());
            if (agentConfig.metrics() != null) {
                out.printf("  metrics  http://%s:%d/metrics (and /health, /ready)%n", agentConfig.metrics().host(),
                        launcher.agent().opsPort());
            }
            if (agentConfig.classes() != null) {
                out.printf("  classes  %d-%d per frame (patch PCA + Gaussian mixture)%n",
                        agentConfig.classes().minClasses(), agentConfig.classes().maxClasses());
            }
            out.printf("  atoms    mask %s, positions refined: %s; contrast %s, pixel size %s%n",
                    agentConfig.analysis().mask().word(), agentConfig.analysis().refinement().word(),
                    agentConfig.analysis().preparation().contrastWord(),
                    agentConfig.analysis().preparation().calibrateWord());
            WebConfig web = loaded.web();
            if (web != null) {
                int port = launcher.startWeb(web, System.getenv(UserFile.PASSWORD_ENV), out);
                out.printf("  web      %s://%s:%d/ (users in %s)%n", web.scheme(), web.host(), port, web.usersFile());
            }
            out.println("  Ctrl-C stops");
            out.flush();
            launcher.awaitCtrlC(out);
        }
        return 0;
    }

    /**
     * The configuration from the file (read once, if any), the flags given (each {@code --KEY} is the config
     * key {@code KEY}) and the secrets in {@code env}.
     */
    Configuration configuration(UnaryOperator<String> env) {
        Map<String, String> flags = new HashMap<>();
        for (OptionSpec option : command.options()) {
            String key = option.longestName().substring(2);
            if (ConfigKeys.NAMES.contains(key) && option.getValue() != null) {
                flags.put(key, option.getValue().toString());
            }
        }
        ConfigFile file = config == null ? ConfigFile.empty() : ConfigFile.read(config);
        return new ConfigLoader(file, flags, env).load();
    }
}
