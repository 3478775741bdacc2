package org.stemloop.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stemloop.testsupport.RealData;

/** Every real image of the workplace opens as its README table says; a cut copy of each fails cleanly. */
class RealImagesTest {

    /** name -> {rows, cols, pixel size in Å or NaN}, from shared/data/real/README.md. */
    private static final Map<String, double[]> README = Map.ofEntries(
            Map.entry("graphene_si_2nm.npy", new double[] {256, 256, Double.NaN}),
            Map.entry("graphene_gb_4nm.npy", new double[] {512, 512, Double.NaN}),
            Map.entry("graphene_gb_6nm.npy", new double[] {512, 512, Double.NaN}),
            Map.entry("srtio3_haadf_1024.npy", new double[] {1024, 1024, Double.NaN}),
            Map.entry("srtio3_adf_atomap.npy", new double[] {400, 380, Double.NaN}),
            Map.entry("srtio3_abf_atomap.npy", new double[] {400, 380, Double.NaN}),
            Map.entry("ws2_haadf_velox.emd", new double[] {1024, 1024, 0.1062}),
            Map.entry("twin_boundary_velox.emd", new double[] {1024, 1024, 0.0801}),
            Map.entry("velox_0042.emd", new double[] {1024, 1024, 0.1601}),
            Map.entry("srtio3_berkeley_acq18.emd", new double[] {1024, 1024, 0.1225}),
            Map.entry("si110_5nm.png", new double[] {512, 512, Double.NaN}),
            Map.entry("dyscO3_8nm.png", new double[] {1024, 1024, Double.NaN}),
            Map.entry("gold_grain_boundary_512.png", new double[] {512, 512, Double.NaN}));

    @Test
    void everyRealImageOpensWithTheShapeAndPixelSizeOfTheReadme() throws Exception {
        List<Path> images = RealData.images();
        assertThat(images).extracting(p -> p.getFileName().toString()).containsExactlyInAnyOrderElementsOf(README.keySet());
        for (Path file : images) {
            double[] want = README.get(file.getFileName().toString());
            Frame frame = ImageReaders.read(file);

            assertThat(new int[] {frame.height(), frame.width()}).as(file.toString())
                    .containsExactly((int) want[0], (int) want[1]);
            if (Double.isNaN(want[2])) {
                assertThat(frame.pixelSizeAngstrom()).as(file.toString()).isEmpty();
            } else {
                assertThat(frame.pixelSizeAngstrom().getAsDouble()).as(file.toString()).isCloseTo(want[2], within(5e-5));
            }
        }
    }

    @Test
    void aTruncatedCopyOfEachFailsWithOneLineNamingTheFile(@TempDir Path dir) throws IOException {
        for (Path file : RealData.images()) {
            byte[] whole = Files.readAllBytes(file);
            Path cut = Files.write(dir.resolve(file.getFileName()), Arrays.copyOf(whole, whole.length / 2));

            assertThatThrownBy(() -> ImageReaders.read(cut)).as(file.toString())
                    .isInstanceOf(ImageFormatException.class)
                    .message().startsWith(cut + ": truncated: ").doesNotContain("\n").doesNotContain("IOException");
        }
    }

    @Test
    void srtio3Uint16IsScaledExactlyAsImgAsFloat() throws Exception {
        Path file = RealData.file("srtio3_haadf_1024.npy");
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer le = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int dataStart = 10 + (le.getShort(8) & 0xFFFF);

        Frame frame = ImageReaders.read(file);

        double[] pixels = frame.pixels();
        assertThat(pixels).hasSize(1024 * 1024);
        assertThat(frame.precision()).isEqualTo(Precision.FLOAT64);
        for (int i = 0; i < pixels.length; i++) {
            // numpy: np.multiply(image, 1. / 65535, dtype=float64)
            double expected = (le.getShort(dataStart + 2 * i) & 0xFFFF) * (1.0 / 65535);
            if (pixels[i] != expected) {
                throw new AssertionError("pixel %d: %s != %s".formatted(i, pixels[i], expected));
            }
        }
    }

    @Test
    void float16AtomapImageBecomesFloat32Exactly() throws Exception {
        Frame frame = ImageReaders.read(RealData.file("srtio3_adf_atomap.npy"));

        assertThat(frame.precision()).isEqualTo(Precision.FLOAT32);
        for (double v : frame.pixels()) {
            assertThat((double) (float) v).isEqualTo(v);
        }
    }
}
