package org.stemloop.image;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The pixels of an image or stack as the file stores them: {@code frames x rows x columns} samples
 * of one {@link SampleType}, row-major with columns fastest, in {@code order}, starting at
 * {@code frameOffsets[k]} of {@code bytes} for frame {@code k} (contiguous in DM and MRC files, each
 * behind its own small header in SER files). Frames are converted to {@link Frame}s only when asked for, so a
 * stack costs its file's bytes and one frame at a time.
 *
 * @param bytes the whole file (not copied: the readers own it)
 * @param frameOffsets where each frame's first sample starts (copied)
 * @param order the byte order of the samples
 * @param type the stored element type
 * @param rows rows per frame
 * @param columns columns per frame
 * @param bottomUp true when the file stores the bottom row first (FEI TIA), so rows are flipped on reading
 */
record StoredArray(byte[] bytes, int[] frameOffsets, ByteOrder order, SampleType type, int rows, int columns,
        boolean bottomUp) {

    StoredArray {
        frameOffsets = frameOffsets.clone();
        if (frameOffsets.length < 1 || rows < 1 || columns < 1) {
            throw new IllegalArgumentException("Stored array must have at least one frame, row and column: %d x %d x %d"
                    .formatted(frameOffsets.length, rows, columns));
        }
        long frameBytes = (long) rows * columns * type.bytes();
        for (int offset : frameOffsets) {
            if (offset < 0 || offset + frameBytes > bytes.length) {
                throw new IllegalArgumentException("Stored frame [%d, %d) outside %d bytes"
                        .formatted(offset, offset + frameBytes, bytes.length));
            }
        }
    }

    /** Frames stored one after another from {@code offset}. */
    static StoredArray contiguous(byte[] bytes, int offset, ByteOrder order, SampleType type, int frames, int rows,
            int columns) {
        int[] offsets = new int[frames];
        for (int k = 0; k < frames; k++) {
            offsets[k] = (int) (offset + (long) k * rows * columns * type.bytes());
        }
        return new StoredArray(bytes, offsets, order, type, rows, columns, false);
    }

    /** Number of frames. */
    int frames() {
        return frameOffsets.length;
    }

    /** Pixels in one frame. */
    int framePixels() {
        return rows * columns;
    }

    /** Frame {@code k} (0-based), integers scaled like {@code img_as_float}, uncalibrated. */
    Frame frame(int k) {
        if (k < 0 || k >= frames()) {
            throw new IndexOutOfBoundsException("frame %d of %d".formatted(k, frames()));
        }
        ByteBuffer buf = buffer(k);
        double[] pixels = new double[framePixels()];
        for (int r = 0; r < rows; r++) {
            int row = bottomUp ? rows - 1 - r : r;
            for (int c = 0; c < columns; c++) {
                pixels[row * columns + c] = type.read(buf);
            }
        }
        return Frame.of(rows, columns, pixels, type.precision());
    }

    /** The mean of the stored values over every frame, before any scaling (as numpy's {@code mean} of the array). */
    double meanStored() {
        double sum = 0;
        for (int k = 0; k < frames(); k++) {
            ByteBuffer buf = buffer(k);
            for (int i = 0; i < framePixels(); i++) {
                sum += type.readStored(buf);
            }
        }
        return sum / ((double) frames() * framePixels());
    }

    private ByteBuffer buffer(int frame) {
        return ByteBuffer.wrap(bytes, frameOffsets[frame], framePixels() * type.bytes())
                .slice().order(order);
    }
}
