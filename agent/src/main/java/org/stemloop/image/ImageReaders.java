package org.stemloop.image;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Reads an image file into a {@link Frame}, choosing the reader by the file's extension
 * (case-insensitive) and checking the file's magic bytes agree:
 *
 * <ul>
 *   <li>{@code .npy}: numpy arrays ({@link NpyCodec});
 *   <li>{@code .tif}, {@code .tiff}: 8/16-bit grayscale and 32-bit float TIFF (JDK ImageIO);
 *   <li>{@code .png}: 8/16-bit grayscale, gray-as-RGB, true colour through {@code rgb2gray};
 *   <li>{@code .emd}: ThermoFisher Velox and Berkeley EMD v0.2 (HDF5, via jhdf), with the pixel size.
 * </ul>
 *
 * <p>Integer images are scaled to [0, 1] exactly as scikit-image's {@code img_as_float} does, float
 * images keep their values (see {@link SampleType}), so a detector fed these frames sees what
 * scikit-image would. NaN and infinite pixels are kept; see {@link Frames#requireFinite}.
 *
 * <p>Cost: the file is read into memory once (an EMD stack only for its first frame); a 1024 x 1024
 * uint16 image takes a few tens of milliseconds.
 */
public final class ImageReaders {

    /** The extensions read, as listed in error messages. */
    public static final String SUPPORTED = ".npy, .tif/.tiff, .png, .emd (Velox or Berkeley)";
    private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    private static final int HEAD = 96;

    private ImageReaders() {
    }

    /**
     * Reads the image in {@code file}.
     *
     * @throws ImageFormatException with a one-line message naming the file and the problem: missing,
     *     unsupported extension, content that does not match the extension, truncated or corrupt data
     */
    public static Frame read(Path file) throws ImageFormatException {
        return load(file).frame();
    }

    /** As {@link #read}, also telling the format and the stored element type. */
    public static LoadedImage load(Path file) throws ImageFormatException {
        String format = format(file);
        if (!Files.isRegularFile(file)) {
            throw new ImageFormatException(file, Files.isDirectory(file) ? "is a directory, not an image file" : "no such file");
        }
        byte[] head = head(file);
        String actual = sniff(head);
        if (!format.equals(actual)) {
            throw new ImageFormatException(file, "the extension says %s but the content %s (starts with %s)".formatted(
                    format.toUpperCase(Locale.ROOT),
                    actual == null ? "is no supported format" : "is " + actual.toUpperCase(Locale.ROOT),
                    HexFormat.ofDelimiter(" ").formatHex(head, 0, Math.min(8, head.length))));
        }
        return switch (format) {
            case "npy" -> NpyCodec.load(bytes(file), String.valueOf(file));
            case "png", "tiff" -> ImageIoReader.read(bytes(file), format, file);
            case "hdf5" -> EmdReader.read(file, head, size(file));
            default -> throw new IllegalStateException(format);
        };
    }

    /** Reader name for the extension: npy, tiff, png, hdf5. */
    private static String format(Path file) throws ImageFormatException {
        String name = String.valueOf(file.getFileName()).toLowerCase(Locale.ROOT);
        int dot = name.lastIndexOf('.');
        String ext = dot < 0 ? "" : name.substring(dot + 1);
        return switch (ext) {
            case "npy" -> "npy";
            case "tif", "tiff" -> "tiff";
            case "png" -> "png";
            case "emd" -> "hdf5";
            default -> throw new ImageFormatException(file, "unsupported format '%s' (supported: %s)"
                    .formatted(dot < 0 ? "no extension" : "." + ext, SUPPORTED));
        };
    }

    /** What the first bytes say the file is, or null. */
    private static String sniff(byte[] head) {
        if (NpyCodec.hasMagic(head)) {
            return "npy";
        }
        if (startsWith(head, PNG_MAGIC)) {
            return "png";
        }
        if (startsWith(head, new byte[] {'I', 'I', 42, 0}) || startsWith(head, new byte[] {'M', 'M', 0, 42})) {
            return "tiff";
        }
        return Hdf5Superblock.hasSignature(head) ? "hdf5" : null;
    }

    private static boolean startsWith(byte[] head, byte[] magic) {
        if (head.length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if (head[i] != magic[i]) {
                return false;
            }
        }
        return true;
    }

    private static byte[] head(Path file) throws ImageFormatException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(HEAD);
        } catch (IOException e) {
            throw new ImageFormatException(file, "cannot read: " + e.getMessage(), e);
        }
    }

    private static long size(Path file) throws ImageFormatException {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new ImageFormatException(file, "cannot read: " + e.getMessage(), e);
        }
    }

    private static byte[] bytes(Path file) throws ImageFormatException {
        long size = size(file);
        if (size > Integer.MAX_VALUE - 64) {
            throw new ImageFormatException(file, "file of %d bytes is too large for one image".formatted(size));
        }
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ImageFormatException(file, "cannot read: " + e.getMessage(), e);
        }
    }
}
