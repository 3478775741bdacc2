package org.stemloop.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.stemloop.agent.AgentConfig;
import org.stemloop.agent.Backpressure;
import org.stemloop.agent.FramePolicy;
import org.stemloop.agent.OptimiserSettings;
import org.stemloop.agent.RunMode;
import org.stemloop.cluster.ClassSettings;
import org.stemloop.detect.LogParams;
import org.stemloop.mqtt.BrokerSettings;
import org.stemloop.mqtt.BrokerTls;
import org.stemloop.mqtt.InputLimits;
import org.stemloop.mqtt.Topics;
import org.stemloop.ops.LogFormat;
import org.stemloop.ops.OpsEndpoint;
import org.stemloop.store.Database;
import org.stemloop.store.JdbcUrls;
import org.stemloop.web.HttpsSettings;
import org.stemloop.web.UserFile;
import org.stemloop.web.WebConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

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

    static final String DEFAULT_BROKER = "tcp://127.0.0.1:1883";
    static final String PASSWORD_ENV = "STEMLOOP_BROKER_PASSWORD";
    static final String WEB_PASSWORD_ENV = "STEMLOOP_WEB_BROKER_PASSWORD";
    static final String KEYSTORE_PASSWORD_ENV = "STEMLOOP_HTTPS_KEYSTORE_PASSWORD";

    @Spec
    CommandSpec command;

    @Option(names = "--config", paramLabel = "FILE",
            description = "Properties file (see broker-config/stemloop.properties); flags override it.")
    Path config;

    @Option(names = "--broker", paramLabel = "URL",
            description = "MQTT broker, tcp://host:port or ssl://host:port (default " + DEFAULT_BROKER + ").")
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

    @Override
    public Integer call() throws Exception {
        ConfigFile file = config == null ? ConfigFile.empty() : ConfigFile.read(config);
        logFormat(file).install();
        AgentConfig agentConfig = agentConfig(System.getenv(PASSWORD_ENV));
        PrintWriter out = command.commandLine().getOut();
        try (AgentLauncher launcher = AgentLauncher.start(agentConfig, 60)) {
            Topics topics = agentConfig.broker().topics();
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
            WebConfig web = webConfig(agentConfig, System.getenv(WEB_PASSWORD_ENV));
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
     * The web UI's settings, or {@code null} without {@code --http-port} (or {@code http-port}): {@code http-host} (default 127.0.0.1), {@code users-file}, and its own broker
     * user {@code web-username} / {@code web-password} (or STEMLOOP_WEB_BROKER_PASSWORD), by default the agent's.
     */
    WebConfig webConfig(AgentConfig agent, String webPasswordFromEnv) {
        return webConfig(agent, webPasswordFromEnv, System.getenv(KEYSTORE_PASSWORD_ENV));
    }

    WebConfig webConfig(AgentConfig agent, String webPasswordFromEnv, String keystorePasswordFromEnv) {
        ConfigFile file = config == null ? ConfigFile.empty() : ConfigFile.read(config);
        String port = file.pick("http-port", httpPort == null ? null : httpPort.toString(), null);
        if (port == null) {
            return null;
        }
        BrokerSettings b = agent.broker();
        String webUser = file.get("web-username");
        BrokerSettings web = webUser == null ? b
                : b.as(b.clientId() + "-web", webUser, file.secret("web-password", webPasswordFromEnv));
        HttpsSettings https = https(file, keystorePasswordFromEnv);
        // cookies of an HTTPS server are Secure unless the file says otherwise
        return new WebConfig(file.pick("http-host", null, "127.0.0.1"), httpPort(port),
                Path.of(file.pick("users-file", null, WebConfig.DEFAULT_USERS_FILE.toString())), agent.jdbcUrl(), web,
                file.bool("secure-cookies", https != null), https).withLimits(agent.limits());
    }

    /** {@code https-cert} + {@code https-key} (PEM) or {@code https-keystore} (PKCS#12), or {@code null}: plain HTTP. */
    private static HttpsSettings https(ConfigFile file, String keystorePasswordFromEnv) {
        Path cert = file.path("https-cert");
        Path key = file.path("https-key");
        Path keystore = file.path("https-keystore");
        if (cert == null && key == null && keystore == null) {
            return null;
        }
        try {
            return new HttpsSettings(cert, key, keystore,
                    keystore == null ? null : file.secret("https-keystore-password", keystorePasswordFromEnv));
        } catch (IllegalArgumentException e) {
            throw new Cli.InputException(e.getMessage());
        }
    }

    /** {@code broker-ca}, {@code broker-cert}, {@code broker-key}, {@code broker-verify-hostname}; only for ssl://. */
    private static BrokerTls brokerTls(ConfigFile file, String url) {
        BrokerTls tls;
        try {
            tls = new BrokerTls(file.path("broker-ca"), file.path("broker-cert"), file.path("broker-key"),
                    file.bool("broker-verify-hostname", true));
        } catch (IllegalArgumentException e) {
            throw new Cli.InputException(e.getMessage());
        }
        if (tls.isCustom() && !url.startsWith("ssl://")) {
            throw new Cli.InputException("broker-ca/broker-cert are set but the broker URL is not ssl://: " + url
                    + " (use ssl://host:8883 for a TLS listener)");
        }
        return tls;
    }

    private static Integer httpPort(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        try {
            return Integer.valueOf(text.strip());
        } catch (NumberFormatException e) {
            throw new Cli.InputException("http-port is not a port number: " + text);
        }
    }

    /** The configuration from the file (if any), the flags and the password from the environment. */
    AgentConfig agentConfig(String passwordFromEnv) {
        ConfigFile file = config == null ? ConfigFile.empty() : ConfigFile.read(config);
        Topics topics = new Topics(file.pick("instrument", instrument, Topics.DEFAULT_INSTRUMENT));
        String password = file.secret("password", passwordFromEnv);
        String url = file.pick("broker", broker, DEFAULT_BROKER);
        String group = file.pick("share-group", shareGroup, null);
        String id = file.pick("client-id", clientId, null);
        if (group != null && id == null) {
            // a shared default would make the agents of a group throw each other off the broker (same client id)
            throw new Cli.InputException(("share-group %s needs a client-id per agent (--client-id or client-id = ...),"
                    + " different for each agent and stable across its restarts").formatted(group));
        }
        if (db != null && JdbcUrls.hasPassword(db)) {
            throw new Cli.InputException("--db holds a password, which every user of this machine can read on the"
                    + " command line: put the JDBC URL in the config file (db = ...) instead");
        }
        BrokerSettings brokerSettings;
        try {
            brokerSettings = new BrokerSettings(url, id == null ? "stemloop-agent-" + topics.instrument() : id,
                    file.pick("username", username, null), password, topics,
                    BrokerSettings.DEFAULT_SESSION_EXPIRY_SECONDS, brokerTls(file, url), group);
        } catch (IllegalArgumentException e) {
            throw new Cli.InputException(e.getMessage());
        }
        LogParams d = AgentConfig.DEFAULT_PARAMS;
        LogParams params = LogParams.of(file.number("min-sigma", d.minSigma()), file.number("max-sigma", d.maxSigma()),
                (int) file.number("num-sigma", d.numSigma()), file.number("threshold", d.threshold()),
                file.number("overlap", d.overlap()));
        OptimiserSettings optimiser = new OptimiserSettings(file.bool("optimise", true),
                file.number("drift-tolerance", OptimiserSettings.DEFAULT.driftTolerance()),
                (int) file.number("optimise-window", 0), OptimiserSettings.DEFAULT.search());
        String port = httpPort != null ? httpPort.toString() : file.get("http-port");
        return new AgentConfig(brokerSettings, file.pick("db", db, Database.DEFAULT_URL),
                RunMode.parse(file.pick("mode", mode, RunMode.SUPERVISED.id())), params,
                file.pick("material", null, null), file.bool("keep-raw-frames", false), optimiser,
                httpPort(port), file.pick("unet-model", unetModel, null), limits(file), backpressure(file),
                metrics(file), classes(file.pick("classes", classes, "off")));
    }

    /** The size limits: flags, else the file's keys, else {@link InputLimits#DEFAULT}; out of range is bad input. */
    private InputLimits limits(ConfigFile file) {
        InputLimits d = InputLimits.DEFAULT;
        long controlBytes = file.whole("max-control-bytes", maxControlBytes, (long) d.maxControlBytes());
        if (controlBytes > Integer.MAX_VALUE) {
            throw new Cli.InputException("max-control-bytes must be 256..16777216 bytes: " + controlBytes);
        }
        try {
            return new InputLimits(file.whole("max-frame-bytes", maxFrameBytes, d.maxFrameBytes()),
                    file.whole("max-frame-pixels", maxFramePixels, d.maxFramePixels()), (int) controlBytes);
        } catch (IllegalArgumentException e) {
            throw new Cli.InputException(e.getMessage());
        }
    }

    /** {@code frame-policy}, {@code receive-maximum} and {@code queue-size} (default: receive-maximum). */
    private Backpressure backpressure(ConfigFile file) {
        FramePolicy policy = FramePolicy.parse(file.pick("frame-policy", framePolicy, FramePolicy.EVERY.id()));
        int receiveMaximum = file.integer("receive-maximum", null, Backpressure.DEFAULT_RECEIVE_MAXIMUM);
        return new Backpressure(policy, receiveMaximum, file.integer("queue-size", null, receiveMaximum));
    }

    /** {@code metrics-port} and {@code metrics-host}, or {@code null} without a port. */
    private OpsEndpoint metrics(ConfigFile file) {
        Integer port = file.integer("metrics-port", metricsPort, null);
        return port == null ? null : new OpsEndpoint(file.pick("metrics-host", null, OpsEndpoint.DEFAULT_HOST), port);
    }

    /** {@code log-format} ({@code --log-format}): plain or json. */
    LogFormat logFormat(ConfigFile file) {
        return LogFormat.parse(file.pick("log-format", logFormat, LogFormat.PLAIN.name()));
    }

    private static ClassSettings classes(String value) {
        try {
            return AgentConfig.parseClasses(value);
        } catch (IllegalArgumentException e) {
            throw new Cli.InputException(e.getMessage());
        }
    }
}
