package org.stemloop.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class NpyCodecTest {

    static List<String> npyFixtures() {
        return Fixtures.names("npy_");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("npyFixtures")
    void readsEveryDtypeOrderAndEndiannessExactlyAsImgAsFloat(String name) throws Exception {
        Frame frame = ImageReaders.read(Fixtures.path(name));

        assertThat(new int[] {frame.height(), frame.width()}).containsExactly(Fixtures.shape(name));
        assertThat(frame.precision()).isEqualTo(Fixtures.precision(name));
        assertThat(frame.pixels()).containsExactly(Fixtures.values(name));
    }

    @Test
    void coversTheDtypesTheBriefAsksFor() {
        assertThat(npyFixtures()).contains("npy_float16_C.npy", "npy_be_float32_F.npy", "npy_float64_C.npy",
                "npy_uint8_F.npy", "npy_be_uint16_C.npy", "npy_bool_C.npy", "npy_v2_uint16.npy", "npy_v3_uint16.npy");
    }

    @Test
    void encodeThenDecodeGivesTheSameFrame() throws Exception {
        Frame doubles = Frame.of(2, 3, new double[] {0, -1.5, 1e-300, Double.NaN, 7, Double.POSITIVE_INFINITY});
        Frame floats = Frame.ofFloats(3, 2, new float[] {0.1f, -2, 3, 4, 5, Float.MIN_VALUE});

        assertThat(NpyCodec.decode(NpyCodec.encode(doubles), "d")).isEqualTo(doubles);
        assertThat(NpyCodec.decode(NpyCodec.encode(floats), "f")).isEqualTo(floats);
    }

    @Test
    void encodesLikeNumpyA64ByteAlignedLittleEndianHeader() {
        byte[] bytes = NpyCodec.encode(Frame.ofFloats(1, 2, new float[] {1, 2}));
        int headerLength = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getShort(8);
        String header = new String(bytes, 10, headerLength, StandardCharsets.ISO_8859_1);

        assertThat((10 + headerLength) % 64).isZero();
        assertThat(header).startsWith("{'descr': '<f4', 'fortran_order': False, 'shape': (1, 2), }").endsWith("\n");
        assertThat(bytes).hasSize(10 + headerLength + 8);
    }

    @Test
    void writerWritesAFileTheReaderReadsBack(@TempDir Path dir) throws Exception {
        Frame frame = Frame.of(2, 2, new double[] {1, 2, 3, 4}).withPixelSize(0.5);
        Path file = dir.resolve("f.npy");

        NpyWriter.write(frame, file);

        assertThat(ImageReaders.read(file)).isEqualTo(Frame.of(2, 2, new double[] {1, 2, 3, 4}));
    }

    /** An NPY 1.0 file with the given header dictionary and {@code dataBytes} zero bytes of data. */
    static byte[] npy(String dict, int dataBytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] header = (dict + "\n").getBytes(StandardCharsets.ISO_8859_1);
        out.writeBytes(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
        out.write(header.length & 0xFF);
        out.write(header.length >> 8);
        out.writeBytes(header);
        out.writeBytes(new byte[dataBytes]);
        return out.toByteArray();
    }

    static String dict(String descr, String shape) {
        return "{'descr': '%s', 'fortran_order': False, 'shape': %s, }".formatted(descr, shape);
    }

    @Nested
    class Rejects {

        @Test
        void truncatedDataNamingShapeTypeAndSizes() {
            byte[] bytes = npy(dict("<f8", "(512, 512)"), 1000);

            assertThatThrownBy(() -> NpyCodec.decode(bytes, "frame-7"))
                    .isInstanceOf(ImageFormatException.class)
                    .hasMessage("frame-7: truncated: header says 512x512 float64 (2097152 bytes), file has 1000");
        }

        @Test
        void bytesBeyondWhatTheHeaderDeclares() {
            assertThatThrownBy(() -> NpyCodec.decode(npy(dict("<u2", "(2, 2)"), 9), "x"))
                    .hasMessage("x: 1 bytes after the data: header says 2x2 uint16 (8 bytes)");
        }

        @Test
        void negativeDimensions() {
            assertThatThrownBy(() -> NpyCodec.decode(npy(dict("<f4", "(-4, 4)"), 0), "x"))
                    .hasMessage("x: negative dimension in shape -4x4");
        }

        @Test
        void hugeShapesBeforeAllocatingAnything() {
            assertThatThrownBy(() -> NpyCodec.decode(npy(dict("<f8", "(9223372036854775807, 9)"), 16), "x"))
                    .hasMessageStartingWith("x: image too large: shape 9223372036854775807x9");
            assertThatThrownBy(() -> NpyCodec.decode(npy(dict("<f8", "(65536, 65536)"), 16), "x"))
                    .hasMessageContaining("image too large");
        }

        @Test
        void shapesThatAreNotImages() {
            assertThatThrownBy(() -> NpyCodec.decode(npy(dict("<f8", "(16,)"), 128), "x"))
                    .hasMessage("x: shape 16 is not an image (2-D, or 3-D with one frame or channel)");
            assertThatThrownBy(() -> NpyCodec.decode(npy(dict("<f8", "(2, 2, 3)"), 96), "x"))
                    .hasMessage("x: shape 2x2x3 is not an image (2-D, or 3-D with one frame or channel)");
            assertThatThrownBy(() -> NpyCodec.decode(npy(dict("<f8", "()"), 8), "x"))
                    .hasMessageContaining("shape () is not an image");
            assertThatThrownBy(() -> NpyCodec.decode(npy(dict("<f8", "(0, 5)"), 0), "x"))
                    .hasMessage("x: empty image: shape 0x5");
        }

        @Test
        void malformedOrUnsupportedHeaders() {
            assertThatThrownBy(() -> NpyCodec.decode(npy("{'descr': '<f8', 'shape': (2, 2)", 32), "x"))
                    .hasMessageStartingWith("x: malformed header dictionary");
            assertThatThrownBy(() -> NpyCodec.decode(npy("{'descr': '<f8', 'shape': (2, 2), }", 32), "x"))
                    .hasMessage("x: header has no boolean 'fortran_order'");
            assertThatThrownBy(() -> NpyCodec.decode(npy(dict("<c16", "(2, 2)"), 64), "x"))
                    .hasMessageStartingWith("x: unsupported dtype '<c16'");
            assertThatThrownBy(() -> NpyCodec.decode(npy(dict("<U4", "(2, 2)"), 64), "x"))
                    .hasMessageStartingWith("x: unsupported dtype '<U4'");
            assertThatThrownBy(() -> NpyCodec.decode(
                    npy("{'descr': [('a', '<f4')], 'fortran_order': False, 'shape': (2, 2), }", 16), "x"))
                    .hasMessage("x: unsupported structured dtype (plain numeric arrays only)");
            assertThatThrownBy(() -> NpyCodec.decode(npy("__import__('os')", 16), "x"))
                    .hasMessageStartingWith("x: malformed header dictionary");
        }

        @Test
        void notNpyOrUnknownVersion() {
            assertThatThrownBy(() -> NpyCodec.decode(new byte[] {1, 2, 3}, "x"))
                    .hasMessage("x: not an NPY file (no \\x93NUMPY magic at the start)");
            assertThatThrownBy(() -> NpyCodec.decode(new byte[0], "x")).isInstanceOf(ImageFormatException.class);
            byte[] v9 = npy(dict("<f8", "(1, 1)"), 8);
            v9[6] = 9;
            assertThatThrownBy(() -> NpyCodec.decode(v9, "x"))
                    .hasMessage("x: unsupported NPY version 9.0 (1.0, 2.0 and 3.0 are read)");
        }

        @Test
        void headerLongerThanTheFile() {
            byte[] bytes = npy(dict("<f8", "(1, 1)"), 0);
            byte[] cut = java.util.Arrays.copyOf(bytes, 20);

            assertThatThrownBy(() -> NpyCodec.decode(cut, "x")).hasMessageStartingWith("x: truncated: NPY header of");
        }

        @Test
        void truncatedFileNamingTheFile(@TempDir Path dir) throws IOException {
            byte[] whole = Files.readAllBytes(Fixtures.path("npy_float64_C.npy"));
            Path file = dir.resolve("cut.npy");
            Files.write(file, java.util.Arrays.copyOf(whole, whole.length - 8));

            assertThatThrownBy(() -> ImageReaders.read(file))
                    .hasMessage(file + ": truncated: header says 3x5 float64 (120 bytes), file has 112");
        }
    }
}
