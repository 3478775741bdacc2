package org.stemloop.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.stemloop.image.Frame;
import org.stemloop.image.NpyWriter;
import org.stemloop.image.Precision;

/**
 * The numpy dtypes a verification frame is stored in, and how a [0, 1]-ish float frame becomes
 * one: floats as they are ({@code float32} rounded), integers min-max stretched to the full range
 * and rounded, as a camera or a Velox export would store them. Both scikit-image and the Java
 * reader then see the same stored samples (integers scaled back by {@code img_as_float}).
 */
public enum SampleDtype {
    FLOAT64("float64", 0),
    FLOAT32("float32", 0),
    UINT8("uint8", 255),
    UINT16("uint16", 65535);

    private final String numpyName;
    private final int top;

    SampleDtype(String numpyName, int top) {
        this.numpyName = numpyName;
        this.top = top;
    }

    /** numpy's name of the dtype. */
    public String numpyName() {
        return numpyName;
    }

    /** Writes {@code frame} to {@code file} as a C-order NPY 1.0 array of this dtype. */
    public void write(Frame frame, Path file) throws IOException {
        switch (this) {
            case FLOAT64 -> NpyWriter.write(Frame.of(frame.height(), frame.width(), frame.pixels()), file);
            case FLOAT32 -> NpyWriter.write(Frame.of(frame.height(), frame.width(), frame.pixels(), Precision.FLOAT32), file);
            default -> Files.write(file, integerNpy(frame));
        }
    }

    private byte[] integerNpy(Frame frame) {
        boolean bytes = this == UINT8;
        String dict = "{'descr': '%s', 'fortran_order': False, 'shape': (%d, %d), }"
                .formatted(bytes ? "|u1" : "<u2", frame.height(), frame.width());
        // numpy pads the header with spaces and a newline so that the data start 64-byte aligned
        int padded = ((10 + dict.length() + 1 + 63) / 64) * 64 - 10;
        String header = dict + " ".repeat(padded - dict.length() - 1) + "\n";
        double[] range = frame.range();
        double span = range[1] - range[0];
        ByteBuffer out = ByteBuffer.allocate(10 + padded + frame.size() * (bytes ? 1 : 2)).order(ByteOrder.LITTLE_ENDIAN);
        out.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}).putShort((short) padded);
        out.put(header.getBytes(StandardCharsets.ISO_8859_1));
        for (double v : frame.pixels()) {
            int q = span > 0 ? (int) Math.round((v - range[0]) / span * top) : 0;
            if (bytes) {
                out.put((byte) q);
            } else {
                out.putShort((short) q);
            }
        }
        return out.array();
    }
}
