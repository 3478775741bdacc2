package org.stemloop.image;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Writes small MRC2014 files for tests: float32 (mode 2) or int16 (mode 1), either byte order. */
public final class MrcWriter {

    private MrcWriter() {
    }

    /**
     * @param values values[frame][row][col]
     * @param cell the cell size (Xlen, Ylen) in Å, or null for none
     * @param extended bytes of extended header to leave between the header and the data
     */
    public static byte[] write(float[][][] values, int mode, ByteOrder order, float[] cell, int extended) {
        int nz = values.length;
        int ny = values[0].length;
        int nx = values[0][0].length;
        int bytes = mode == 1 ? 2 : 4;
        ByteBuffer b = ByteBuffer.allocate(1024 + extended + nx * ny * nz * bytes).order(order);
        b.putInt(0, nx).putInt(4, ny).putInt(8, nz).putInt(12, mode);
        b.putInt(28, nx).putInt(32, ny).putInt(36, nz);
        if (cell != null) {
            b.putFloat(40, cell[0]).putFloat(44, cell[1]).putFloat(48, nz);
        }
        b.putInt(92, extended);
        b.put(208, (byte) 'M').put(209, (byte) 'A').put(210, (byte) 'P').put(211, (byte) ' ');
        byte stamp = order == ByteOrder.LITTLE_ENDIAN ? (byte) 0x44 : (byte) 0x11;
        b.put(212, stamp).put(213, order == ByteOrder.LITTLE_ENDIAN ? (byte) 0x44 : (byte) 0x11);
        b.putInt(220, 1);
        byte[] label = "stemloop test".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        b.put(224, label);
        b.position(1024 + extended);
        for (float[][] frame : values) {
            for (float[] row : frame) {
                for (float v : row) {
                    if (mode == 1) {
                        b.putShort((short) v);
                    } else {
                        b.putFloat(v);
                    }
                }
            }
        }
        return b.array();
    }
}
