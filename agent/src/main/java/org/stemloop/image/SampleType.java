package org.stemloop.image;

import java.nio.ByteBuffer;

/**
 * The element types an image file may store, and how each becomes a {@link Frame} value: exactly as
 * scikit-image's {@code img_as_float} converts it (scikit-image 0.19 to 0.26, {@code util/dtype.py}
 * {@code _convert}), because the LoG detector must reproduce scikit-image bit for bit.
 *
 * <ul>
 *   <li>unsigned integers: {@code value * (1.0 / imax)} in double ({@code np.multiply(image, 1. / imax,
 *       dtype=float64)}), so 65535 gives exactly 1.0 and 1 gives {@code 1.0 / 65535};
 *   <li>signed integers: {@code max(value * (1.0 / imax), -1.0)}, so the most negative value maps to -1;
 *   <li>bool: 0.0 or 1.0;
 *   <li>floats: unchanged; float16 and float32 are processed as {@link Precision#FLOAT32}.
 * </ul>
 */
enum SampleType {
    BOOL("bool", 1, 'b'),
    INT8("int8", 1, 'i'),
    UINT8("uint8", 1, 'u'),
    INT16("int16", 2, 'i'),
    UINT16("uint16", 2, 'u'),
    INT32("int32", 4, 'i'),
    UINT32("uint32", 4, 'u'),
    INT64("int64", 8, 'i'),
    UINT64("uint64", 8, 'u'),
    FLOAT16("float16", 2, 'f'),
    FLOAT32("float32", 4, 'f'),
    FLOAT64("float64", 8, 'f');

    private final String numpyName;
    private final int bytes;
    private final char kind;
    /** {@code 1. / imax} as numpy computes it: imax rounded to double first, then divided. */
    private final double scale;

    SampleType(String numpyName, int bytes, char kind) {
        this.numpyName = numpyName;
        this.bytes = bytes;
        this.kind = kind;
        double imax = switch (kind) {
            case 'u' -> bytes == 8 ? 0x1p64 : Math.pow(2, 8 * bytes) - 1;
            case 'i' -> bytes == 8 ? 0x1p63 : Math.pow(2, 8 * bytes - 1) - 1;
            default -> 1;
        };
        this.scale = 1.0 / imax;
    }

    /** The numpy name, e.g. {@code uint16}. */
    String numpyName() {
        return numpyName;
    }

    /** Bytes per sample. */
    int bytes() {
        return bytes;
    }

    /** numpy's kind character: {@code b}, {@code i}, {@code u} or {@code f}. */
    char kind() {
        return kind;
    }

    /** The precision LoG works in for such images (scikit-image keeps float32, the rest is float64). */
    Precision precision() {
        return this == FLOAT16 || this == FLOAT32 ? Precision.FLOAT32 : Precision.FLOAT64;
    }

    /** The type with this numpy name ({@code uint16}), or null. */
    static SampleType ofName(String name) {
        for (SampleType t : values()) {
            if (t.numpyName.equals(name)) {
                return t;
            }
        }
        return null;
    }

    /** The NPY/numpy type for a kind and an item size ({@code ('u', 2)} is uint16), or null if unsupported. */
    static SampleType of(char kind, int bytes) {
        for (SampleType t : values()) {
            if (t.kind == kind && t.bytes == bytes) {
                return t;
            }
        }
        return null;
    }

    /**
     * An integer sample scaled like {@code img_as_float}; {@code raw} holds the stored bits
     * sign- or zero-extended as the type says (for uint64 the bits are read as unsigned).
     */
    double scaled(long raw) {
        return switch (kind) {
            case 'b' -> raw != 0 ? 1.0 : 0.0;
            case 'u' -> unsignedToDouble(raw) * scale;
            case 'i' -> Math.max(raw * scale, -1.0);
            default -> throw new IllegalStateException(numpyName + " is not an integer type");
        };
    }

    /** Reads one sample at the buffer's position (in the buffer's byte order) and converts it. */
    double read(ByteBuffer buf) {
        return switch (this) {
            case BOOL -> buf.get() != 0 ? 1.0 : 0.0;
            case INT8 -> scaled(buf.get());
            case UINT8 -> scaled(buf.get() & 0xFFL);
            case INT16 -> scaled(buf.getShort());
            case UINT16 -> scaled(buf.getShort() & 0xFFFFL);
            case INT32 -> scaled(buf.getInt());
            case UINT32 -> scaled(buf.getInt() & 0xFFFF_FFFFL);
            case INT64, UINT64 -> scaled(buf.getLong());
            case FLOAT16 -> HalfFloat.toFloat(buf.getShort());
            case FLOAT32 -> buf.getFloat();
            case FLOAT64 -> buf.getDouble();
        };
    }

    /** Reads one sample at the buffer's position as stored, without scaling (integers as their value). */
    double readStored(ByteBuffer buf) {
        return switch (this) {
            case BOOL -> buf.get() != 0 ? 1.0 : 0.0;
            case INT8 -> buf.get();
            case UINT8 -> buf.get() & 0xFF;
            case INT16 -> buf.getShort();
            case UINT16 -> buf.getShort() & 0xFFFF;
            case INT32 -> buf.getInt();
            case UINT32 -> buf.getInt() & 0xFFFF_FFFFL;
            case INT64 -> buf.getLong();
            case UINT64 -> unsignedToDouble(buf.getLong());
            case FLOAT16 -> HalfFloat.toFloat(buf.getShort());
            case FLOAT32 -> buf.getFloat();
            case FLOAT64 -> buf.getDouble();
        };
    }

    /** A value as {@link #read} gives it back in stored units: the inverse of the integer scaling. */
    double unscaled(double value) {
        return kind == 'u' || kind == 'i' ? value / scale : value;
    }

    /** Rounds to nearest like numpy's uint64 to float64 cast. */
    private static double unsignedToDouble(long raw) {
        if (raw >= 0) {
            return raw;
        }
        // Halve keeping the sticky bit so the final rounding is still correct.
        return ((double) ((raw >>> 1) | (raw & 1))) * 2.0;
    }
}
