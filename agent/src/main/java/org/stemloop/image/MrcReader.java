package org.stemloop.image;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * MRC files (MRC2014, and the older CCP4-style files without the {@code MAP} word): a 1024-byte
 * header, an extended header of {@code NSYMBT} bytes, then {@code NZ} sections of {@code NY} rows of
 * {@code NX} samples. The byte order is the machine stamp's (byte 212: {@code 0x44} little-endian,
 * {@code 0x11} big-endian), little-endian when the stamp is missing.
 *
 * <p>Modes read: 0 int8, 1 int16, 2 float32, 6 uint16, 12 float16. Refused: complex modes 3 and 4,
 * packed 4-bit mode 101. The pixel size is the cell size over the sampling,
 * {@code Xlen / MX} and {@code Ylen / MY}, in ångström as the standard says. (HyperSpy 1.7 multiplies
 * this value by 10 and calls it nm, a factor of 100 too large; see docs/images.md.) Sections are read
 * as frames, whatever the space group says (image stack or volume).
 */
final class MrcReader {

    static final int HEADER = 1024;

    private MrcReader() {
    }

    /** True when the MRC2014 identification word {@code "MAP "} is at byte 208. */
    static boolean hasMapWord(byte[] head) {
        return head.length >= 212 && head[208] == 'M' && head[209] == 'A' && head[210] == 'P' && head[211] == ' ';
    }

    static ImageFile read(byte[] bytes, String source) throws ImageFormatException {
        if (bytes.length < HEADER) {
            throw new ImageFormatException(source, "truncated: %d bytes, shorter than the 1024-byte MRC header".formatted(bytes.length));
        }
        ByteOrder order = bytes[212] == 0x11 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        ByteBuffer h = ByteBuffer.wrap(bytes, 0, HEADER).order(order);
        int nx = h.getInt(0);
        int ny = h.getInt(4);
        int nz = h.getInt(8);
        int mode = h.getInt(12);
        if (nx < 1 || ny < 1 || nz < 1) {
            throw new ImageFormatException(source, "corrupt MRC header: %d x %d x %d samples".formatted(nz, ny, nx));
        }
        SampleType type = switch (mode) {
            case 0 -> SampleType.INT8;
            case 1 -> SampleType.INT16;
            case 2 -> SampleType.FLOAT32;
            case 6 -> SampleType.UINT16;
            case 12 -> SampleType.FLOAT16;
            case 3, 4 -> throw new ImageFormatException(source, "holds complex data (MRC mode %d), not an intensity image".formatted(mode));
            default -> throw new ImageFormatException(source, "MRC mode %d is not read (0, 1, 2, 6 and 12 are)".formatted(mode));
        };
        if ((long) nx * ny > NpyCodec.MAX_PIXELS) {
            throw new ImageTooLargeException(source, "image too large: %d x %d (at most %d pixels per frame)"
                    .formatted(ny, nx, NpyCodec.MAX_PIXELS));
        }
        long extended = h.getInt(92) & 0xFFFF_FFFFL;
        long start = HEADER + extended;
        long needed = (long) nx * ny * nz * type.bytes();
        if (start + needed > bytes.length) {
            throw new ImageFormatException(source, "truncated: the MRC header says %d x %d x %d %s (%d bytes from byte %d), the file has %d"
                    .formatted(nz, ny, nx, type.numpyName(), needed, start, bytes.length));
        }
        PixelSize size = new PixelSize(spacing(h.getFloat(44), h.getInt(32)), spacing(h.getFloat(40), h.getInt(28)));
        StoredArray stored = StoredArray.contiguous(bytes, (int) start, order, type, nz, ny, nx);
        Map<String, String> highlights = new LinkedHashMap<>();
        String label = labels(bytes, h.getInt(220));
        if (!label.isEmpty()) {
            highlights.put("title", label);
        }
        return ImageFile.of(source, hasMapWord(bytes) ? "MRC2014" : "MRC", stored, size, highlights);
    }

    /** Cell length over sampling in Å, NaN when either is not positive. */
    private static double spacing(float length, int samples) {
        return samples > 0 && length > 0 && Float.isFinite(length) ? (double) length / samples : Double.NaN;
    }

    /** The first of the header's text labels (80 characters each, from byte 224), or "". */
    private static String labels(byte[] bytes, int count) {
        if (count < 1 || count > 10) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 224; i < 304; i++) {
            int c = bytes[i] & 0xFF;
            if (c == 0) {
                break;
            }
            sb.append(c >= 32 && c < 127 ? (char) c : ' ');
        }
        return sb.toString().strip();
    }
}
