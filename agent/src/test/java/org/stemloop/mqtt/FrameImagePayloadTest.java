package org.stemloop.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.stemloop.image.DmWriter;
import org.stemloop.image.Frame;
import org.stemloop.image.NpyCodec;

/** Frames sent as Gatan DM4 or TIFF files instead of NPY: the same fields, limits and errors. */
class FrameImagePayloadTest {

    private static final Map<String, String> ID = Map.of(FrameCodec.FRAME_ID, "f-1");

    /** A 16 x 20 float32 DM4 image, value row * 100 + col, 0.02 nm pixels; {@code frames} frames. */
    static byte[] dm4(int frames, double scaleNm) {
        ByteBuffer b = ByteBuffer.allocate(frames * 16 * 20 * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int k = 0; k < frames; k++) {
            for (int r = 0; r < 16; r++) {
                for (int c = 0; c < 20; c++) {
                    b.putFloat(r * 100 + c);
                }
            }
        }
        long[] dims = frames == 1 ? new long[] {20, 16} : new long[] {20, 16, frames};
        double[] scales = frames == 1 ? new double[] {0.02, scaleNm} : new double[] {0.02, scaleNm, 1};
        String[] units = frames == 1 ? new String[] {"nm", "nm"} : new String[] {"nm", "nm", ""};
        return new DmWriter(4, ByteOrder.LITTLE_ENDIAN).image(6, 2, b.array(), dims, scales, units, DmWriter.group(), "mqtt");
    }

    static byte[] tiff16() throws IOException {
        BufferedImage image = new BufferedImage(20, 16, BufferedImage.TYPE_USHORT_GRAY);
        for (int r = 0; r < 16; r++) {
            for (int c = 0; c < 20; c++) {
                image.getRaster().setSample(c, r, 0, r * 1000 + c);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(ImageIO.write(image, "tiff", out)).isTrue();
        return out.toByteArray();
    }

    @Test
    void aDm4PayloadIsAFrameWithTheFilesPixelSizeAndStoredAsNpy() throws Exception {
        IncomingFrame in = FrameCodec.decode(dm4(1, 0.02), ID);

        assertThat(in.frame().height()).isEqualTo(16);
        assertThat(in.frame().width()).isEqualTo(20);
        assertThat(in.frame().get(15, 19)).isEqualTo(1519.0);
        assertThat(in.frame().pixelSizeAngstrom().getAsDouble()).isEqualTo((double) 0.02f * 10);
        Frame stored = NpyCodec.decode(in.npy(), "stored");
        assertThat(stored.pixels()).containsExactly(in.frame().pixels());
    }

    @Test
    void theUserPropertyPixelSizeWinsOverTheFiles() throws Exception {
        IncomingFrame in = FrameCodec.decode(dm4(1, 0.02), FrameCodec.userProperties("f-2", 0.5, null));

        assertThat(in.frame().pixelSizeAngstrom()).hasValue(0.5);
    }

    @Test
    void aTiffPayloadIsScaledLikeImgAsFloat() throws Exception {
        IncomingFrame in = FrameCodec.decode(tiff16(), ID, "image/tiff", InputLimits.DEFAULT);

        assertThat(in.frame().get(3, 4)).isEqualTo(3004 / 65535.0);
        assertThat(in.frame().pixelSizeAngstrom()).isEmpty();
    }

    @Test
    void aStackNonSquarePixelsAndAContentTypeThatDisagreesAreRefusedByName() {
        assertThatThrownBy(() -> FrameCodec.decode(dm4(3, 0.02), ID)).isInstanceOf(FrameRejected.class)
                .hasMessageContaining("stack of 3 frames; send one frame per message");
        assertThatThrownBy(() -> FrameCodec.decode(dm4(1, 0.04), ID))
                .hasMessageContaining("non-square pixels");
        assertThatThrownBy(() -> FrameCodec.decode(dm4(1, 0.02), ID, "image/tiff", InputLimits.DEFAULT))
                .hasMessageContaining("content type image/tiff but the payload is DM");
        assertThatThrownBy(() -> FrameCodec.decode(dm4(1, 0.02), ID, "text/plain", InputLimits.DEFAULT))
                .hasMessageContaining("content type 'text/plain' is not a frame format");
    }

    @Test
    void theNpyPixelLimitAppliesBeforeThePixelsAreRead() throws Exception {
        InputLimits small = new InputLimits(1 << 20, 16 * 19, 1024);

        assertThatThrownBy(() -> FrameCodec.decode(dm4(1, 0.02), ID, small)).isInstanceOf(FrameRejected.class)
                .satisfies(e -> assertThat(((FrameRejected) e).error()).isEqualTo("frame-too-large"));
        assertThatThrownBy(() -> FrameCodec.decode(tiff16(), ID, small))
                .satisfies(e -> assertThat(((FrameRejected) e).error()).isEqualTo("frame-too-large"));
    }

    @Test
    void everyTruncationAndMutationOfADm4OrTiffPayloadIsRejectedOrDecoded() throws Exception {
        for (byte[] valid : new byte[][] {dm4(1, 0.02), tiff16()}) {
            SplittableRandom random = new SplittableRandom(7);
            for (int cut = 0; cut < valid.length; cut += Math.max(1, valid.length / 150)) {
                expectRejectedOrFrame(Arrays.copyOf(valid, cut));
            }
            for (int i = 0; i < 200; i++) {
                byte[] m = valid.clone();
                for (int f = 0; f < 1 + random.nextInt(6); f++) {
                    m[random.nextInt(Math.min(m.length, 2048))] = (byte) random.nextInt(256);
                }
                expectRejectedOrFrame(m);
            }
        }
    }

    private static void expectRejectedOrFrame(byte[] payload) {
        try {
            IncomingFrame in = FrameCodec.decode(payload, ID);
            assertThat(in.frame().size()).isPositive();
        } catch (FrameRejected e) {
            assertThat(e.getMessage()).doesNotContain("\n");
        } catch (RuntimeException | OutOfMemoryError e) {
            throw new AssertionError("payload of %d bytes: %s instead of a rejection".formatted(payload.length, e), e);
        }
    }
}
