package org.stemloop.cli;

import static org.stemloop.cli.ConfigKey.Group.ANALYSIS;
import static org.stemloop.cli.ConfigKey.Group.BROKER;
import static org.stemloop.cli.ConfigKey.Group.LIMITS;
import static org.stemloop.cli.ConfigKey.Group.OPERATIONS;
import static org.stemloop.cli.ConfigKey.Group.WEB;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.stemloop.agent.AgentConfig;
import org.stemloop.agent.Backpressure;
import org.stemloop.agent.OptimiserSettings;
import org.stemloop.mqtt.InputLimits;
import org.stemloop.mqtt.Topics;
import org.stemloop.ops.OpsEndpoint;
import org.stemloop.poi.DoseBudget;
import org.stemloop.store.Database;
import org.stemloop.web.WebConfig;

/**
 * Every key of the configuration, in the order of docs/operations.md's table, which {@link #markdown()}
 * writes (a test fails when the two differ). {@link ConfigLoader} reads these keys and no others.
 */
final class ConfigKeys {

    static final String BROKER_PASSWORD_ENV = "STEMLOOP_BROKER_PASSWORD";
    static final String WEB_PASSWORD_ENV = "STEMLOOP_WEB_BROKER_PASSWORD";
    static final String KEYSTORE_PASSWORD_ENV = "STEMLOOP_HTTPS_KEYSTORE_PASSWORD";
    static final String DEFAULT_BROKER = "tcp://127.0.0.1:1883";

    private static final String NONE = "none";

    static final List<ConfigKey> ALL = List.of(
            key("broker", BROKER, true, DEFAULT_BROKER, "MQTT 5 broker, tcp://host:port or ssl://host:port"),
            key("username", BROKER, true, NONE, "broker user name"),
            secret("password", BROKER, BROKER_PASSWORD_ENV, "broker password (never a flag)"),
            key("password-file", BROKER, false, NONE, "file whose first line is the broker password"),
            key("client-id", BROKER, true, "stemloop-agent-<instrument>",
                    "MQTT client id; keep it stable, the persistent session and the run hang on it"),
            key("instrument", BROKER, true, Topics.DEFAULT_INSTRUMENT,
                    "instrument id in the topic names stemloop/<instrument>/..."),
            key("share-group", BROKER, true, NONE,
                    "take frames through $share/<share-group>/...: the agents of a group split the stream"),
            key("broker-ca", BROKER, false, "the JDK's public CAs", "PEM of the CAs trusted for an ssl:// broker"),
            key("broker-cert", BROKER, false, NONE, "client certificate (PEM), with broker-key"),
            key("broker-key", BROKER, false, NONE, "the client certificate's key (PEM, PKCS#8)"),
            key("broker-verify-hostname", BROKER, false, "true", "the broker's certificate must name the URL's host"),

            key("mode", ANALYSIS, true, "supervised", "supervised (an operator chooses) or autonomous"),
            key("material", ANALYSIS, false, NONE + " (lattice from the frame's spectrum)",
                    "material assumed when a frame names none: graphene or srtio3"),
            key("min-sigma", ANALYSIS, false, num(AgentConfig.DEFAULT_PARAMS.minSigma()), "LoG: smallest sigma, px"),
            key("max-sigma", ANALYSIS, false, num(AgentConfig.DEFAULT_PARAMS.maxSigma()), "LoG: largest sigma, px"),
            key("num-sigma", ANALYSIS, false, Integer.toString(AgentConfig.DEFAULT_PARAMS.numSigma()),
                    "LoG: number of scales"),
            key("threshold", ANALYSIS, false, num(AgentConfig.DEFAULT_PARAMS.threshold()),
                    "LoG: response threshold on the frame scaled to [0, 1]"),
            key("overlap", ANALYSIS, false, num(AgentConfig.DEFAULT_PARAMS.overlap()),
                    "LoG: blobs overlapping more than this are pruned"),
            key("optimise", ANALYSIS, false, Boolean.toString(OptimiserSettings.DEFAULT.enabled()),
                    "run LoG* (false: the fixed parameters above)"),
            key("drift-tolerance", ANALYSIS, false, num(OptimiserSettings.DEFAULT.driftTolerance()),
                    "re-optimise when QC or ER drift more than this"),
            key("optimise-window", ANALYSIS, false, Integer.toString(OptimiserSettings.DEFAULT.window()),
                    "0: the whole frame; W: sliding windows of W x W px"),
            key("unet-model", ANALYSIS, true, NONE, "U-Net beside LoG*: graphene, srtio3 or FILE.onnx"),
            key("classes", ANALYSIS, true, "off", "atom classes: off, auto (2-4 by BIC) or K"),
            key("mask", ANALYSIS, true, "auto",
                    "crystal mask: auto (found from the image, kept with the drift reference; atoms, QC and ER over the"
                            + " crystal only) or none (the whole frame is crystal)"),
            key("refine", ANALYSIS, true, "gauss",
                    "sub-pixel positions: gauss (2-D Gaussian fit), com (centre of mass) or none (LoG maxima)"),
            key("contrast", ANALYSIS, true, "auto",
                    "atoms bright (HAADF, ADF) or dark (ABF: the frame is inverted first); auto decides per frame"
                            + " (as analyze --contrast)"),
            key("calibrate", ANALYSIS, true, "lattice",
                    "pixel size: lattice (the material's lattice in the power spectrum, within 10% of the told one;"
                            + " as analyze --calibrate) or told"),
            key("dwell-ms", ANALYSIS, false, num(DoseBudget.DEFAULT.dwellMs()),
                    "the loop: dwell time of one spectrum, ms"),
            key("dose-per-frame-ms", ANALYSIS, true, num(DoseBudget.DEFAULT.perFrameMs()),
                    "the loop: most dwell time one frame's acquisition request may ask for, ms"),
            key("dose-per-run-ms", ANALYSIS, true, num(DoseBudget.DEFAULT.perRunMs()),
                    "the loop: most dwell time all requests of a run may ask for, ms"),
            key("acquire-expiry-s", ANALYSIS, true, Long.toString(AgentConfig.DEFAULT_ACQUIRE_EXPIRY.toSeconds()),
                    "the loop: a pending acquisition request expires after this many seconds without approve-acquire;"
                            + " 0: never"),

            key("max-frame-bytes", LIMITS, true, Long.toString(InputLimits.DEFAULT.maxFrameBytes()),
                    "refuse larger frame payloads (frame-too-large)"),
            key("max-frame-pixels", LIMITS, true, Long.toString(InputLimits.DEFAULT.maxFramePixels()),
                    "refuse frames of more pixels, before decoding"),
            key("max-control-bytes", LIMITS, true, Integer.toString(InputLimits.DEFAULT.maxControlBytes()),
                    "refuse larger control messages (bad-control)"),

            key("db", OPERATIONS, true, Database.DEFAULT_URL,
                    "database JDBC URL; one with a password only in the file"),
            key("keep-raw-frames", OPERATIONS, false, "false", "store each frame's NPY bytes in the database"),
            key("frame-policy", OPERATIONS, true, "every", "with a backlog: every, or newest (skip older waiting frames)"),
            key("receive-maximum", OPERATIONS, false, Integer.toString(Backpressure.DEFAULT_RECEIVE_MAXIMUM),
                    "MQTT 5 Receive Maximum: unacknowledged messages the broker may send at once"),
            key("queue-size", OPERATIONS, false, "= receive-maximum", "frames received and waiting for analysis"),
            key("metrics-port", OPERATIONS, true, NONE, "serve /metrics, /health and /ready on this port (0 picks one)"),
            key("metrics-host", OPERATIONS, false, OpsEndpoint.DEFAULT_HOST, "address of the metrics endpoint"),
            key("log-format", OPERATIONS, true, "plain", "plain, or json: one JSON object per log line"),

            key("http-port", WEB, true, NONE, "serve the web UI on this port (0 picks one)"),
            key("http-host", WEB, false, "127.0.0.1", "address the web UI listens on"),
            key("users-file", WEB, false, WebConfig.DEFAULT_USERS_FILE.toString(), "the web UI's users"),
            key("web-username", WEB, false, "the agent's", "the web UI's own broker user"),
            secret("web-password", WEB, WEB_PASSWORD_ENV, "its broker password"),
            key("web-password-file", WEB, false, NONE, "file whose first line is web-password"),
            key("secure-cookies", WEB, false, "true with HTTPS", "mark the session cookie Secure"),
            key("https-cert", WEB, false, NONE, "HTTPS certificate (PEM), with https-key"),
            key("https-key", WEB, false, NONE, "its key (PEM, PKCS#8)"),
            key("https-keystore", WEB, false, NONE, "or a PKCS#12 keystore instead of https-cert/https-key"),
            secret("https-keystore-password", WEB, KEYSTORE_PASSWORD_ENV, "the keystore's password"),
            key("https-keystore-password-file", WEB, false, NONE, "file whose first line is the keystore's password"));

    private static final Map<String, ConfigKey> BY_NAME = byName();

    /** The key names, for the config file's check. */
    static final Set<String> NAMES = BY_NAME.keySet();

    private ConfigKeys() {
    }

    /** The key called {@code name}; an unknown one is a programming error. */
    static ConfigKey get(String name) {
        ConfigKey key = BY_NAME.get(name);
        if (key == null) {
            throw new IllegalArgumentException("No config key " + name);
        }
        return key;
    }

    /** The table of docs/operations.md: key, flag, environment, group, default, meaning. */
    static String markdown() {
        StringBuilder out = new StringBuilder("""
                | key | `run` flag | environment (wins) | group | default | sets |
                |---|---|---|---|---|---|
                """);
        for (ConfigKey k : ALL) {
            out.append("| `%s` | %s | %s | %s | %s | %s |%n".formatted(k.name(), k.flag() ? "`--" + k.name() + "`" : "",
                    k.env() == null ? "" : "`" + k.env() + "`", k.group().id(), cell(k.defaultValue()),
                    text(k.meaning())));
        }
        return out.toString();
    }

    /** A default: a value (no spaces) as code, words and "none" as text. */
    private static String cell(String value) {
        return value.contains(" ") || value.equals(NONE) ? text(value) : "`" + value + "`";
    }

    /** Text safe in a Markdown table cell: no column breaks, no HTML tags. */
    private static String text(String value) {
        return value.replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static ConfigKey key(String name, ConfigKey.Group group, boolean flag, String defaultValue, String meaning) {
        return new ConfigKey(name, group, flag, null, defaultValue, meaning);
    }

    private static ConfigKey secret(String name, ConfigKey.Group group, String env, String meaning) {
        return new ConfigKey(name, group, false, env, NONE, meaning);
    }

    private static String num(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }

    private static Map<String, ConfigKey> byName() {
        Map<String, ConfigKey> out = new LinkedHashMap<>();
        for (ConfigKey k : ALL) {
            if (out.put(k.name(), k) != null) {
                throw new IllegalStateException("Config key listed twice: " + k.name());
            }
        }
        return java.util.Collections.unmodifiableMap(out);
    }
}
