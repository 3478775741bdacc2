package org.stemloop.agent;

import java.util.Objects;
import org.stemloop.ops.LogFormat;
import org.stemloop.ops.OpsEndpoint;

/**
 * How the agent runs as a service: the {@code operations} group of the configuration (docs/operations.md,
 * "Configuration keys").
 *
 * @param backpressure  the bounds on frames in flight and waiting, and the frame policy
 * @param metrics       where {@code /metrics}, {@code /health} and {@code /ready} are served, or {@code null}: not
 * @param logFormat     how log lines are written
 * @param keepRawFrames store each frame's NPY bytes in the database (about 1 MB per 512 x 512 float32 frame)
 */
public record OperationsSettings(Backpressure backpressure, OpsEndpoint metrics, LogFormat logFormat,
                                 boolean keepRawFrames) {

    /** Every frame analysed, no metrics endpoint, plain log lines, no raw frames stored. */
    public static final OperationsSettings DEFAULT = new OperationsSettings(Backpressure.DEFAULT, null,
            LogFormat.PLAIN, false);

    public OperationsSettings {
        Objects.requireNonNull(backpressure, "backpressure");
        Objects.requireNonNull(logFormat, "logFormat");
    }
}
