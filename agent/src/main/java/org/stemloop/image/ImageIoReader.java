package org.stemloop.image;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * PNG and TIFF through the JDK's own ImageIO plugins (TIFF is built in since Java 9): 8 and 16-bit
 * grayscale, 32-bit float TIFF, and RGB(A) converted as {@link RasterConversion} says. Only the first
 * image of a multi-page TIFF is read.
 */
final class ImageIoReader {

    private static final byte[] PNG_END = {0, 0, 0, 0, 'I', 'E', 'N', 'D', (byte) 0xAE, 0x42, 0x60, (byte) 0x82};

    private ImageIoReader() {
    }

    /** Decodes {@code bytes} (the whole file) with the ImageIO plugin named {@code format} ("png", "tiff"). */
    static LoadedImage read(byte[] bytes, String format, Path file) throws ImageFormatException {
        if (format.equals("png") && !endsWithIend(bytes)) {
            throw new ImageFormatException(file, "truncated: the PNG does not end with its IEND chunk (%d bytes)".formatted(bytes.length));
        }
        Iterator<ImageReader> readers = javax.imageio.ImageIO.getImageReadersByFormatName(format);
        if (!readers.hasNext()) {
            throw new IllegalStateException("this Java runtime has no ImageIO reader for " + format);
        }
        ImageReader reader = readers.next();
        BufferedImage image;
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            reader.setInput(in, true, true);
            image = reader.read(0);
        } catch (IOException | RuntimeException e) {
            // ImageIO reports truncation as EOFException, IIOException or IndexOutOfBounds alike.
            throw new ImageFormatException(file, "cannot decode %s (truncated or corrupt, %d bytes): %s"
                    .formatted(format.toUpperCase(), bytes.length,
                            e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName()), e);
        } finally {
            reader.dispose();
        }
        return RasterConversion.toFrame(image, format.toUpperCase(), String.valueOf(file));
    }

    private static boolean endsWithIend(byte[] bytes) {
        if (bytes.length < PNG_END.length) {
            return false;
        }
        for (int i = 0; i < PNG_END.length; i++) {
            if (bytes[bytes.length - PNG_END.length + i] != PNG_END[i]) {
                return false;
            }
        }
        return true;
    }
}
