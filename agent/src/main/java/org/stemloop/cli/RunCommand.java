package org.stemloop.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.stemloop.agent.AgentConfig;
import org.stemloop.agent.OptimiserSettings;
import org.stemloop.agent.RunMode;
import org.stemloop.detect.LogParams;
import org.stemloop.mqtt.BrokerSettings;
import org.stemloop.mqtt.Topics;
import org.stemloop.store.Database;
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
                "variable STEMLOOP_BROKER_PASSWORD, never from a flag. Ctrl-C stops cleanly.",
                ""})
final class RunCommand implements Callable<Integer> {

    static final String DEFAULT_BROKER = "tcp://127.0.0.1:1883";
    static final String PASSWORD_ENV = "STEMLOOP_BROKER_PASSWORD";
    static final String WEB_PASSWORD_ENV = "STEMLOOP_WEB_BROKER_PASSWORD";

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

    @Option(names = "--instrument", paramLabel = "ID",
            description = "Instrument id in the topic names (default " + Topics.DEFAULT_INSTRUMENT + ").")
    String instrument;

    @Option(names = "--db", paramLabel = "JDBC_URL",
            description = "Database (default " + Database.DEFAULT_URL + ", an H2 file under the working folder;"
                    + " jdbc:postgresql://... switches to PostgreSQL).")
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

    @Override
    public Integer call() throws Exception {
        AgentConfig agentConfig = agentConfig(System.getenv(PASSWORD_ENV));
        PrintWriter out = command.commandLine().getOut();
        try (AgentLauncher launcher = AgentLauncher.start(agentConfig, 60)) {
            Topics topics = agentConfig.broker().topics();
            // a resumed run (its agent was killed) keeps its own mode, which may not be the configured one
            out.printf("stemloop agent: run %s%s, mode %s%n", launcher.agent().runId(),
                    launcher.agent().resumed() ? " (resumed: its agent stopped without ending it)" : "",
                    launcher.agent().state().mode().id());
            out.printf("  broker   %s as %s (frames in on %s)%n", agentConfig.broker().url(),
                    agentConfig.broker().clientId(), topics.frames());
            out.printf("  database %s%n", agentConfig.jdbcUrl());
            if (agentConfig.unetModel() != null) {
                out.printf("  U-Net    %s beside LoG* on every frame%n", agentConfig.unetModel());
            }
            WebConfig web = webConfig(agentConfig, System.getenv(WEB_PASSWORD_ENV));
            if (web != null) {
                int port = launcher.startWeb(web, System.getenv(UserFile.PASSWORD_ENV), out);
                out.printf("  web      http://%s:%d/ (users in %s)%n", web.host(), port, web.usersFile());
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
        ConfigFile file = config == null ? ConfigFile.empty() : ConfigFile.read(config);
        String port = file.pick("http-port", httpPort == null ? null : httpPort.toString(), null);
        if (port == null) {
            return null;
        }
        BrokerSettings b = agent.broker();
        String webUser = file.get("web-username");
        String webPassword = webPasswordFromEnv != null && !webPasswordFromEnv.isEmpty() ? webPasswordFromEnv
                : file.get("web-password");
        BrokerSettings web = webUser == null ? b : new BrokerSettings(b.url(), b.clientId() + "-web", webUser,
                webPassword, b.topics(), b.sessionExpirySeconds());
        return new WebConfig(file.pick("http-host", null, "127.0.0.1"), httpPort(port),
                Path.of(file.pick("users-file", null, WebConfig.DEFAULT_USERS_FILE.toString())), agent.jdbcUrl(), web,
                Boolean.parseBoolean(file.pick("secure-cookies", null, "false")));
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
        String password = passwordFromEnv != null && !passwordFromEnv.isEmpty() ? passwordFromEnv : file.get("password");
        BrokerSettings brokerSettings = new BrokerSettings(file.pick("broker", broker, DEFAULT_BROKER),
                file.pick("client-id", null, "stemloop-agent-" + topics.instrument()),
                file.pick("username", username, null), password, topics,
                BrokerSettings.DEFAULT_SESSION_EXPIRY_SECONDS);
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
                httpPort(port), file.pick("unet-model", unetModel, null));
    }
}
