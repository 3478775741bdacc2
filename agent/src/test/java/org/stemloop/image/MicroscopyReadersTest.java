package org.stemloop.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** DM3, DM4, SER and MRC files written by the test's own writers, with known contents. */
class MicroscopyReadersTest {

    @TempDir
    Path dir;

    /** 3 rows x 5 columns (non-square to catch transposes), value = 10 * row + col. */
    static float[][] ramp() {
        float[][] v = new float[3][5];
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 5; c++) {
                v[r][c] = 10 * r + c;
            }
        }
        return v;
    }

    static byte[] floats(float[][][] frames, ByteOrder order) {
        ByteBuffer b = ByteBuffer.allocate(frames.length * frames[0].length * frames[0][0].length * 4).order(order);
        for (float[][] f : frames) {
            for (float[] row : f) {
                for (float v : row) {
                    b.putFloat(v);
                }
            }
        }
        return b.array();
    }

    private Path write(String name, byte[] bytes) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, bytes);
        return file;
    }

    @ParameterizedTest(name = "DM{0}, {1}")
    @CsvSource({"3, LITTLE_ENDIAN", "3, BIG_ENDIAN", "4, LITTLE_ENDIAN", "4, BIG_ENDIAN"})
    void dmImageKeepsRowsColumnsValuesUnitsAndHighlights(int version, String orderName) throws Exception {
        ByteOrder order = orderName.equals("BIG_ENDIAN") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        DmWriter w = new DmWriter(version, order);
        DmWriter.Group tags = DmWriter.group().add("Microscope Info", DmWriter.group()
                .add("Voltage", new DmWriter.Num(7, 300000)).add("Name", DmWriter.text("Titan", order)));
        byte[] bytes = w.image(6, 2, floats(new float[][][] {ramp()}, order), new long[] {5, 3},
                new double[] {0.02, 16}, new String[] {"nm", "pm"}, tags, "ramp");
        ImageFile file = ImageReaders.open(write("ramp.dm" + version, bytes));

        assertThat(file.format()).isEqualTo("Gatan DM" + version);
        assertThat(file.shape()).containsExactly(3, 5);
        assertThat(file.dtype()).isEqualTo("float32");
        assertThat(file.pixelSize().row()).isCloseTo(0.16, within(1e-7));
        assertThat(file.pixelSize().column()).isCloseTo(0.2, within(1e-7));
        assertThat(file.frame(0).get(2, 4)).isEqualTo(24.0);
        assertThat(file.frame(0).get(1, 0)).isEqualTo(10.0);
        assertThat(file.meanStored()).isEqualTo(12.0);
        assertThat(file.highlights()).containsEntry("voltage", "300.0 kV").containsEntry("microscope", "Titan")
                .containsEntry("title", "ramp");
    }

    @ParameterizedTest(name = "unit {0}")
    @CsvSource({"nm, 10", "A, 1", "Å, 1", "pm, 0.01", "um, 10000", "µm, 10000"})
    void dmLengthUnitsBecomeAngstrom(String unit, double angstrom) throws Exception {
        DmWriter w = new DmWriter(4, ByteOrder.LITTLE_ENDIAN);
        byte[] bytes = w.image(6, 2, floats(new float[][][] {ramp()}, ByteOrder.LITTLE_ENDIAN), new long[] {5, 3},
                new double[] {0.5, 0.5}, new String[] {unit, unit}, DmWriter.group(), "u");

        assertThat(ImageReaders.open(write("u.dm4", bytes)).pixelSize().row()).isCloseTo(0.5 * angstrom, within(1e-9 * angstrom));
    }

    @Test
    void dmInt16StackIsFramesFirstAndScaledLikeImgAsFloat() throws Exception {
        ByteBuffer b = ByteBuffer.allocate(2 * 3 * 5 * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int k = 0; k < 2; k++) {
            for (int i = 0; i < 15; i++) {
                b.putShort((short) (k * 100 + i - 7));
            }
        }
        byte[] bytes = new DmWriter(3, ByteOrder.LITTLE_ENDIAN).image(2, 1, b.array(), new long[] {5, 3, 2},
                new double[] {1, 1, 1}, new String[] {"nm", "nm", "s"}, DmWriter.group(), "stack");
        ImageFile file = ImageReaders.open(write("stack.dm3", bytes));

        assertThat(file.shape()).containsExactly(2, 3, 5);
        assertThat(file.frames()).isEqualTo(2);
        assertThat(file.frame(1).get(0, 0)).isEqualTo(93 / 32767.0);
        assertThat(file.frame(0).get(0, 0)).isEqualTo(-7 / 32767.0);
        assertThat(file.meanStored()).isEqualTo(50.0);
        assertThatThrownBy(() -> file.frame(2)).hasMessageContaining("no frame 2: the file holds 2 frames");
    }

    @Nested
    class NotImages {

        @Test
        void aSpectrumIsRefusedSayingWhatItIs() throws Exception {
            DmWriter w = new DmWriter(3, ByteOrder.LITTLE_ENDIAN);
            byte[] bytes = w.image(6, 2, new byte[2048 * 4], new long[] {2048, 1}, new double[] {0.1, 1},
                    new String[] {"eV", ""}, DmWriter.group(), "spectrum");
            Path file = write("eels.dm3", bytes);

            assertThatThrownBy(() -> ImageReaders.open(file)).isInstanceOf(ImageFormatException.class)
                    .hasMessage(file + ": holds a 1-D spectrum of 2048 channels (0.1000 eV per channel), not an image");
        }

        @Test
        void aSpectrumImageIsRefused() throws Exception {
            byte[] bytes = new DmWriter(4, ByteOrder.LITTLE_ENDIAN).image(6, 2, new byte[4 * 4 * 8 * 4],
                    new long[] {4, 4, 8}, new double[] {1, 1, 0.5}, new String[] {"nm", "nm", "eV"}, DmWriter.group(), "si");
            Path file = write("si.dm4", bytes);

            assertThatThrownBy(() -> ImageReaders.open(file)).hasMessageContaining("holds a spectrum image (8 x 4 x 4, an axis in eV)");
        }

        @Test
        void fourDimensionalDataIsRefused() throws Exception {
            byte[] bytes = new DmWriter(4, ByteOrder.LITTLE_ENDIAN).image(6, 2, new byte[2 * 3 * 4 * 5 * 4],
                    new long[] {5, 4, 3, 2}, new double[] {1, 1, 1, 1}, new String[] {"1/nm", "1/nm", "nm", "nm"},
                    DmWriter.group(), "4d");
            Path file = write("4d.dm4", bytes);

            assertThatThrownBy(() -> ImageReaders.open(file)).hasMessageContaining("holds 4-D data (2 x 3 x 4 x 5");
        }

        @Test
        void complexImagesAreRefused() throws Exception {
            byte[] bytes = new DmWriter(3, ByteOrder.LITTLE_ENDIAN).image(6, 3, new byte[15 * 4], new long[] {5, 3},
                    new double[] {1, 1}, new String[] {"", ""}, DmWriter.group(), "fft");
            Path file = write("fft.dm3", bytes);

            assertThatThrownBy(() -> ImageReaders.open(file)).hasMessageContaining("holds a complex image");
        }

        @Test
        void serSpectraAreRefused() throws Exception {
            Path file = write("eels_1.ser", SerWriter.spectra(3, 16));

            assertThatThrownBy(() -> ImageReaders.open(file)).hasMessage(file + ": holds 3 spectra (1-D scan), not an image");
        }
    }

    @ParameterizedTest(name = "SER version 0x{0}")
    @CsvSource({"0210", "0220"})
    void serSeriesIsAStackWithTheTopRowFirstAndTheEmiBesideIt(String version) throws Exception {
        int[][][] frames = new int[2][3][5];
        for (int k = 0; k < 2; k++) {
            for (int r = 0; r < 3; r++) {
                for (int c = 0; c < 5; c++) {
                    frames[k][r][c] = 1000 * k + 10 * r + c;
                }
            }
        }
        Path ser = write("scan_1.ser", SerWriter.images(Integer.parseInt(version, 16), frames, 1.5e-11));
        Files.writeString(dir.resolve("scan.emi"), "\0binary\0Acquire HAADF\0<ObjectInfo><ExperimentalConditions>"
                + "<MicroscopeConditions><AcceleratingVoltage>200000.0</AcceleratingVoltage></MicroscopeConditions>"
                + "</ExperimentalConditions><AcquireDate>Tue Oct 18 18:18:46 2011</AcquireDate></ObjectInfo>");
        ImageFile file = ImageReaders.open(ser);

        assertThat(file.shape()).containsExactly(2, 3, 5);
        assertThat(file.dtype()).isEqualTo("uint16");
        assertThat(file.pixelSize()).isEqualTo(PixelSize.square(0.15));
        assertThat(file.frame(1).get(0, 4)).isEqualTo(1004 / 65535.0);
        assertThat(file.frame(0).get(2, 0)).isEqualTo(20 / 65535.0);
        assertThat(file.highlights()).containsEntry("voltage", "200.0 kV").containsEntry("detector", "HAADF")
                .containsEntry("date", "Tue Oct 18 18:18:46 2011");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"LITTLE_ENDIAN", "BIG_ENDIAN"})
    void mrcStackHasTheCellOverSamplingAsPixelSize(String orderName) throws Exception {
        ByteOrder order = orderName.equals("BIG_ENDIAN") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        float[][][] values = {ramp(), ramp()};
        values[1][0][0] = -1;
        Path file = write("s.mrc", MrcWriter.write(values, 2, order, new float[] {10f, 4.5f}, 128));
        ImageFile image = ImageReaders.open(file);

        assertThat(image.shape()).containsExactly(2, 3, 5);
        assertThat(image.pixelSize().column()).isEqualTo(2.0);
        assertThat(image.pixelSize().row()).isEqualTo(1.5);
        assertThat(image.frame(1).get(0, 0)).isEqualTo(-1.0);
        assertThat(image.frame(0).get(2, 3)).isEqualTo(23.0);
        assertThat(image.highlights()).containsEntry("title", "stemloop test");
    }

    @Test
    void mrcWithoutCellIsUncalibratedAndATruncatedOneIsNamed() throws Exception {
        byte[] bytes = MrcWriter.write(new float[][][] {ramp()}, 1, ByteOrder.LITTLE_ENDIAN, null, 0);
        assertThat(ImageReaders.open(write("plain.mrc", bytes)).pixelSize()).isEqualTo(PixelSize.UNKNOWN);

        Path cut = write("cut.mrc", java.util.Arrays.copyOf(bytes, bytes.length - 2));
        assertThatThrownBy(() -> ImageReaders.open(cut)).hasMessageStartingWith(cut + ": truncated: the MRC header says 1 x 3 x 5 int16");
    }

    @Test
    void nonSquarePixelsAreResampledToTheFinerSizeAndSaidSo() throws Exception {
        DmWriter w = new DmWriter(4, ByteOrder.LITTLE_ENDIAN);
        byte[] bytes = w.image(6, 2, floats(new float[][][] {ramp()}, ByteOrder.LITTLE_ENDIAN), new long[] {5, 3},
                new double[] {2, 1}, new String[] {"A", "A"}, DmWriter.group(), "ns");
        Path file = write("ns.dm4", bytes);
        List<String> notices = new ArrayList<>();

        Frame frame = ImageReaders.read(file, 0, notices::add);

        assertThat(frame.height()).isEqualTo(3);
        assertThat(frame.width()).isEqualTo(10);
        assertThat(frame.pixelSizeAngstrom().getAsDouble()).isEqualTo(1.0);
        // new column j sits at old column (j + 0.5) / 2 - 0.5: 0 -> clamped 0, 3 -> 1.25
        assertThat(frame.get(1, 0)).isEqualTo(10.0);
        assertThat(frame.get(1, 3)).isEqualTo(11.25);
        assertThat(frame.get(2, 9)).isEqualTo(24.0);
        assertThat(notices).containsExactly(file + ": non-square pixels (rows 1.000 A, columns 2.000 A) resampled to 1.000 A square: 3 x 5 -> 3 x 10");
    }

    @Test
    void readingAStackWithoutAFrameSaysWhichFrameIsUsed() throws Exception {
        Path file = write("s.mrc", MrcWriter.write(new float[][][] {ramp(), ramp(), ramp()}, 2, ByteOrder.LITTLE_ENDIAN,
                new float[] {5f, 3f}, 0));
        List<String> notices = new ArrayList<>();

        ImageReaders.read(file, 0, notices::add);

        assertThat(notices).containsExactly(file + ": a stack of 3 frames; frame 0 is used");
    }
}
