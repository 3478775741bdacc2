package org.stemloop.image;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Writes small FEI TIA {@code .ser} files for tests (version 0x0210 with 4-byte offsets, or 0x0220
 * with 8-byte ones): a series of 2-D uint16 elements, each stored bottom row first as TIA does, or
 * 1-D elements (spectra).
 */
final class SerWriter {

    private SerWriter() {
    }

    /**
     * @param frames frames[k][row][col], top row first (the writer flips them into TIA's order)
     * @param deltaMetres the pixel size written in each element, metres
     */
    static byte[] images(int version, int[][][] frames, double deltaMetres) {
        int rows = frames[0].length;
        int cols = frames[0][0].length;
        int elementBytes = 50 + rows * cols * 2;
        return series(version, 0x4122, frames.length, elementBytes, (b, k) -> {
            b.putDouble(0).putDouble(deltaMetres).putInt(0).putDouble(0).putDouble(deltaMetres).putInt(0);
            b.putShort((short) 2).putInt(cols).putInt(rows);
            for (int r = rows - 1; r >= 0; r--) {
                for (int c = 0; c < cols; c++) {
                    b.putShort((short) frames[k][r][c]);
                }
            }
        });
    }

    /** {@code count} spectra of {@code channels} float32 channels. */
    static byte[] spectra(int count, int channels) {
        return series(0x0210, 0x4120, count, 26 + channels * 4, (b, k) -> {
            b.putDouble(0).putDouble(0.1).putInt(0).putShort((short) 7).putInt(channels);
            for (int i = 0; i < channels; i++) {
                b.putFloat(i);
            }
        });
    }

    private interface Element {
        void write(ByteBuffer b, int k);
    }

    private static byte[] series(int version, int kind, int count, int elementBytes, Element element) {
        boolean wide = version == 0x0220;
        String description = "Number";
        String units = "";
        int header = 22 + (wide ? 8 : 4) + 4 + 4 + 8 + 8 + 4 + 4 + description.length() + 4 + units.length();
        int table = count * (wide ? 8 : 4) * 2;
        ByteBuffer b = ByteBuffer.allocate(header + table + count * elementBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort((short) 0x4949).putShort((short) 0x0197).putShort((short) version);
        b.putInt(kind).putInt(0x4152).putInt(count).putInt(count);
        int tableAt = header;
        if (wide) {
            b.putLong(tableAt);
        } else {
            b.putInt(tableAt);
        }
        b.putInt(1); // one series dimension: the frame number
        b.putInt(count).putDouble(0).putDouble(1).putInt(0);
        b.putInt(description.length()).put(description.getBytes(StandardCharsets.ISO_8859_1));
        b.putInt(units.length()).put(units.getBytes(StandardCharsets.ISO_8859_1));
        for (int k = 0; k < count; k++) {
            long at = header + table + (long) k * elementBytes;
            if (wide) {
                b.putLong(at);
            } else {
                b.putInt((int) at);
            }
        }
        for (int k = 0; k < count; k++) { // tag offsets: no tags written
            if (wide) {
                b.putLong(0);
            } else {
                b.putInt(0);
            }
        }
        for (int k = 0; k < count; k++) {
            element.write(b, k);
        }
        return b.array();
    }
}
