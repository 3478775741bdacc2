package org.stemloop.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ImageReadersTest {

    static List<String> exactFixtures() {
        return List.of("tiff_uint8.tif", "tiff_uint16.tif", "tiff_float32.tif", "png_gray8.png", "png_gray16.png",
                "png_rgb_gray.png", "emd_velox_stack.emd", "emd_berkeley_series.emd");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("exactFixtures")
    void readsTiffPngAndEmdExactlyAsScikitImage(String name) throws Exception {
        Frame frame = ImageReaders.read(Fixtures.path(name));

        assertThat(new int[] {frame.height(), frame.width()}).containsExactly(Fixtures.shape(name));
        assertThat(frame.precision()).isEqualTo(Fixtures.precision(name));
        assertThat(frame.pixels()).containsExactly(Fixtures.values(name));
    }

    @Test
    void trueColourPngBecomesRgb2grayToTheLastBits() throws Exception {
        Frame frame = ImageReaders.read(Fixtures.path("png_rgb_colour.png"));
        double[] expected = Fixtures.values("png_rgb_colour.png");

        for (int i = 0; i < expected.length; i++) {
            assertThat(frame.pixels()[i]).isCloseTo(expected[i], within(1e-15));
        }
    }

    @Test
    void emdPixelSizesComeFromTheMetadataOfTheFirstFrame() throws Exception {
        assertThat(ImageReaders.read(Fixtures.path("emd_velox_stack.emd")).pixelSizeAngstrom().getAsDouble())
                .isCloseTo(Fixtures.pixelSize("emd_velox_stack.emd"), within(1e-12));
        assertThat(ImageReaders.read(Fixtures.path("emd_berkeley_series.emd")).pixelSizeAngstrom().getAsDouble())
                .isCloseTo(Fixtures.pixelSize("emd_berkeley_series.emd"), within(1e-6));
    }

    @Test
    void extensionsAreCaseInsensitive(@TempDir Path dir) throws Exception {
        Path upper = dir.resolve("IMAGE.NPY");
        Files.copy(Fixtures.path("npy_uint8_C.npy"), upper);

        assertThat(ImageReaders.load(upper).sourceType()).isEqualTo("uint8");
    }

    @Test
    void reportsFormatAndStoredType() throws Exception {
        LoadedImage tiff = ImageReaders.load(Fixtures.path("tiff_uint16.tif"));
        LoadedImage velox = ImageReaders.load(Fixtures.path("emd_velox_stack.emd"));

        assertThat(tiff.format() + " " + tiff.sourceType()).isEqualTo("TIFF uint16");
        assertThat(velox.format() + " " + velox.sourceType()).isEqualTo("Velox EMD uint16");
    }

    @Nested
    class RoundTrips {

        @ParameterizedTest
        @ValueSource(ints = {DataBuffer.TYPE_BYTE, DataBuffer.TYPE_USHORT, DataBuffer.TYPE_FLOAT})
        void tiffWrittenByImageIoReadsBack(int dataType, @TempDir Path dir) throws Exception {
            ComponentColorModel model = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_GRAY), false,
                    false, java.awt.Transparency.OPAQUE, dataType);
            WritableRaster raster = model.createCompatibleWritableRaster(7, 3);
            double[] stored = {0, 1, 2, 100, 200, 255, 3, 0.5, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19};
            for (int i = 0; i < 21; i++) {
                raster.setSample(i % 7, i / 7, 0, dataType == DataBuffer.TYPE_FLOAT ? stored[i] : (int) stored[i]);
            }
            Path file = dir.resolve("t.tiff");
            assertThat(ImageIO.write(new BufferedImage(model, raster, false, null), "tiff", file.toFile())).isTrue();

            Frame frame = ImageReaders.read(file);

            SampleType type = dataType == DataBuffer.TYPE_BYTE ? SampleType.UINT8
                    : dataType == DataBuffer.TYPE_USHORT ? SampleType.UINT16 : SampleType.FLOAT32;
            double[] expected = Arrays.stream(stored)
                    .map(v -> type == SampleType.FLOAT32 ? v : type.scaled((long) v)).toArray();
            assertThat(frame.height()).isEqualTo(3);
            assertThat(frame.pixels()).containsExactly(expected);
            assertThat(frame.precision()).isEqualTo(type.precision());
        }

        @ParameterizedTest
        @ValueSource(strings = {"png_gray8.png", "png_gray16.png"})
        void pngWrittenAtTheSameDepthReadsBackUnchanged(String name, @TempDir Path dir) throws Exception {
            Frame original = ImageReaders.read(Fixtures.path(name));
            Path file = dir.resolve("again.png");

            PngWriter.write(original, file, name.contains("16") ? PngWriter.BitDepth.SIXTEEN : PngWriter.BitDepth.EIGHT,
                    PngWriter.Scaling.UNIT);

            assertThat(ImageReaders.read(file)).isEqualTo(original);
        }
    }

    @Nested
    class Rejects {

        @Test
        void unsupportedExtensionsListingWhatIsSupported(@TempDir Path dir) throws IOException {
            Path jpeg = Files.write(dir.resolve("x.jpg"), new byte[] {1});
            Path none = Files.write(dir.resolve("README"), new byte[] {1});

            assertThatThrownBy(() -> ImageReaders.read(jpeg)).isInstanceOf(ImageFormatException.class)
                    .hasMessage(jpeg + ": unsupported format '.jpg' (supported: .npy, .tif/.tiff, .png, .emd (Velox or Berkeley), "
                            + ".dm3/.dm4 (Gatan), .ser (FEI TIA, with its .emi), .mrc/.mrcs)");
            assertThatThrownBy(() -> ImageReaders.read(none)).hasMessageContaining("unsupported format 'no extension'");
        }

        @Test
        void contentThatContradictsTheExtension(@TempDir Path dir) throws IOException {
            Path file = dir.resolve("really_npy.png");
            Files.copy(Fixtures.path("npy_uint8_C.npy"), file);
            Path text = Files.writeString(dir.resolve("notes.tif"), "hello");

            assertThatThrownBy(() -> ImageReaders.read(file))
                    .hasMessage(file + ": the extension says PNG but the content is NPY (starts with 93 4e 55 4d 50 59 01 00)");
            assertThatThrownBy(() -> ImageReaders.read(text))
                    .hasMessageContaining("the extension says TIFF but the content is no supported format");
        }

        @Test
        void missingFilesAndDirectories(@TempDir Path dir) {
            assertThatThrownBy(() -> ImageReaders.read(dir.resolve("gone.npy"))).hasMessage(dir.resolve("gone.npy") + ": no such file");
            Path folder = dir.resolve("folder.npy");
            assertThatThrownBy(() -> {
                Files.createDirectory(folder);
                ImageReaders.read(folder);
            }).hasMessage(folder + ": is a directory, not an image file");
        }

        @Test
        void emptyFile(@TempDir Path dir) throws IOException {
            Path empty = Files.write(dir.resolve("empty.emd"), new byte[0]);

            assertThatThrownBy(() -> ImageReaders.read(empty)).hasMessageContaining("the content is no supported format");
        }

        @ParameterizedTest
        @ValueSource(strings = {"png_gray16.png", "tiff_uint16.tif", "emd_velox_stack.emd", "emd_berkeley_series.emd"})
        void truncatedFilesWithOneLineNamingTheFile(String name, @TempDir Path dir) throws IOException {
            byte[] whole = Files.readAllBytes(Fixtures.path(name));
            Path cut = Files.write(dir.resolve(name), Arrays.copyOf(whole, whole.length / 2));

            assertThatThrownBy(() -> ImageReaders.read(cut)).isInstanceOf(ImageFormatException.class)
                    .message().startsWith(cut + ": ").containsAnyOf("truncated", "corrupt").doesNotContain("\n");
        }

        @Test
        void hdf5ThatIsNoEmd(@TempDir Path dir) throws IOException {
            // A Berkeley file whose data group lost its emd_group_type marker is just HDF5.
            byte[] bytes = Files.readAllBytes(Fixtures.path("emd_berkeley_series.emd"));
            String text = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
            int at = text.indexOf("emd_group_type");
            bytes[at] = 'X';
            Path file = Files.write(dir.resolve("plain.emd"), bytes);

            assertThatThrownBy(() -> ImageReaders.read(file)).hasMessage(file
                    + ": HDF5 file is neither Velox EMD (Data/Image) nor Berkeley EMD (a group under data/ with emd_group_type = 1)");
        }
    }
}
