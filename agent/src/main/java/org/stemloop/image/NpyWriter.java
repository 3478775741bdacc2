package org.stemloop.image;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes a frame as a {@code .npy} file that {@code numpy.load} reads back unchanged (see {@link NpyCodec#encode}). */
public final class NpyWriter {

    private NpyWriter() {
    }

    /**
     * Writes {@code frame} to {@code file} (float32 for {@link Precision#FLOAT32} frames, else float64),
     * replacing it if present. The pixel size is not stored; keep it beside the file (e.g. truth.json).
     */
    public static void write(Frame frame, Path file) throws IOException {
        Files.write(file, NpyCodec.encode(frame));
    }
}
