package org.stemloop.agent;

import java.util.Objects;
import org.stemloop.cluster.ClassSettings;
import org.stemloop.detect.LogParams;
import org.stemloop.mqtt.BrokerSettings;
import org.stemloop.mqtt.InputLimits;
import org.stemloop.ops.OpsEndpoint;

/**
 * Everything an agent run is configured with: one record, built by {@code run} from its config file
 * and flags, by {@code demo} and by the tests.
 *
 * @param broker        the broker, the instrument's topics, the credentials
 * @param jdbcUrl       the database, e.g. {@code jdbc:h2:./stemloop-data/stemloop}
 * @param mode          supervised or autonomous
 * @param params        the LoG parameters of the fast path until an optimiser or an operator changes them
 *                      (thresholds on the frame scaled to [0, 1])
 * @param material      the material assumed when a frame names none ({@code graphene}, {@code srtio3}), or
 *                      {@code null}: the lattice is then estimated from the frame's power spectrum
 * @param keepRawFrames store each frame's NPY bytes in the database (about 1 MB per 512 x 512 float32 frame)
 * @param optimiser     when and how LoG* runs ({@link OptimiserSettings#OFF}: fixed parameters)
 * @param httpPort      the port a web UI will serve on, or {@code null}; accepted and kept, nothing serves
 *                      on it yet (the web verticle deploys beside the others when it exists)
 * @param unetModel     the U-Net run beside LoG* on every frame ({@code graphene}, {@code srtio3} or an ONNX
 *                      file), or {@code null}: LoG* only
 * @param limits        the size limits on incoming frames and control messages ({@link InputLimits#DEFAULT}
 *                      when {@code null})
 * @param backpressure  the bounds on frames in flight and waiting, and the frame policy
 *                      ({@link Backpressure#DEFAULT} when {@code null})
 * @param metrics       where {@code /metrics}, {@code /health} and {@code /ready} are served, or {@code null}: not
 * @param classes       sort each frame's LoG* atoms into classes with these settings (k fixed, or by BIC
 *                      in a range; docs/cluster.md), or {@code null}: off
 */
public record AgentConfig(BrokerSettings broker, String jdbcUrl, RunMode mode, LogParams params, String material,
                          boolean keepRawFrames, OptimiserSettings optimiser, Integer httpPort, String unetModel,
                          InputLimits limits, Backpressure backpressure, OpsEndpoint metrics,
                          ClassSettings classes) {

    /**
     * LoG parameters that find the atoms of the simulator's default graphene and SrTiO3 frames
     * (atom sigma ~2.5-3 px, neighbours ~10 px apart): sigma 2-6 px, 10 scales, threshold 0.1,
     * overlap 0.5. Real frames at another magnification need their own (or the optimiser).
     */
    public static final LogParams DEFAULT_PARAMS = LogParams.of(2, 6, 10, 0.1, 0.5);

    public AgentConfig {
        Objects.requireNonNull(broker, "broker");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(params, "params");
        Objects.requireNonNull(optimiser, "optimiser");
        if (jdbcUrl == null || !jdbcUrl.startsWith("jdbc:")) {
            throw new IllegalArgumentException("Database URL must start with jdbc:, got " + jdbcUrl);
        }
        if (httpPort != null && (httpPort < 0 || httpPort > 65535)) {
            throw new IllegalArgumentException("HTTP port must be 0-65535: " + httpPort);
        }
        if (unetModel != null && unetModel.isBlank()) {
            unetModel = null;
        }
        if (limits == null) {
            limits = InputLimits.DEFAULT;
        }
        if (backpressure == null) {
            backpressure = Backpressure.DEFAULT;
        }
    }

    /** The default size limits and backpressure, no metrics endpoint. */
    public AgentConfig(BrokerSettings broker, String jdbcUrl, RunMode mode, LogParams params, String material,
                       boolean keepRawFrames, OptimiserSettings optimiser, Integer httpPort, String unetModel) {
        this(broker, jdbcUrl, mode, params, material, keepRawFrames, optimiser, httpPort, unetModel, null, null, null,
                null);
    }

    /** No U-Net. */
    public AgentConfig(BrokerSettings broker, String jdbcUrl, RunMode mode, LogParams params, String material,
                       boolean keepRawFrames, OptimiserSettings optimiser, Integer httpPort) {
        this(broker, jdbcUrl, mode, params, material, keepRawFrames, optimiser, httpPort, null);
    }

    /** LoG* with its defaults, no web port. */
    public AgentConfig(BrokerSettings broker, String jdbcUrl, RunMode mode, LogParams params, String material,
                       boolean keepRawFrames) {
        this(broker, jdbcUrl, mode, params, material, keepRawFrames, OptimiserSettings.DEFAULT, null, null, null,
                null, null, null);
    }

    public AgentConfig withOptimiser(OptimiserSettings settings) {
        return new AgentConfig(broker, jdbcUrl, mode, params, material, keepRawFrames, settings, httpPort, unetModel,
                limits, backpressure, metrics, classes);
    }

    public AgentConfig withHttpPort(Integer port) {
        return new AgentConfig(broker, jdbcUrl, mode, params, material, keepRawFrames, optimiser, port, unetModel,
                limits, backpressure, metrics, classes);
    }

    /** The same with the U-Net {@code model} beside LoG* ({@code null}: none). */
    public AgentConfig withUnetModel(String model) {
        return new AgentConfig(broker, jdbcUrl, mode, params, material, keepRawFrames, optimiser, httpPort, model,
                limits, backpressure, metrics, classes);
    }

    /** The same with these bounds and frame policy. */
    public AgentConfig withBackpressure(Backpressure settings) {
        return new AgentConfig(broker, jdbcUrl, mode, params, material, keepRawFrames, optimiser, httpPort, unetModel,
                limits, settings, metrics, classes);
    }

    /** The same serving {@code /metrics}, {@code /health} and {@code /ready} at {@code endpoint} ({@code null}: not). */
    public AgentConfig withMetrics(OpsEndpoint endpoint) {
        return new AgentConfig(broker, jdbcUrl, mode, params, material, keepRawFrames, optimiser, httpPort, unetModel,
                limits, backpressure, endpoint, classes);
    }

    /** The same with other size limits. */
    public AgentConfig withLimits(InputLimits newLimits) {
        return new AgentConfig(broker, jdbcUrl, mode, params, material, keepRawFrames, optimiser, httpPort, unetModel,
                newLimits, backpressure, metrics, classes);
    }

    /** The same with atom classes ({@code null}: off). */
    public AgentConfig withClasses(ClassSettings settings) {
        return new AgentConfig(broker, jdbcUrl, mode, params, material, keepRawFrames, optimiser, httpPort, unetModel,
                limits, backpressure, metrics, settings);
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
