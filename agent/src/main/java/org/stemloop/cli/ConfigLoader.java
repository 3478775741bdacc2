package org.stemloop.cli;

import java.nio.file.Path;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.stemloop.agent.AgentConfig;
import org.stemloop.agent.AnalysisSettings;
import org.stemloop.agent.Backpressure;
import org.stemloop.agent.FramePolicy;
import org.stemloop.agent.OperationsSettings;
import org.stemloop.agent.OptimiserSettings;
import org.stemloop.agent.RunMode;
import org.stemloop.detect.LogParams;
import org.stemloop.detect.Refinement;
import org.stemloop.optimize.FramePreparation;
import org.stemloop.reward.MaskMode;
import org.stemloop.mqtt.BrokerSettings;
import org.stemloop.mqtt.BrokerTls;
import org.stemloop.mqtt.InputLimits;
import org.stemloop.mqtt.Topics;
import org.stemloop.ops.LogFormat;
import org.stemloop.ops.OpsEndpoint;
import org.stemloop.poi.DoseBudget;
import org.stemloop.store.Database;
import org.stemloop.store.JdbcUrls;
import org.stemloop.web.HttpsSettings;
import org.stemloop.web.WebConfig;

/**
 * The one place the configuration is built, for {@code run} and {@code demo}: each key of
 * {@link ConfigKeys} from its flag when given, else the config file, else its default; secrets from
 * the environment first. Bad values are {@link Cli.InputException}s naming the key (exit code 2).
 */
final class ConfigLoader {

    private final ConfigFile file;
    private final Map<String, String> flags;
    private final UnaryOperator<String> env;

    /**
     * @param file  the config file ({@link ConfigFile#empty()} without one), read once by the caller
     * @param flags flag values by key name ({@code --db} is {@code db}); only keys of {@link ConfigKeys}
     * @param env   the environment, e.g. {@code System::getenv}
     */
    ConfigLoader(ConfigFile file, Map<String, String> flags, UnaryOperator<String> env) {
        for (String key : flags.keySet()) {
            ConfigKeys.get(key);
        }
        this.file = file;
        this.flags = Map.copyOf(flags);
        this.env = env;
    }

    /** The agent's groups and the web UI's. */
    Configuration load() {
        AgentConfig agent = new AgentConfig(broker(), db(), analysis(), limits(), operations(), dose(),
                acquireExpiry());
        return new Configuration(agent, web(agent));
    }

    /** The loop's dose budget (dwell-ms, dose-per-frame-ms, dose-per-run-ms); flags win over the file. */
    private DoseBudget dose() {
        DoseBudget d = DoseBudget.DEFAULT;
        try {
            return new DoseBudget(decimal("dwell-ms", d.dwellMs()), decimal("dose-per-frame-ms", d.perFrameMs()),
                    decimal("dose-per-run-ms", d.perRunMs()));
        } catch (IllegalArgumentException e) {
            throw new Cli.InputException("Dose budget: " + e.getMessage());
        }
    }

    /** How long a pending acquisition request waits for approve-acquire (acquire-expiry-s; 0: never). */
    private java.time.Duration acquireExpiry() {
        long seconds = whole("acquire-expiry-s", AgentConfig.DEFAULT_ACQUIRE_EXPIRY.toSeconds());
        if (seconds < 0) {
            throw new Cli.InputException("acquire-expiry-s must be 0 (never) or a number of seconds: " + seconds);
        }
        return java.time.Duration.ofSeconds(seconds);
    }

    private double decimal(String key, double fallback) {
        String flag = flags.get(key);
        if (flag == null) {
            return file.number(key, fallback);
        }
        try {
            return Double.parseDouble(flag.strip());
        } catch (NumberFormatException e) {
            throw new Cli.InputException("--%s is not a number: %s".formatted(key, flag));
        }
    }

    private String pick(String key, String fallback) {
        return file.pick(key, flags.get(key), fallback);
    }

    private Long whole(String key, Long fallback) {
        String flag = flags.get(key);
        try {
            return file.whole(key, flag == null ? null : Long.valueOf(flag.strip().replace("_", "")), fallback);
        } catch (NumberFormatException e) {
            throw new Cli.InputException("--%s is not a whole number: %s".formatted(key, flag));
        }
    }

    private Integer integer(String key, Integer fallback) {
        Long value = whole(key, fallback == null ? null : fallback.longValue());
        if (value != null && (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE)) {
            throw new Cli.InputException("Config key %s is out of range: %s".formatted(key, value));
        }
        return value == null ? null : value.intValue();
    }

    private String secret(String key) {
        return file.secret(key, env.apply(ConfigKeys.get(key).env()));
    }

    private BrokerSettings broker() {
        Topics topics = new Topics(pick("instrument", Topics.DEFAULT_INSTRUMENT));
        String url = pick("broker", ConfigKeys.DEFAULT_BROKER);
        String group = pick("share-group", null);
        String id = pick("client-id", null);
        if (group != null && id == null) {
            // a shared default would make the agents of a group throw each other off the broker (same client id)
            throw new Cli.InputException(("share-group %s needs a client-id per agent (--client-id or client-id = ...),"
                    + " different for each agent and stable across its restarts").formatted(group));
        }
        try {
            return new BrokerSettings(url, id == null ? "stemloop-agent-" + topics.instrument() : id,
                    pick("username", null), secret("password"), topics, BrokerSettings.DEFAULT_SESSION_EXPIRY_SECONDS,
                    brokerTls(url), group);
        } catch (IllegalArgumentException e) {
            throw new Cli.InputException(e.getMessage());
        }
    }

    /** {@code broker-ca}, {@code broker-cert}, {@code broker-key}, {@code broker-verify-hostname}; only for ssl://. */
    private BrokerTls brokerTls(String url) {
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

    private String db() {
        String flag = flags.get("db");
        if (flag != null && JdbcUrls.hasPassword(flag)) {
            throw new Cli.InputException("--db holds a password, which every user of this machine can read on the"
                    + " command line: put the JDBC URL in the config file (db = ...) instead");
        }
        return pick("db", Database.DEFAULT_URL);
    }

    private AnalysisSettings analysis() {
        LogParams d = AgentConfig.DEFAULT_PARAMS;
        LogParams params = LogParams.of(file.number("min-sigma", d.minSigma()), file.number("max-sigma", d.maxSigma()),
                (int) file.number("num-sigma", d.numSigma()), file.number("threshold", d.threshold()),
                file.number("overlap", d.overlap()));
        OptimiserSettings optimiser = new OptimiserSettings(file.bool("optimise", true),
                file.number("drift-tolerance", OptimiserSettings.DEFAULT.driftTolerance()),
                (int) file.number("optimise-window", 0), OptimiserSettings.DEFAULT.search());
        try {
            return new AnalysisSettings(RunMode.parse(pick("mode", RunMode.SUPERVISED.id())), params,
                    pick("material", null), optimiser, pick("unet-model", null),
                    AgentConfig.parseClasses(pick("classes", "off")), MaskMode.parse(pick("mask", "auto")),
                    Refinement.parse(pick("refine", "gauss")),
                    FramePreparation.parse(pick("contrast", "auto"), pick("calibrate", "lattice")));
        } catch (IllegalArgumentException e) {
            throw new Cli.InputException(e.getMessage());
        }
    }

    /** The size limits: flags, else the file's keys, else {@link InputLimits#DEFAULT}; out of range is bad input. */
    private InputLimits limits() {
        InputLimits d = InputLimits.DEFAULT;
        long controlBytes = whole("max-control-bytes", (long) d.maxControlBytes());
        if (controlBytes > Integer.MAX_VALUE) {
            throw new Cli.InputException("max-control-bytes must be 256..16777216 bytes: " + controlBytes);
        }
        try {
            return new InputLimits(whole("max-frame-bytes", d.maxFrameBytes()),
                    whole("max-frame-pixels", d.maxFramePixels()), (int) controlBytes);
        } catch (IllegalArgumentException e) {
            throw new Cli.InputException(e.getMessage());
        }
    }

    /** Backpressure ({@code queue-size} defaults to {@code receive-maximum}), metrics endpoint, log format. */
    private OperationsSettings operations() {
        try {
            FramePolicy policy = FramePolicy.parse(pick("frame-policy", FramePolicy.EVERY.id()));
            int receiveMaximum = integer("receive-maximum", Backpressure.DEFAULT_RECEIVE_MAXIMUM);
            Backpressure backpressure = new Backpressure(policy, receiveMaximum, integer("queue-size", receiveMaximum));
            Integer port = integer("metrics-port", null);
            OpsEndpoint metrics = port == null ? null : new OpsEndpoint(pick("metrics-host", OpsEndpoint.DEFAULT_HOST), port);
            return new OperationsSettings(backpressure, metrics, LogFormat.parse(pick("log-format", "plain")),
                    file.bool("keep-raw-frames", false));
        } catch (Cli.InputException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new Cli.InputException(e.getMessage());
        }
    }

    /**
     * The web UI's settings, or {@code null} without {@code http-port}: {@code http-host}, {@code users-file},
     * HTTPS, and its own broker user {@code web-username} / {@code web-password}, by default the agent's.
     */
    private WebConfig web(AgentConfig agent) {
        Integer port = integer("http-port", null);
        if (port == null) {
            return null;
        }
        BrokerSettings b = agent.broker();
        String webUser = pick("web-username", null);
        BrokerSettings broker = webUser == null ? b : b.as(b.clientId() + "-web", webUser, secret("web-password"));
        HttpsSettings https = https();
        try {
            // cookies of an HTTPS server are Secure unless the file says otherwise
            return new WebConfig(pick("http-host", "127.0.0.1"), port,
                    Path.of(pick("users-file", WebConfig.DEFAULT_USERS_FILE.toString())), agent.jdbcUrl(), broker,
                    file.bool("secure-cookies", https != null), https).withLimits(agent.limits());
        } catch (IllegalArgumentException e) {
            throw new Cli.InputException(e.getMessage());
        }
    }

    /** {@code https-cert} + {@code https-key} (PEM) or {@code https-keystore} (PKCS#12), or {@code null}: plain HTTP. */
    private HttpsSettings https() {
        Path cert = file.path("https-cert");
        Path key = file.path("https-key");
        Path keystore = file.path("https-keystore");
        if (cert == null && key == null && keystore == null) {
            return null;
        }
        try {
            return new HttpsSettings(cert, key, keystore, keystore == null ? null : secret("https-keystore-password"));
        } catch (IllegalArgumentException e) {
            throw new Cli.InputException(e.getMessage());
        }
    }
}
