package org.stemloop.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import java.util.SplittableRandom;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Mutation fuzzing of every reader, from valid fixture files: every truncation point, random byte
 * flips and random overwrites. Each mutant must either open as a finite frame or fail with an
 * {@link ImageFormatException} that names the file: never another exception, a hang, or an
 * allocation the file cannot back (a lying header is caught before the pixels are read).
 * Seeded, so a failure reproduces.
 */
class ReaderFuzzTest {

    private static final int MUTANTS = 120;

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"npy_float32_C.npy", "npy_be_uint16_F.npy", "npy_v2_uint16.npy", "npy_float16_C.npy",
            "png_gray8.png", "png_gray16.png", "tiff_float32.tif", "tiff_uint16.tif", "emd_velox_stack.emd",
            "emd_berkeley_series.emd"})
    void everyMutantOpensOrFailsWithANamedFormatError(String fixture) throws IOException {
        mutate(Files.readAllBytes(Fixtures.path(fixture)), fixture);
    }

    /** DM3, DM4 (both byte orders), SER (both versions) and MRC files from the test writers. */
    static Stream<Arguments> microscopyFiles() {
        float[][][] two = {MicroscopyReadersTest.ramp(), MicroscopyReadersTest.ramp()};
        List<Arguments> out = new ArrayList<>();
        for (int version : new int[] {3, 4}) {
            for (ByteOrder order : new ByteOrder[] {ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN}) {
                DmWriter.Group tags = DmWriter.group().add("Microscope Info",
                        DmWriter.group().add("Voltage", new DmWriter.Num(7, 200000)));
                byte[] dm = new DmWriter(version, order).image(6, 2, MicroscopyReadersTest.floats(two, order),
                        new long[] {5, 3, 2}, new double[] {0.1, 0.1, 1}, new String[] {"nm", "nm", ""}, tags, "fuzz");
                out.add(Arguments.of("dm%d_%s.dm%d".formatted(version, order, version), dm));
            }
        }
        int[][][] frames = {{{1, 2, 3, 4, 5}, {6, 7, 8, 9, 10}, {11, 12, 13, 14, 15}}, {{0, 0, 0, 0, 0}, {1, 1, 1, 1, 1}, {2, 2, 2, 2, 2}}};
        out.add(Arguments.of("ser_0210_1.ser", SerWriter.images(0x0210, frames, 1e-10)));
        out.add(Arguments.of("ser_0220_1.ser", SerWriter.images(0x0220, frames, 1e-10)));
        out.add(Arguments.of("stack.mrc", MrcWriter.write(two, 2, ByteOrder.LITTLE_ENDIAN, new float[] {5, 3}, 64)));
        out.add(Arguments.of("be16.mrc", MrcWriter.write(two, 1, ByteOrder.BIG_ENDIAN, new float[] {5, 3}, 0)));
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("microscopyFiles")
    void everyMicroscopyMutantOpensOrFailsWithANamedFormatError(String name, byte[] valid) throws IOException {
        mutate(valid, name);
    }

    private void mutate(byte[] valid, String fixture) throws IOException {
        String ext = fixture.substring(fixture.lastIndexOf('.'));
        SplittableRandom random = new SplittableRandom(fixture.hashCode());
        int step = Math.max(1, valid.length / 80); // about 80 truncation points per file
        for (int cut = 0; cut < valid.length; cut += step) {
            check(Arrays.copyOf(valid, cut), ext, "truncated to " + cut + " bytes");
        }
        for (int i = 0; i < MUTANTS; i++) {
            byte[] m = valid.clone();
            int flips = 1 + random.nextInt(8);
            // mostly the first kilobyte, where headers and metadata live
            for (int f = 0; f < flips; f++) {
                int at = random.nextInt(4) > 0 ? random.nextInt(Math.min(1024, m.length)) : random.nextInt(m.length);
                m[at] = (byte) random.nextInt(256);
            }
            check(m, ext, "mutant " + i);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"(100000, 100000)", "(0, 16)", "(-1, 4)", "(4,)", "(2, 2, 2)", "(4, 4, 3)",
            "(99999999999999999999, 1)", "('a', 1)", "(4, 4"})
    void aLyingNpyShapeIsRefusedByName(String shape) throws IOException {
        byte[] valid = Files.readAllBytes(Fixtures.path("npy_float32_C.npy"));
        String header = new String(valid, 10, (valid[8] & 0xff) | (valid[9] & 0xff) << 8, StandardCharsets.ISO_8859_1);
        String lying = header.replaceFirst("'shape': \\([^)]*\\)", "'shape': " + shape.replace("$", "\\$"));
        Path file = dir.resolve("lying.npy");
        Files.write(file, npy(lying, Arrays.copyOfRange(valid, 10 + header.length(), valid.length)));
        try {
            Frame frame = ImageReaders.read(file);
            fail("shape %s opened as %dx%d", shape, frame.height(), frame.width());
        } catch (ImageFormatException e) {
            assertThat(e.getMessage()).contains(file.toString());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"'<c16'", "'|O'", "'<U4'", "'<f32'", "'>x8'", "'|V8'"})
    void anUnsupportedDtypeIsNamed(String descr) throws IOException {
        byte[] valid = Files.readAllBytes(Fixtures.path("npy_float32_C.npy"));
        String header = new String(valid, 10, (valid[8] & 0xff) | (valid[9] & 0xff) << 8, StandardCharsets.ISO_8859_1);
        Path file = dir.resolve("dtype.npy");
        Files.write(file, npy(header.replaceFirst("'descr': '[^']*'", "'descr': " + descr),
                Arrays.copyOfRange(valid, 10 + header.length(), valid.length)));
        try {
            ImageReaders.read(file);
            fail("dtype %s opened", descr);
        } catch (ImageFormatException e) {
            assertThat(e.getMessage()).contains(file.toString());
        }
    }

    /** A version-1 NPY file: the header padded with spaces so the data starts at a multiple of 64. */
    private static byte[] npy(String header, byte[] data) {
        String h = header.strip();
        int total = 10 + h.length() + 1;
        int padded = (total + 63) / 64 * 64;
        String full = h + " ".repeat(padded - total) + "\n";
        byte[] out = new byte[10 + full.length() + data.length];
        byte[] magic = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0};
        System.arraycopy(magic, 0, out, 0, 8);
        out[8] = (byte) full.length();
        out[9] = (byte) (full.length() >> 8);
        System.arraycopy(full.getBytes(StandardCharsets.ISO_8859_1), 0, out, 10, full.length());
        System.arraycopy(data, 0, out, 10 + full.length(), data.length);
        return out;
    }

    private void check(byte[] bytes, String ext, String what) throws IOException {
        Path file = dir.resolve("mutant" + ext);
        Files.write(file, bytes);
        try {
            ImageFile image = ImageReaders.open(file);
            image.meanStored();
            for (int k = 0; k < image.frames(); k++) {
                Frame frame = image.frame(k);
                assertThat(frame.height()).isPositive();
                assertThat(frame.width()).isPositive();
                for (double v : frame.pixels()) {
                    // float formats may hold NaN; integer ones cannot make one
                    if (!Double.isFinite(v) && List.of(".png", ".ser").contains(ext)) {
                        fail("%s: %s gave a non-finite pixel", ext, what);
                    }
                }
            }
            image.squareFrame(0, notice -> { });
        } catch (ImageFormatException e) {
            assertThat(e.getMessage()).as(what).contains(file.toString());
            assertThat(e.getMessage().lines().count()).as(what + ": one line").isEqualTo(1);
        } catch (RuntimeException | OutOfMemoryError | StackOverflowError e) {
            throw new AssertionError("%s (%s): %s instead of a format error".formatted(ext, what, e), e);
        }
    }

}
