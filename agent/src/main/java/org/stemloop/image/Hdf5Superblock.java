package org.stemloop.image;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The few facts read from an HDF5 file's superblock before handing it to jhdf: the signature and the
 * end-of-file address, so that a truncated file is reported as such instead of as whatever jhdf
 * trips over first. Layout: HDF5 File Format Specification, section II.A (versions 0 to 3).
 */
final class Hdf5Superblock {

    static final byte[] SIGNATURE = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1A, '\n'};

    private Hdf5Superblock() {
    }

    /** True when {@code head} starts with the HDF5 signature (we do not read files with a user block). */
    static boolean hasSignature(byte[] head) {
        if (head.length < SIGNATURE.length) {
            return false;
        }
        for (int i = 0; i < SIGNATURE.length; i++) {
            if (head[i] != SIGNATURE[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * The file length the superblock promises (base address plus end-of-file address), or -1 when the
     * superblock is too short or of an unknown version to tell.
     */
    static long declaredLength(byte[] head) {
        if (!hasSignature(head) || head.length < 9) {
            return -1;
        }
        int version = head[8] & 0xFF;
        int offsetsAt;
        int sizeOfOffsets;
        if (version == 0 || version == 1) {
            sizeOfOffsets = head.length > 13 ? head[13] & 0xFF : 0;
            offsetsAt = version == 0 ? 24 : 28;
        } else if (version == 2 || version == 3) {
            sizeOfOffsets = head.length > 9 ? head[9] & 0xFF : 0;
            offsetsAt = 12;
        } else {
            return -1;
        }
        if (sizeOfOffsets != 8 && sizeOfOffsets != 4) {
            return -1;
        }
        // Versions 0/1: base, free-space, end-of-file; versions 2/3: base, extension, end-of-file.
        int eofAt = offsetsAt + 2 * sizeOfOffsets;
        if (head.length < eofAt + sizeOfOffsets) {
            return -1;
        }
        ByteBuffer le = ByteBuffer.wrap(head).order(ByteOrder.LITTLE_ENDIAN);
        long base = sizeOfOffsets == 8 ? le.getLong(offsetsAt) : le.getInt(offsetsAt) & 0xFFFF_FFFFL;
        long eof = sizeOfOffsets == 8 ? le.getLong(eofAt) : le.getInt(eofAt) & 0xFFFF_FFFFL;
        return base + eof;
    }
}
