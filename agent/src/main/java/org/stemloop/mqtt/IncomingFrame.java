package org.stemloop.mqtt;

import java.util.Objects;
import org.stemloop.image.Frame;

/**
 * A frame decoded from an MQTT message.
 *
 * @param frameId  the sender's id, unique per run
 * @param frame    the image, calibrated when the sender gave a pixel size
 * @param material the material the sender named, or {@code null}
 * @param npy      the image as NPY bytes (what the database may keep); copied
 */
public record IncomingFrame(String frameId, Frame frame, String material, byte[] npy) {

    public IncomingFrame {
        Objects.requireNonNull(frameId, "frameId");
        Objects.requireNonNull(frame, "frame");
        npy = npy.clone();
    }

    @Override
    public byte[] npy() {
        return npy.clone();
    }
}
