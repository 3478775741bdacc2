package org.stemloop.image;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;

/**
 * FEI TIA series files ({@code .ser}), little-endian: a header (byte order {@code 0x4949}, series id
 * {@code 0x0197}, version {@code 0x0210} with 4-byte or {@code 0x0220} with 8-byte offsets, data kind
 * {@code 0x4120} 1-D or {@code 0x4122} 2-D, element counts, the offset of the offset table, the series
 * dimensions), then one data element per acquisition, found through the offset table. A 2-D element
 * holds its own calibration (offset, delta in metres and reference element for X then Y), a data
 * type and its size, then the samples with the bottom row first (TIA's origin is bottom-left, so rows
 * are flipped, as HyperSpy and openNCEM do).
 *
 * <p>Read: one image or a series of same-sized images (a stack). Refused: 1-D elements (spectra),
 * series with more than one scanning dimension (a map of images: 4-D data), complex data. The
 * {@code .emi} file beside it ({@link TiaEmi}) adds voltage, microscope, detector and date.
 */
final class TiaSer {

    static final int SERIES_ID = 0x0197;
    private static final int ONE_D = 0x4120;
    private static final int TWO_D = 0x4122;
    private static final int ELEMENT_HEADER_2D = 50;

    private TiaSer() {
    }

    /** True when {@code head} starts like a SER file: {@code 49 49 97 01}. */
    static boolean hasMagic(byte[] head) {
        return head.length >= 4 && head[0] == 0x49 && head[1] == 0x49 && (head[2] & 0xFF) == 0x97 && head[3] == 0x01;
    }

    static ImageFile read(byte[] bytes, Path file) throws ImageFormatException {
        String source = String.valueOf(file);
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        try {
            return read(b, bytes, file, source);
        } catch (BufferUnderflowException | IndexOutOfBoundsException e) {
            throw new ImageFormatException(source, "truncated or corrupt SER file near byte %d (%d bytes)".formatted(b.position(), bytes.length));
        }
    }

    private static ImageFile read(ByteBuffer b, byte[] bytes, Path file, String source) throws ImageFormatException {
        b.position(4);
        int version = b.getShort() & 0xFFFF;
        if (version != 0x0210 && version != 0x0220) {
            throw new ImageFormatException(source, "unsupported SER version 0x%04x (0x0210 and 0x0220 are read)".formatted(version));
        }
        int kind = b.getInt();
        b.getInt(); // tag type: time only, or time and position
        int total = b.getInt();
        int valid = b.getInt();
        long tableOffset = version == 0x0220 ? b.getLong() : b.getInt() & 0xFFFF_FFFFL;
        int seriesDims = b.getInt();
        if (valid < 0 || total < valid || seriesDims < 0 || seriesDims > 16) {
            throw new ImageFormatException(source, "corrupt SER header: %d valid of %d elements, %d dimensions".formatted(valid, total, seriesDims));
        }
        int longDims = scanningDimensions(b, seriesDims, source);
        if (kind == ONE_D) {
            throw new ImageFormatException(source, "holds %s, not an image".formatted(valid == 1 ? "a 1-D spectrum"
                    : "%d spectra (%d-D scan)".formatted(valid, Math.max(longDims, 1))));
        }
        if (kind != TWO_D) {
            throw new ImageFormatException(source, "corrupt SER header: data kind 0x%04x (0x4120 or 0x4122)".formatted(kind));
        }
        if (longDims > 1) {
            throw new ImageFormatException(source, "holds a %d-D scan of images (%d images, e.g. 4D-STEM), not an image or a stack"
                    .formatted(longDims, valid));
        }
        if (valid == 0) {
            throw new ImageFormatException(source, "SER file with no valid data elements");
        }
        int width = (version == 0x0220 ? 8 : 4);
        if (tableOffset < 0 || tableOffset + (long) valid * width > bytes.length) {
            throw new ImageFormatException(source, "truncated: the SER offset table at byte %d for %d elements lies beyond the %d-byte file"
                    .formatted(tableOffset, valid, bytes.length));
        }
        int[] offsets = new int[valid];
        Element first = null;
        for (int k = 0; k < valid; k++) {
            long at = width == 8 ? b.getLong((int) tableOffset + 8 * k) : b.getInt((int) tableOffset + 4 * k) & 0xFFFF_FFFFL;
            Element e = element(b, at, bytes.length, source);
            if (first != null && (e.rows != first.rows || e.columns != first.columns || e.type != first.type)) {
                throw new ImageFormatException(source, "SER element %d is %d x %d %s, element 0 is %d x %d %s: not a stack"
                        .formatted(k, e.rows, e.columns, e.type.numpyName(), first.rows, first.columns, first.type.numpyName()));
            }
            first = first == null ? e : first;
            offsets[k] = (int) (at + ELEMENT_HEADER_2D);
        }
        StoredArray stored = new StoredArray(bytes, offsets, ByteOrder.LITTLE_ENDIAN, first.type, first.rows, first.columns, true);
        PixelSize size = new PixelSize(LengthUnits.toAngstrom(first.deltaY, "m"), LengthUnits.toAngstrom(first.deltaX, "m"));
        return ImageFile.of(source, "FEI TIA SER", stored, size, TiaEmi.highlights(file));
    }

    /** One 2-D element's header. */
    private record Element(double deltaX, double deltaY, SampleType type, int rows, int columns) {
    }

    private static Element element(ByteBuffer b, long at, int length, String source) throws ImageFormatException {
        if (at < 0 || at + ELEMENT_HEADER_2D > length) {
            throw new ImageFormatException(source, "truncated: a SER data element at byte %d lies beyond the %d-byte file".formatted(at, length));
        }
        b.position((int) at);
        b.getDouble();
        double deltaX = b.getDouble();
        b.getInt();
        b.getDouble();
        double deltaY = b.getDouble();
        b.getInt();
        int code = b.getShort();
        int columns = b.getInt();
        int rows = b.getInt();
        SampleType type = switch (code) {
            case 1 -> SampleType.UINT8;
            case 2 -> SampleType.UINT16;
            case 3 -> SampleType.UINT32;
            case 4 -> SampleType.INT8;
            case 5 -> SampleType.INT16;
            case 6 -> SampleType.INT32;
            case 7 -> SampleType.FLOAT32;
            case 8 -> SampleType.FLOAT64;
            case 9, 10 -> throw new ImageFormatException(source, "holds complex data (SER type %d), not an intensity image".formatted(code));
            default -> throw new ImageFormatException(source, "corrupt SER element: data type %d".formatted(code));
        };
        if (rows < 1 || columns < 1) {
            throw new ImageFormatException(source, "corrupt SER element: %d x %d pixels".formatted(rows, columns));
        }
        if ((long) rows * columns > NpyCodec.MAX_PIXELS) {
            throw new ImageTooLargeException(source, "image too large: %d x %d (at most %d pixels per frame)"
                    .formatted(rows, columns, NpyCodec.MAX_PIXELS));
        }
        long end = at + ELEMENT_HEADER_2D + (long) rows * columns * type.bytes();
        if (end > length) {
            throw new ImageFormatException(source, "truncated: a %d x %d %s SER element ends at byte %d, the file has %d"
                    .formatted(rows, columns, type.numpyName(), end, length));
        }
        return new Element(deltaX, deltaY, type, rows, columns);
    }

    /** Reads the series dimension descriptions and counts those longer than one (scan axes). */
    private static int scanningDimensions(ByteBuffer b, int count, String source) throws ImageFormatException {
        int longer = 0;
        for (int i = 0; i < count; i++) {
            int size = b.getInt();
            b.getDouble();
            b.getDouble();
            b.getInt();
            skipText(b, source);
            skipText(b, source);
            if (size > 1) {
                longer++;
            }
        }
        return longer;
    }

    private static void skipText(ByteBuffer b, String source) throws ImageFormatException {
        int length = b.getInt();
        if (length < 0 || length > b.remaining()) {
            throw new ImageFormatException(source, "corrupt SER dimension text of %d bytes".formatted(length));
        }
        b.position(b.position() + length);
    }
}
