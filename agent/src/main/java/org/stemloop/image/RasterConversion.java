package org.stemloop.image;

import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;

/**
 * A decoded {@link BufferedImage} (PNG, TIFF) to a {@link LoadedImage}, with scikit-image's rules.
 *
 * <ul>
 *   <li>grayscale (with or without alpha): the gray samples, integers scaled like {@code img_as_float};
 *   <li>RGB/RGBA whose red, green and blue agree at every pixel: that channel, exactly (many STEM
 *       exports are gray images saved as RGB);
 *   <li>true colour: {@code rgb2gray}, {@code 0.2125 R + 0.7154 G + 0.0721 B} on the [0, 1] values, alpha
 *       dropped. scikit-image computes that dot product with BLAS, so the last bit may differ.
 *   <li>palette images: the palette's colours, then the rules above.
 * </ul>
 */
final class RasterConversion {

    private static final double RED = 0.2125;
    private static final double GREEN = 0.7154;
    private static final double BLUE = 0.0721;

    private RasterConversion() {
    }

    /** Converts; {@code format} names the file format and {@code source} the file in errors. */
    static LoadedImage toFrame(BufferedImage image, String format, String source) throws ImageFormatException {
        Raster raster = image.getRaster();
        int height = raster.getHeight();
        int width = raster.getWidth();
        if (image.getColorModel() instanceof IndexColorModel palette) {
            return fromPalette(raster, palette, format);
        }
        SampleType type = sampleType(raster.getDataBuffer().getDataType(), source);
        int bits = image.getColorModel().getComponentSize(0);
        if (bits < 8) {
            throw new ImageFormatException(source, "%d-bit samples are not supported (8, 16 and 32-bit only)".formatted(bits));
        }
        int bands = raster.getNumBands();
        double[] pixels = new double[height * width];
        boolean gray = bands <= 2 || sameChannels(raster);
        for (int r = 0; r < height; r++) {
            for (int c = 0; c < width; c++) {
                pixels[r * width + c] = gray ? value(raster, c, r, 0, type)
                        : RED * value(raster, c, r, 0, type) + GREEN * value(raster, c, r, 1, type)
                                + BLUE * value(raster, c, r, 2, type);
            }
        }
        String stored = type.numpyName() + (bands <= 2 ? "" : gray ? " (equal RGB channels)" : " RGB -> rgb2gray");
        return new LoadedImage(Frame.of(height, width, pixels, type.precision()), format, stored);
    }

    private static LoadedImage fromPalette(Raster raster, IndexColorModel palette, String format) {
        int height = raster.getHeight();
        int width = raster.getWidth();
        boolean grayPalette = true;
        for (int i = 0; i < palette.getMapSize(); i++) {
            grayPalette &= palette.getRed(i) == palette.getGreen(i) && palette.getGreen(i) == palette.getBlue(i);
        }
        double[] pixels = new double[height * width];
        for (int r = 0; r < height; r++) {
            for (int c = 0; c < width; c++) {
                int index = raster.getSample(c, r, 0);
                double red = SampleType.UINT8.scaled(palette.getRed(index));
                pixels[r * width + c] = grayPalette ? red
                        : RED * red + GREEN * SampleType.UINT8.scaled(palette.getGreen(index))
                                + BLUE * SampleType.UINT8.scaled(palette.getBlue(index));
            }
        }
        return new LoadedImage(Frame.of(height, width, pixels), format, grayPalette ? "uint8 (gray palette)" : "uint8 palette -> rgb2gray");
    }

    private static SampleType sampleType(int dataType, String source) throws ImageFormatException {
        return switch (dataType) {
            case DataBuffer.TYPE_BYTE -> SampleType.UINT8;
            case DataBuffer.TYPE_USHORT -> SampleType.UINT16;
            case DataBuffer.TYPE_SHORT -> SampleType.INT16;
            case DataBuffer.TYPE_FLOAT -> SampleType.FLOAT32;
            case DataBuffer.TYPE_DOUBLE -> SampleType.FLOAT64;
            default -> throw new ImageFormatException(source,
                    "32-bit integer samples are not supported (8/16-bit integer or 32/64-bit float only)");
        };
    }

    private static double value(Raster raster, int x, int y, int band, SampleType type) {
        return switch (type) {
            case FLOAT32 -> raster.getSampleFloat(x, y, band);
            case FLOAT64 -> raster.getSampleDouble(x, y, band);
            default -> type.scaled(raster.getSample(x, y, band));
        };
    }

    private static boolean sameChannels(Raster raster) {
        for (int y = 0; y < raster.getHeight(); y++) {
            for (int x = 0; x < raster.getWidth(); x++) {
                double red = raster.getSampleDouble(x, y, 0);
                if (red != raster.getSampleDouble(x, y, 1) || red != raster.getSampleDouble(x, y, 2)) {
                    return false;
                }
            }
        }
        return true;
    }
}
