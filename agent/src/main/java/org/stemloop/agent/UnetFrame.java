package org.stemloop.agent;

import org.stemloop.image.Frame;

/**
 * The frame as the U-Net gets it: with its own pixel size (the MQTT {@code pixel_size_angstrom}
 * property), else the one the run assumes for frames that give none ({@code set-lattice}), else
 * none, and the U-Net measures one from the lattice in the frame's FFT ({@code unet.FrameScale}).
 */
final class UnetFrame {

    private UnetFrame() {
    }

    /** {@code frame}, given {@code assumedPixelSize} (Å, or NaN) when it has no pixel size of its own. */
    static Frame calibrated(Frame frame, double assumedPixelSize) {
        if (frame.pixelSizeAngstrom().isPresent() || !(assumedPixelSize > 0 && Double.isFinite(assumedPixelSize))) {
            return frame;
        }
        return frame.withPixelSize(assumedPixelSize);
    }
}
