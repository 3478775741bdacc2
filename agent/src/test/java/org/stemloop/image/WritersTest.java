package org.stemloop.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WritersTest {

    private final Frame ramp = Frame.of(2, 3, new double[] {-1, 0, 1, 2, 3, Double.NaN});

    @Test
    void displayPngStretchesTheFiniteRangeToBlackAndWhite(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("d.png");

        PngWriter.write(ramp, file);

        BufferedImage back = ImageIO.read(file.toFile());
        assertThat(back.getType()).isEqualTo(BufferedImage.TYPE_BYTE_GRAY);
        int[] gray = back.getRaster().getPixels(0, 0, 3, 2, (int[]) null);
        assertThat(gray).containsExactly(0, 64, 128, 191, 255, 0);
    }

    @Test
    void sixteenBitPngKeepsSixteenBits(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("s.png");

        PngWriter.write(ramp, file, PngWriter.BitDepth.SIXTEEN, PngWriter.Scaling.MIN_MAX);

        LoadedImage back = ImageReaders.load(file);
        assertThat(back.sourceType()).isEqualTo("uint16");
        assertThat(back.frame().get(0, 1)).isEqualTo(16384 * (1.0 / 65535));
    }

    @Test
    void constantAndEmptyOfFiniteValuesFramesRenderBlack() {
        BufferedImage flat = PngWriter.render(Frame.of(1, 2, new double[] {5, 5}), PngWriter.BitDepth.EIGHT,
                PngWriter.Scaling.MIN_MAX);
        BufferedImage nan = PngWriter.render(Frame.of(1, 1, new double[] {Double.NaN}), PngWriter.BitDepth.EIGHT,
                PngWriter.Scaling.MIN_MAX);

        assertThat(flat.getRaster().getPixels(0, 0, 2, 1, (int[]) null)).containsExactly(0, 0);
        assertThat(nan.getRaster().getSample(0, 0, 0)).isZero();
    }

    @Test
    void percentileScalingClipsOutliers() {
        double[] values = new double[101];
        for (int i = 0; i < values.length; i++) {
            values[i] = i;
        }
        values[100] = 1e9; // one hot pixel
        DisplayScaling s = DisplayScaling.percentiles(Frame.of(1, 101, values), 1, 99);

        assertThat(s.low()).isEqualTo(1.0);
        assertThat(s.high()).isEqualTo(99.0);
        assertThat(s.unit(1e9)).isEqualTo(1.0);
    }

    @Test
    void overlayDrawsMarksInColourOnTheGrayFrame(@TempDir Path dir) throws Exception {
        Frame dark = Frame.of(20, 20, new double[400]);
        Path file = dir.resolve("o.png");

        Overlay.of(dark).zoom(2).circle(10, 10, 5, Color.RED).cross(2, 2, 1.5, Color.GREEN).write(file);

        BufferedImage back = ImageIO.read(file.toFile());
        assertThat(back.getWidth()).isEqualTo(40);
        // The circle passes 5 px right of the centre of pixel (10, 10): x = (15 + 0.5) * 2 = 31.
        assertThat(new Color(back.getRGB(31, 21)).getRed()).isGreaterThan(100);
        assertThat(new Color(back.getRGB(21, 21)).getRed()).isZero();
        assertThat(new Color(back.getRGB(5, 5)).getGreen()).isGreaterThan(100);
    }

    @Test
    void overlayShowsTheFrameInGray() {
        BufferedImage image = Overlay.of(Frame.of(1, 2, new double[] {0, 10})).image();

        assertThat(image.getRGB(0, 0) & 0xFFFFFF).isEqualTo(0x000000);
        assertThat(image.getRGB(1, 0) & 0xFFFFFF).isEqualTo(0xFFFFFF);
    }

    @Nested
    class Rejects {

        @Test
        void badMarksAndZooms() {
            Overlay overlay = Overlay.of(Frame.of(1, 1, new double[] {0}));

            assertThatThrownBy(() -> overlay.circle(0, 0, 0, Color.RED)).hasMessage("Circle radius must be positive and finite: 0.0");
            assertThatThrownBy(() -> overlay.cross(Double.NaN, 0, 1, Color.RED)).hasMessageContaining("position must be finite");
            assertThatThrownBy(() -> overlay.zoom(0)).hasMessage("Zoom must be 1-16: 0");
            assertThatThrownBy(() -> Overlay.of(Frame.of(1, 1, new double[] {0}), 90, 10))
                    .hasMessageContaining("0 <= low <= high <= 100");
        }

        @Test
        void nonFinitePixelsWhenACallerNeedsFiniteOnes() throws Exception {
            assertThat(Frames.requireFinite(Frame.of(1, 2, new double[] {0, 1}), "x")).isNotNull();
            assertThatThrownBy(() -> Frames.requireFinite(ramp, "frame-3"))
                    .isInstanceOf(ImageFormatException.class)
                    .hasMessage("frame-3: 1 NaN or infinite pixel, the first at (row 1, col 2)");
        }
    }
}
