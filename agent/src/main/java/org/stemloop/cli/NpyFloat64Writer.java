package org.stemloop.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.stemloop.image.Frame;

/**
 * TEMPORARY: a minimal NPY writer for float64 frames, private to the simulate command until the
 * shared image codec (package {@code image}) lands; the lead swaps it for that codec then.
 *
 * <p>Format: NPY 1.0, magic {@code \x93NUMPY}, version 1.0, a little-endian uint16 header length,
 * an ASCII dict {@code {'descr': '<f8', 'fortran_order': False, 'shape': (H, W), }} padded with
 * spaces and ending in '\n' so the data starts at a multiple of 64 bytes, then the pixels as
 * little-endian float64 in C (row-major) order.
 */
final class NpyFloat64Writer {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0};

    private NpyFloat64Writer() {
    }

    static void write(Frame frame, Path file) throws IOException {
        String dict = "{'descr': '<f8', 'fortran_order': False, 'shape': (%d, %d), }"
                .formatted(frame.height(), frame.width());
        int unpadded = MAGIC.length + 2 + dict.length() + 1;
        int padding = (64 - unpadded % 64) % 64;
        String header = dict + " ".repeat(padding) + "\n";
        byte[] headerBytes = header.getBytes(StandardCharsets.US_ASCII);
        ByteBuffer head = ByteBuffer.allocate(MAGIC.length + 2 + headerBytes.length).order(ByteOrder.LITTLE_ENDIAN);
        head.put(MAGIC).putShort((short) headerBytes.length).put(headerBytes);
        double[] pixels = frame.pixels();
        // One row at a time, so an 8192 x 8192 frame needs no second 512 MB buffer.
        ByteBuffer row = ByteBuffer.allocate(8 * frame.width()).order(ByteOrder.LITTLE_ENDIAN);
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(head.array());
            for (int r = 0; r < frame.height(); r++) {
                row.clear();
                row.asDoubleBuffer().put(pixels, r * frame.width(), frame.width());
                out.write(row.array());
            }
        }
    }
}
