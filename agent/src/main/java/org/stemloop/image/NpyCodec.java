package org.stemloop.image;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * NPY bytes to {@link Frame} and back: numpy's {@code .npy} format versions 1.0, 2.0 and 3.0, as
 * files and as MQTT frame payloads ({@code application/x-npy}).
 *
 * <p>Reads bool, int8-64, uint8-64 and float16/32/64 in either byte order and in C or Fortran order.
 * The array must be 2-D; a 3-D array with a leading or trailing axis of length 1 (one frame of a
 * stack, one channel) counts as 2-D. Integer values are scaled like scikit-image's
 * {@code img_as_float} (see {@link SampleType}); float16 and float32 become {@link Precision#FLOAT32}.
 * A header that disagrees with the bytes (truncated data, trailing bytes, negative or huge shapes,
 * a malformed dictionary) is rejected with a one-line message.
 *
 * <p>Cost: one pass over the data; the bytes are not copied beyond the frame's own array.
 */
public final class NpyCodec {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    /** 2^28 pixels (16384 x 16384): far beyond any STEM frame, small enough to stay in memory. */
    public static final long MAX_PIXELS = 1L << 28;
    private static final int ALIGN = 64;

    private NpyCodec() {
    }

    /** True when {@code head} starts with the NPY magic string {@code \x93NUMPY}. */
    static boolean hasMagic(byte[] head) {
        if (head.length < MAGIC.length) {
            return false;
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (head[i] != MAGIC[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Decodes NPY bytes into a frame.
     *
     * @param bytes the whole NPY file or message payload
     * @param source names the bytes in error messages (a file name, a frame id)
     * @throws ImageFormatException when the bytes are not a 2-D numeric NPY array, with a one-line message
     */
    public static Frame decode(byte[] bytes, String source) throws ImageFormatException {
        return load(bytes, source, MAX_PIXELS).frame();
    }

    /**
     * As {@link #decode(byte[], String)}, refusing images of more than {@code maxPixels} pixels before
     * their pixels are allocated (the size comes from the header, checked against the bytes too).
     *
     * @param maxPixels at most {@link #MAX_PIXELS}; a bigger value is capped to it
     * @throws ImageTooLargeException when the header's height x width exceeds {@code maxPixels}
     */
    public static Frame decode(byte[] bytes, String source, long maxPixels) throws ImageFormatException {
        return load(bytes, source, Math.min(maxPixels, MAX_PIXELS)).frame();
    }

    /** As {@link #decode}, keeping the stored dtype. */
    static LoadedImage load(byte[] bytes, String source) throws ImageFormatException {
        return load(bytes, source, MAX_PIXELS);
    }

    /** As {@link #load(byte[], String)}, refusing more than {@code maxPixels} pixels before allocating them. */
    static LoadedImage load(byte[] bytes, String source, long maxPixels) throws ImageFormatException {
        if (!hasMagic(bytes)) {
            throw new ImageFormatException(source, "not an NPY file (no \\x93NUMPY magic at the start)");
        }
        if (bytes.length < 10) {
            throw new ImageFormatException(source, "truncated: %d bytes, shorter than an NPY preamble".formatted(bytes.length));
        }
        int major = bytes[6] & 0xFF;
        int minor = bytes[7] & 0xFF;
        ByteBuffer le = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long headerLength;
        int headerStart;
        if (major == 1) {
            headerLength = le.getShort(8) & 0xFFFF;
            headerStart = 10;
        } else if (major == 2 || major == 3) {
            if (bytes.length < 12) {
                throw new ImageFormatException(source, "truncated: %d bytes, shorter than an NPY %d.%d preamble"
                        .formatted(bytes.length, major, minor));
            }
            headerLength = le.getInt(8) & 0xFFFF_FFFFL;
            headerStart = 12;
        } else {
            throw new ImageFormatException(source, "unsupported NPY version %d.%d (1.0, 2.0 and 3.0 are read)".formatted(major, minor));
        }
        if (headerStart + headerLength > bytes.length) {
            throw new ImageFormatException(source, "truncated: NPY header of %d bytes, file has %d"
                    .formatted(headerLength, bytes.length - headerStart));
        }
        int dataStart = (int) (headerStart + headerLength);
        String text = new String(bytes, headerStart, (int) headerLength,
                major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        NpyHeader header;
        try {
            header = NpyHeader.parse(text);
        } catch (IllegalArgumentException e) {
            throw new ImageFormatException(source, e.getMessage());
        }
        long[] shape = header.shape();
        int[] hw = imageShape(shape, source, maxPixels);
        String says = "header says %s %s".formatted(NpyHeader.shapeText(shape), header.type().numpyName());
        long count = (long) hw[0] * hw[1];
        long needed = count * header.type().bytes();
        long available = bytes.length - dataStart;
        if (available < needed) {
            throw new ImageFormatException(source, "truncated: %s (%d bytes), file has %d".formatted(says, needed, available));
        }
        if (available > needed) {
            throw new ImageFormatException(source, "%d bytes after the data: %s (%d bytes)".formatted(available - needed, says, needed));
        }
        ByteBuffer data = ByteBuffer.wrap(bytes, dataStart, (int) needed).order(header.order());
        double[] pixels = read(data, header.type(), hw[0], hw[1], header.fortranOrder());
        Frame frame = Frame.of(hw[0], hw[1], pixels, header.type().precision());
        return new LoadedImage(frame, "NPY", header.type().numpyName());
    }

    /** {height, width} of a 2-D array, or of a 3-D one with a length-1 first or last axis. */
    private static int[] imageShape(long[] shape, String source, long maxPixels) throws ImageFormatException {
        long[] hw;
        if (shape.length == 2) {
            hw = shape;
        } else if (shape.length == 3 && shape[2] == 1) {
            hw = new long[] {shape[0], shape[1]};
        } else if (shape.length == 3 && shape[0] == 1) {
            hw = new long[] {shape[1], shape[2]};
        } else {
            throw new ImageFormatException(source, "shape %s is not an image (2-D, or 3-D with one frame or channel)"
                    .formatted(NpyHeader.shapeText(shape)));
        }
        if (hw[0] == 0 || hw[1] == 0) {
            throw new ImageFormatException(source, "empty image: shape " + NpyHeader.shapeText(shape));
        }
        // each side is checked first so that the product cannot overflow
        if (hw[0] > maxPixels || hw[1] > maxPixels || hw[0] * hw[1] > maxPixels) {
            throw new ImageTooLargeException(source, "image too large: shape %s (at most %d pixels)"
                    .formatted(NpyHeader.shapeText(shape), maxPixels));
        }
        return new int[] {(int) hw[0], (int) hw[1]};
    }

    private static double[] read(ByteBuffer data, SampleType type, int height, int width, boolean fortran) {
        double[] pixels = new double[height * width];
        if (!fortran) {
            for (int i = 0; i < pixels.length; i++) {
                pixels[i] = type.read(data);
            }
        } else {
            // Fortran order: rows vary fastest, so the file walks down each column.
            for (int c = 0; c < width; c++) {
                for (int r = 0; r < height; r++) {
                    pixels[r * width + c] = type.read(data);
                }
            }
        }
        return pixels;
    }

    /**
     * Encodes a frame as NPY 1.0 bytes in C order: {@code <f4} for {@link Precision#FLOAT32} frames,
     * {@code <f8} otherwise; numpy's {@code np.load} reads them back unchanged. The pixel size is not
     * stored (NPY has no place for it).
     */
    public static byte[] encode(Frame frame) {
        boolean single = frame.precision() == Precision.FLOAT32;
        String dict = "{'descr': '%s', 'fortran_order': False, 'shape': (%d, %d), }"
                .formatted(single ? "<f4" : "<f8", frame.height(), frame.width());
        // numpy pads with spaces and ends with a newline so the data start is 64-byte aligned.
        int padded = ((10 + dict.length() + 1 + ALIGN - 1) / ALIGN) * ALIGN - 10;
        String header = dict + " ".repeat(padded - dict.length() - 1) + "\n";
        double[] pixels = frame.pixels();
        ByteBuffer out = ByteBuffer.allocate(10 + padded + pixels.length * (single ? 4 : 8)).order(ByteOrder.LITTLE_ENDIAN);
        out.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) padded);
        out.put(header.getBytes(StandardCharsets.ISO_8859_1));
        for (double v : pixels) {
            if (single) {
                out.putFloat((float) v);
            } else {
                out.putDouble(v);
            }
        }
        return out.array();
    }
}
