package org.stemloop.store;

import java.time.Instant;
import java.util.Objects;

/**
 * What the database keeps about one received frame besides its detections.
 *
 * @param runId             the run that received it
 * @param frameId           the sender's id of the frame, unique within a run, at most 256 characters
 * @param height            rows, pixels, positive
 * @param width             columns, pixels, positive
 * @param pixelSizeAngstrom pixel size in Å, or {@code NaN} when the sender gave none
 * @param material          material the sender named (e.g. {@code graphene}), or {@code null}
 * @param receivedAt        when the agent received the frame from the broker
 * @param rawNpy            the frame as received (NPY bytes) to keep, or {@code null} to keep metadata only;
 *                          copied
 */
public record FrameMeta(String runId, String frameId, int height, int width, double pixelSizeAngstrom,
                        String material, Instant receivedAt, byte[] rawNpy) {

    public FrameMeta {
        Columns.requireText("Run id", runId, 64);
        Columns.requireText("Frame id", frameId, 256);
        Columns.requireOptionalText("Material", material, 64);
        Objects.requireNonNull(receivedAt, "receivedAt");
        if (height <= 0 || width <= 0) {
            throw new IllegalArgumentException("Frame size must be positive: %d x %d".formatted(height, width));
        }
        if (!Double.isNaN(pixelSizeAngstrom) && !(pixelSizeAngstrom > 0 && Double.isFinite(pixelSizeAngstrom))) {
            throw new IllegalArgumentException("Pixel size must be positive and finite (or NaN): " + pixelSizeAngstrom);
        }
        rawNpy = rawNpy == null ? null : rawNpy.clone();
    }

    /** A copy of the raw frame, or {@code null} when it is not kept. */
    @Override
    public byte[] rawNpy() {
        return rawNpy == null ? null : rawNpy.clone();
    }
}
