package org.stemloop.mqtt;

import java.util.Locale;

/**
 * What a frame payload is, by its magic bytes: NPY ({@code \x93NUMPY}), Gatan DM3/DM4 (a big-endian
 * version word 3 or 4) or TIFF ({@code II*\0}, {@code MM\0*}); and the check that an MQTT 5 content
 * type, when the sender set one, agrees with them.
 */
enum FramePayload {
    NPY("application/x-npy"), DM("application/x-dm4"), TIFF("image/tiff");

    private final String contentType;

    FramePayload(String contentType) {
        this.contentType = contentType;
    }

    /** The kind by magic bytes, or null (then decoded as NPY, whose reader names the problem). */
    static FramePayload of(byte[] payload) {
        if (payload.length >= 6 && payload[0] == (byte) 0x93 && payload[1] == 'N' && payload[2] == 'U') {
            return NPY;
        }
        if (payload.length >= 4 && payload[0] == 0 && payload[1] == 0 && payload[2] == 0
                && (payload[3] == 3 || payload[3] == 4)) {
            return DM;
        }
        if (payload.length >= 4 && ((payload[0] == 'I' && payload[1] == 'I' && payload[2] == 42 && payload[3] == 0)
                || (payload[0] == 'M' && payload[1] == 'M' && payload[2] == 0 && payload[3] == 42))) {
            return TIFF;
        }
        return null;
    }

    /**
     * Refuses a content type that names no frame format, or another format than the payload's bytes;
     * null, blank and {@code application/octet-stream} leave the decision to the bytes.
     */
    static void checkContentType(String frameId, String contentType, FramePayload actual) throws FrameRejected {
        if (contentType == null || contentType.isBlank()) {
            return;
        }
        String type = contentType.strip().toLowerCase(Locale.ROOT);
        FramePayload declared = switch (type) {
            case "application/octet-stream" -> null;
            case "application/x-npy" -> NPY;
            case "application/x-dm4", "application/x-dm3", "image/x-dm4", "image/x-dm3" -> DM;
            case "image/tiff", "image/tif" -> TIFF;
            default -> throw new FrameRejected(frameId, "bad-frame", "content type '%s' is not a frame format (%s, %s, %s)"
                    .formatted(Printable.of(contentType, 64), NPY.contentType, DM.contentType, TIFF.contentType));
        };
        if (declared != null && declared != actual) {
            throw new FrameRejected(frameId, "bad-frame", "content type %s but the payload is %s".formatted(
                    type, actual == null ? "none of NPY, DM3/DM4, TIFF" : actual.name()));
        }
    }
}
