package org.stemloop.mqtt;

import org.stemloop.image.NpyCodec;

/**
 * How much a single incoming message may hold, checked before anything is allocated for it: a frame's
 * payload in bytes, a frame's pixels (whatever its NPY header claims), a control message in bytes.
 * A message over a limit is answered on the errors topic ({@code frame-too-large}, {@code bad-control})
 * and acknowledged, like any other bad input.
 *
 * <p>The agent also asks the broker (MQTT 5 {@code Maximum Packet Size}, see
 * {@link #maximumPacketSize()}) not to send it packets far beyond these limits: such a packet never
 * reaches the agent, so it is not answered either; the broker drops it and logs why.
 *
 * @param maxFrameBytes  the largest frame payload, bytes (NPY or JSON envelope); config key
 *                       {@code max-frame-bytes}, default 96 MiB: a 4096 x 4096 float32 frame is 64 MiB and
 *                       128 bytes as NPY, 85.4 MiB as a base64 JSON envelope
 * @param maxFramePixels the most pixels a frame may have, height x width; config key
 *                       {@code max-frame-pixels}, default 4096 x 4096. The analysis holds a frame as
 *                       float64, 8 bytes a pixel, and LoG a scale-space cube of 10 such planes
 * @param maxControlBytes the largest control message, bytes; config key {@code max-control-bytes}, default 64 KiB
 */
public record InputLimits(long maxFrameBytes, long maxFramePixels, int maxControlBytes) {

    /** The largest packet MQTT can carry: 256 MiB - 1 (a four-byte variable length). */
    public static final long MQTT_MAX_PACKET = 268_435_455L;
    /** The defaults: 96 MiB frames, 4096 x 4096 pixels, 64 KiB control messages. */
    public static final InputLimits DEFAULT = new InputLimits(96L << 20, 4096L * 4096, 64 << 10);
    /** The smallest frame the agent analyses is 8 x 8; a limit below that refuses every frame. */
    static final long MIN_PIXELS = 64;

    public InputLimits {
        if (maxFrameBytes < 1024 || maxFrameBytes > MQTT_MAX_PACKET) {
            throw new IllegalArgumentException("max-frame-bytes must be 1024..%d bytes: %d"
                    .formatted(MQTT_MAX_PACKET, maxFrameBytes));
        }
        if (maxFramePixels < MIN_PIXELS || maxFramePixels > NpyCodec.MAX_PIXELS) {
            throw new IllegalArgumentException("max-frame-pixels must be %d..%d pixels: %d"
                    .formatted(MIN_PIXELS, NpyCodec.MAX_PIXELS, maxFramePixels));
        }
        if (maxControlBytes < 256 || maxControlBytes > (16 << 20)) {
            throw new IllegalArgumentException("max-control-bytes must be 256..16777216 bytes: " + maxControlBytes);
        }
    }

    /**
     * The MQTT 5 Maximum Packet Size the agent announces to the broker: twice the larger message limit
     * plus 64 KiB for the topic and properties (at most MQTT's own limit). Payloads up to twice a limit
     * still reach the agent and are answered on errors; bigger ones are dropped by the broker.
     */
    public long maximumPacketSize() {
        return Math.min(MQTT_MAX_PACKET, 2 * Math.max(maxFrameBytes, maxControlBytes) + (64 << 10));
    }
}
