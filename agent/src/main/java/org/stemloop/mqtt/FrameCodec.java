package org.stemloop.mqtt;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.stemloop.image.Frame;
import org.stemloop.image.Frames;
import org.stemloop.image.ImageFile;
import org.stemloop.image.ImageFormatException;
import org.stemloop.image.ImageReaders;
import org.stemloop.image.ImageTooLargeException;
import org.stemloop.image.NpyCodec;
import org.stemloop.reward.Material;

/**
 * The two shapes a frame takes on the {@code frames} topic (DESIGN §3), decoded and validated:
 * <ul>
 *   <li>MQTT 5: the payload is the image file (NPY; or Gatan DM3/DM4 or TIFF, told by their magic
 *       bytes or a content type, see {@link #decode(byte[], Map, String, InputLimits)}); user properties {@value #FRAME_ID},
 *       {@value #PIXEL_SIZE} (Å/px, optional) and {@value #MATERIAL} (optional);</li>
 *   <li>MQTT 3.1.1 (no user properties): a JSON envelope
 *       {@code {"frame_id", "pixel_size_angstrom"?, "material"?, "npy_base64"}}.</li>
 * </ul>
 *
 * @apiNote Decoding a 512 x 512 float32 frame costs about a millisecond (one copy to float64).
 */
public final class FrameCodec {

    /** User property / envelope field: the sender's frame id (required, at most 256 characters). */
    public static final String FRAME_ID = "frame_id";
    /** User property / envelope field: the pixel size in ångström (optional, positive). */
    public static final String PIXEL_SIZE = "pixel_size_angstrom";
    /** User property / envelope field: the material, e.g. {@code graphene} or {@code srtio3} (optional). */
    public static final String MATERIAL = "material";
    /** Envelope field: the NPY file, base64. */
    public static final String NPY_BASE64 = "npy_base64";

    /** The longest frame id: its database column. */
    static final int MAX_FRAME_ID = 256;
    /** Frames smaller than this on a side are refused: no lattice fits in them. */
    static final int MIN_SIDE = 8;

    private static final ObjectMapper JSON = new ObjectMapper();

    private FrameCodec() {
    }

    /** As {@link #decode(byte[], Map, InputLimits)} with the default limits. */
    public static IncomingFrame decode(byte[] payload, Map<String, String> userProperties) throws FrameRejected {
        return decode(payload, userProperties, InputLimits.DEFAULT);
    }

    /**
     * Decodes a frame message. The payload size and the header's pixel count are checked against
     * {@code limits} before any pixel is allocated; the strings that end up in the database (frame id,
     * material) are checked against their columns, so a frame that passes here cannot fail its commit
     * for its content.
     *
     * @param payload        the MQTT payload
     * @param userProperties the MQTT 5 user properties (empty for MQTT 3.1.1)
     * @param limits         the size limits
     * @throws FrameRejected naming the frame (when known) and what is wrong with it
     */
    public static IncomingFrame decode(byte[] payload, Map<String, String> userProperties, InputLimits limits)
            throws FrameRejected {
        return decode(payload, userProperties, null, limits);
    }

    /**
     * As {@link #decode(byte[], Map, InputLimits)}, with the MQTT 5 content type of the message when the
     * sender set one: {@code application/x-npy}, {@code image/tiff} or {@code application/x-dm4}
     * ({@code application/x-dm3}) must agree with the payload's magic bytes; without one the magic bytes
     * decide. A DM or TIFF payload must hold one frame with square pixels; its pixel size is used unless
     * the {@value #PIXEL_SIZE} property gives one. The same limits apply as to NPY, before any pixel is
     * allocated; the stored copy ({@link IncomingFrame#npy()}) is the frame as NPY.
     */
    public static IncomingFrame decode(byte[] payload, Map<String, String> userProperties, String contentType,
            InputLimits limits) throws FrameRejected {
        if (payload.length > limits.maxFrameBytes()) {
            throw new FrameRejected(Printable.of(userProperties.get(FRAME_ID), MAX_FRAME_ID), "frame-too-large",
                    "Frame payload of %d bytes is over the limit of %d bytes (max-frame-bytes)"
                            .formatted(payload.length, limits.maxFrameBytes()));
        }
        Map<String, String> fields = new LinkedHashMap<>(userProperties);
        byte[] npy = payload;
        if (looksLikeJson(payload)) {
            npy = unwrapEnvelope(payload, fields);
        }
        String frameId = frameId(fields.get(FRAME_ID));
        FramePayload kind = FramePayload.of(npy);
        FramePayload.checkContentType(frameId, contentType, kind);
        Frame frame = kind == FramePayload.NPY || kind == null ? decodeNpy(frameId, npy, limits.maxFramePixels())
                : decodeImageFile(frameId, npy, kind, limits.maxFramePixels());
        if (kind != null && kind != FramePayload.NPY) {
            npy = NpyCodec.encode(frame);
        }
        String pixelSize = fields.get(PIXEL_SIZE);
        if (pixelSize != null && !pixelSize.isBlank()) {
            frame = frame.withPixelSize(parsePixelSize(frameId, pixelSize));
        }
        return new IncomingFrame(frameId, frame, material(frameId, fields.get(MATERIAL)), npy);
    }

    /** The frame id, checked: present, at most 256 characters (its column), no control characters. */
    private static String frameId(String frameId) throws FrameRejected {
        if (frameId == null || frameId.isBlank()) {
            throw new FrameRejected(null, "missing-frame-id",
                    "Frame without a frame_id (MQTT 5 user property or JSON envelope field)");
        }
        if (frameId.length() > MAX_FRAME_ID) {
            throw new FrameRejected(Printable.of(frameId.substring(0, 64)) + "...", "bad-frame-id",
                    "frame_id longer than %d characters (%d)".formatted(MAX_FRAME_ID, frameId.length()));
        }
        if (!Printable.is(frameId)) {
            // PostgreSQL refuses U+0000 in text: such an id would fail its commit on every redelivery
            throw new FrameRejected(Printable.of(frameId), "bad-frame-id",
                    "frame_id holds control characters (shown as '?'): " + Printable.of(frameId));
        }
        return frameId;
    }

    /** The material, {@code null} when none is named; only the ones the agent has a lattice for. */
    private static String material(String frameId, String material) throws FrameRejected {
        if (material == null || material.isBlank()) {
            return null;
        }
        try {
            return Material.parse(material).id();
        } catch (IllegalArgumentException e) {
            String shown = Printable.of(material, 64);
            throw new FrameRejected(frameId, "bad-material", "material must be graphene or srtio3 (or left out "
                    + "for a lattice from the frame's spectrum), got: " + shown);
        }
    }

    /** The MQTT 5 user properties that describe a frame ({@code NaN} pixel size and {@code null} material omitted). */
    public static Map<String, String> userProperties(String frameId, double pixelSizeAngstrom, String material) {
        Map<String, String> props = new LinkedHashMap<>();
        props.put(FRAME_ID, frameId);
        if (!Double.isNaN(pixelSizeAngstrom)) {
            props.put(PIXEL_SIZE, Double.toString(pixelSizeAngstrom));
        }
        if (material != null) {
            props.put(MATERIAL, material);
        }
        return Map.copyOf(props);
    }

    /** The JSON envelope of a frame, for MQTT 3.1.1 clients. */
    public static byte[] envelope(String frameId, byte[] npy, double pixelSizeAngstrom, String material) {
        ObjectNode node = JSON.createObjectNode().put(FRAME_ID, frameId);
        if (!Double.isNaN(pixelSizeAngstrom)) {
            node.put(PIXEL_SIZE, pixelSizeAngstrom);
        }
        if (material != null) {
            node.put(MATERIAL, material);
        }
        node.put(NPY_BASE64, Base64.getEncoder().encodeToString(npy));
        return node.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static boolean looksLikeJson(byte[] payload) {
        for (byte b : payload) {
            if (!Character.isWhitespace(b)) {
                return b == '{';
            }
        }
        return false;
    }

    private static byte[] unwrapEnvelope(byte[] payload, Map<String, String> fields) throws FrameRejected {
        JsonNode root;
        try {
            root = JSON.readTree(payload);
        } catch (JacksonException e) {
            throw new FrameRejected(fields.get(FRAME_ID), "bad-envelope",
                    "Frame envelope is not valid JSON: " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            // bytes Jackson cannot even decode as text (e.g. guessed UTF-32 that is not): the sender's fault too
            throw new FrameRejected(fields.get(FRAME_ID), "bad-envelope",
                    "Frame envelope is not valid JSON text: " + e.getMessage());
        }
        for (String key : new String[] {FRAME_ID, PIXEL_SIZE, MATERIAL}) {
            JsonNode value = root.get(key);
            if (value != null && !value.isNull()) {
                fields.putIfAbsent(key, value.asText());
            }
        }
        JsonNode npy = root.get(NPY_BASE64);
        if (npy == null || !npy.isTextual()) {
            throw new FrameRejected(fields.get(FRAME_ID), "bad-envelope", "Frame envelope has no npy_base64 text field");
        }
        try {
            return Base64.getDecoder().decode(npy.asText());
        } catch (IllegalArgumentException e) {
            throw new FrameRejected(fields.get(FRAME_ID), "bad-envelope", "npy_base64 is not base64: " + e.getMessage());
        }
    }

    /** A DM3/DM4 or TIFF payload: one frame, square pixels, its pixel size kept. */
    private static Frame decodeImageFile(String frameId, byte[] bytes, FramePayload kind, long maxPixels) throws FrameRejected {
        Frame frame;
        try {
            ImageFile image = ImageReaders.decode(bytes, "frame " + frameId, Math.min(maxPixels, NpyCodec.MAX_PIXELS));
            if (image.frames() != 1) {
                throw new FrameRejected(frameId, "bad-frame", "%s payload holds a stack of %d frames; send one frame per message"
                        .formatted(kind, image.frames()));
            }
            if (!image.pixelSize().isSquare()) {
                throw new FrameRejected(frameId, "bad-frame", "%s payload has non-square pixels (rows %s A, columns %s A); resample to square before sending"
                        .formatted(kind, image.pixelSize().row(), image.pixelSize().column()));
            }
            frame = image.frame(0);
        } catch (ImageTooLargeException e) {
            throw new FrameRejected(frameId, "frame-too-large", e.getMessage() + " (max-frame-pixels)");
        } catch (ImageFormatException e) {
            throw new FrameRejected(frameId, "bad-frame", e.getMessage());
        }
        return checked(frameId, frame);
    }

    private static Frame decodeNpy(String frameId, byte[] npy, long maxPixels) throws FrameRejected {
        Frame frame;
        try {
            frame = NpyCodec.decode(npy, "frame " + frameId, maxPixels);
        } catch (ImageTooLargeException e) {
            throw new FrameRejected(frameId, "frame-too-large", e.getMessage() + " (max-frame-pixels)");
        } catch (ImageFormatException e) {
            throw new FrameRejected(frameId, "bad-frame", e.getMessage());
        }
        return checked(frameId, frame);
    }

    private static Frame checked(String frameId, Frame frame) throws FrameRejected {
        if (frame.height() < MIN_SIDE || frame.width() < MIN_SIDE) {
            throw new FrameRejected(frameId, "bad-frame", "Frame of %d x %d is smaller than %d x %d pixels"
                    .formatted(frame.height(), frame.width(), MIN_SIDE, MIN_SIDE));
        }
        rejectNonFinite(frameId, frame);
        return frame;
    }

    /**
     * NaN and infinite pixels are refused, not replaced: LoG and the rewards have no meaning for them, and
     * a detector or a transfer that produces them is a fault the instrument's side must see.
     */
    private static void rejectNonFinite(String frameId, Frame frame) throws FrameRejected {
        double[] range = frame.range();
        if (Double.isFinite(range[0]) && Double.isFinite(range[1])) {
            return; // the common case, without a copy of the pixels
        }
        Optional<Frames.NonFinite> bad = Frames.nonFinite(frame);
        if (bad.isPresent()) {
            Frames.NonFinite b = bad.get();
            throw new FrameRejected(frameId, "bad-frame", ("Frame holds %d NaN or infinite pixels (the first at row "
                    + "%d, column %d, is %s); replace them before sending").formatted(b.count(), b.row(), b.col(),
                    b.value()));
        }
    }

    private static double parsePixelSize(String frameId, String text) throws FrameRejected {
        try {
            double value = Double.parseDouble(text.strip());
            if (value > 0 && Double.isFinite(value)) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below with the offending text
        }
        throw new FrameRejected(frameId, "bad-pixel-size", "pixel_size_angstrom must be a positive number of Å: " + text);
    }
}
