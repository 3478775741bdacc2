package org.stemloop.agent;

import java.time.Duration;
import java.util.Objects;
import org.stemloop.cluster.ClassSettings;
import org.stemloop.detect.LogParams;
import org.stemloop.mqtt.BrokerSettings;
import org.stemloop.mqtt.InputLimits;
import org.stemloop.ops.OpsEndpoint;
import org.stemloop.poi.DoseBudget;

/**
 * Everything an agent run is configured with, in groups: built by {@code run} and {@code demo} through
 * the one loader ({@code cli.ConfigLoader}: file, flags, environment) and by the tests. The web UI's group
 * is its own record ({@code web.WebConfig}), started beside the agent.
 *
 * @param broker     the broker, the instrument's topics, the credentials
 * @param jdbcUrl    the database, e.g. {@code jdbc:h2:./stemloop-data/stemloop}
 * @param analysis   how frames are analysed: mode, LoG parameters, material, optimiser, U-Net, classes
 * @param limits     the size limits on incoming frames and control messages
 * @param operations backpressure, metrics endpoint, log format, raw frames kept or not
 * @param dose       the beam time the loop may ask the microscope for: dwell per spectrum, per frame, per run
 * @param acquireExpiry how long a pending acquisition request (supervised) waits for approve-acquire before it
 *                      expires ({@code acquire-expiry-s}); zero: never
 */
public record AgentConfig(BrokerSettings broker, String jdbcUrl, AnalysisSettings analysis, InputLimits limits,
                          OperationsSettings operations, DoseBudget dose, Duration acquireExpiry) {

    /**
     * Two minutes: an operator has time to look at the frame, and the request is still about a frame the microscope
     * holds (the twin keeps its last 64, about a minute at 1 frame/s) and the agent can link spectra to (its last 32).
     */
    public static final Duration DEFAULT_ACQUIRE_EXPIRY = Duration.ofSeconds(120);

    /**
     * LoG parameters that find the atoms of the simulator's default graphene and SrTiO3 frames
     * (atom sigma ~2.5-3 px, neighbours ~10 px apart): sigma 2-6 px, 10 scales, threshold 0.1,
     * overlap 0.5. Real frames at another magnification need their own (or the optimiser).
     */
    public static final LogParams DEFAULT_PARAMS = LogParams.of(2, 6, 10, 0.1, 0.5);

    public AgentConfig {
        Objects.requireNonNull(broker, "broker");
        Objects.requireNonNull(analysis, "analysis");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(operations, "operations");
        Objects.requireNonNull(dose, "dose");
        Objects.requireNonNull(acquireExpiry, "acquireExpiry");
        if (acquireExpiry.isNegative()) {
            throw new IllegalArgumentException("acquire-expiry-s must be 0 (never) or more: " + acquireExpiry.toSeconds());
        }
        if (jdbcUrl == null || !jdbcUrl.startsWith("jdbc:")) {
            throw new IllegalArgumentException("Database URL must start with jdbc:, got " + jdbcUrl);
        }
    }

    /** With the default dose budget ({@link DoseBudget#DEFAULT}). */
    public AgentConfig(BrokerSettings broker, String jdbcUrl, AnalysisSettings analysis, InputLimits limits,
                       OperationsSettings operations) {
        this(broker, jdbcUrl, analysis, limits, operations, DoseBudget.DEFAULT);
    }

    /** With the default expiry of pending acquisition requests ({@link #DEFAULT_ACQUIRE_EXPIRY}). */
    public AgentConfig(BrokerSettings broker, String jdbcUrl, AnalysisSettings analysis, InputLimits limits,
                       OperationsSettings operations, DoseBudget dose) {
        this(broker, jdbcUrl, analysis, limits, operations, dose, DEFAULT_ACQUIRE_EXPIRY);
    }

    /** The default size limits and operations settings. */
    public static AgentConfig of(BrokerSettings broker, String jdbcUrl, AnalysisSettings analysis) {
        return new AgentConfig(broker, jdbcUrl, analysis, InputLimits.DEFAULT, OperationsSettings.DEFAULT);
    }

    // Shorthands for the members the verticles read most; the groups are the record's components.

    public RunMode mode() {
        return analysis.mode();
    }

    public LogParams params() {
        return analysis.params();
    }

    public String material() {
        return analysis.material();
    }

    public OptimiserSettings optimiser() {
        return analysis.optimiser();
    }

    public String unetModel() {
        return analysis.unetModel();
    }

    public ClassSettings classes() {
        return analysis.classes();
    }

    public boolean keepRawFrames() {
        return operations.keepRawFrames();
    }

    public Backpressure backpressure() {
        return operations.backpressure();
    }

    public OpsEndpoint metrics() {
        return operations.metrics();
    }

    /**
     * The {@code classes} setting of a config file or the {@code run} flag: {@code off} (or nothing)
     * is {@code null}, {@code auto} chooses 2-4 classes by BIC, a number 1-10 fixes k.
     */
    public static ClassSettings parseClasses(String value) {
        if (value == null || value.isBlank() || "off".equals(value.strip())) {
            return null;
        }
        try {
            return ClassSettings.parse(value.strip(), ClassSettings.AUTO.seed());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("classes must be off, auto or a number of classes 1-10: " + value);
        }
    }
}
