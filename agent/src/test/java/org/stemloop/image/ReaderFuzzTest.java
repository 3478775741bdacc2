package org.stemloop.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
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
        byte[] valid = Files.readAllBytes(Fixtures.path(fixture));
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
            Frame frame = ImageReaders.read(file);
            assertThat(frame.height()).isPositive();
            assertThat(frame.width()).isPositive();
            for (double v : frame.pixels()) {
                if (!Double.isFinite(v) && !ext.equals(".npy") && !ext.equals(".tif") && !ext.equals(".emd")) {
                    fail("%s: %s gave a non-finite pixel", ext, what);
                }
            }
        } catch (ImageFormatException e) {
            assertThat(e.getMessage()).as(what).contains(file.toString());
            assertThat(e.getMessage().lines().count()).as(what + ": one line").isEqualTo(1);
        } catch (RuntimeException | OutOfMemoryError | StackOverflowError e) {
            throw new AssertionError("%s (%s): %s instead of a format error".formatted(ext, what, e), e);
        }
    }

}
