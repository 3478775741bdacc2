package org.stemloop.image;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads an image file into a {@link Frame}, choosing the reader by the file's extension
 * (case-insensitive) and checking the file's magic bytes agree:
 *
 * <ul>
 *   <li>{@code .npy}: numpy arrays ({@link NpyCodec});
 *   <li>{@code .tif}, {@code .tiff}: 8/16-bit grayscale and 32-bit float TIFF (JDK ImageIO);
 *   <li>{@code .png}: 8/16-bit grayscale, gray-as-RGB, true colour through {@code rgb2gray};
 *   <li>{@code .emd}: ThermoFisher Velox and Berkeley EMD v0.2 (HDF5, via jhdf), with the pixel size;
 *   <li>{@code .dm3}, {@code .dm4}: Gatan DigitalMicrograph images and stacks ({@link DigitalMicrograph});
 *   <li>{@code .ser}: FEI TIA images and series, with the {@code .emi} beside it ({@link TiaSer});
 *   <li>{@code .mrc}, {@code .mrcs}: MRC images and stacks ({@link MrcReader}).
 * </ul>
 *
 * <p>{@link #open} gives the whole file (stacks, per-axis pixel sizes, metadata highlights);
 * {@link #read} gives one frame with square pixels, telling {@link #NOTICES} (stderr) when it took the
 * first frame of a stack or resampled non-square pixels. Spectra, spectrum images and 4-D data are
 * refused with a message that says what the file holds.
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
    public static final String SUPPORTED = ".npy, .tif/.tiff, .png, .emd (Velox or Berkeley), .dm3/.dm4 (Gatan), "
            + ".ser (FEI TIA, with its .emi), .mrc/.mrcs";
    /** Where {@link #read(Path)} says what it did beyond reading (first frame of a stack, resampling). */
    public static final Consumer<String> NOTICES = message -> System.err.println(message); // System.err now, not at class load
    private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    private static final int HEAD = 256;

    private ImageReaders() {
    }

    /**
     * Reads the image in {@code file}.
     *
     * @throws ImageFormatException with a one-line message naming the file and the problem: missing,
     *     unsupported extension, content that does not match the extension, truncated or corrupt data
     */
    public static Frame read(Path file) throws ImageFormatException {
        return read(file, 0, NOTICES);
    }

    /**
     * Frame {@code frame} (0-based) of {@code file} with square pixels: non-square pixels are resampled
     * and {@code notices} is told so; reading frame 0 of a stack tells {@code notices} how many there are.
     */
    public static Frame read(Path file, int frame, Consumer<String> notices) throws ImageFormatException {
        ImageFile image = open(file);
        if (image.frames() > 1 && frame == 0) {
            notices.accept("%s: a stack of %d frames; frame 0 is used".formatted(file, image.frames()));
        }
        return image.squareFrame(frame, notices);
    }

    /** As {@link #read}, also telling the format and the stored element type (frame 0, not resampled). */
    public static LoadedImage load(Path file) throws ImageFormatException {
        return open(file).firstFrame();
    }

    /** Opens {@code file}: its frames, per-axis pixel size and metadata highlights. */
    public static ImageFile open(Path file) throws ImageFormatException {
        String format = format(file);
        if (!Files.isRegularFile(file)) {
            throw new ImageFormatException(file, Files.isDirectory(file) ? "is a directory, not an image file" : "no such file");
        }
        byte[] head = head(file);
        String actual = sniff(head);
        if (format.equals("mrc") && actual == null) {
            actual = "mrc"; // MRC files before MRC2014 carry no identification word
        }
        if (!format.equals(actual)) {
            throw new ImageFormatException(file, "the extension says %s but the content %s (starts with %s)".formatted(
                    format.toUpperCase(Locale.ROOT),
                    actual == null ? "is no supported format" : "is " + actual.toUpperCase(Locale.ROOT),
                    HexFormat.ofDelimiter(" ").formatHex(head, 0, Math.min(8, head.length))));
        }
        String source = String.valueOf(file);
        return switch (format) {
            case "npy" -> single(NpyCodec.load(bytes(file), source), source);
            case "png" -> single(ImageIoReader.read(bytes(file), format, file), source);
            case "tiff" -> TiffReader.read(bytes(file), source);
            case "hdf5" -> single(EmdReader.read(file, head, size(file)), source);
            case "dm3", "dm4" -> DigitalMicrograph.read(bytes(file), source);
            case "ser" -> TiaSer.read(bytes(file), file);
            case "mrc" -> MrcReader.read(bytes(file), source);
            default -> throw new IllegalStateException(format);
        };
    }

    private static ImageFile single(LoadedImage image, String source) {
        double size = image.frame().pixelSizeAngstrom().orElse(Double.NaN);
        return ImageFile.of(source, image.format(), List.of(image), PixelSize.square(size), Map.of());
    }

    /**
     * Opens an image file held in memory (e.g. an MQTT payload), told apart by its first bytes: NPY,
     * Gatan DM3/DM4 or TIFF. Frames of more than {@code maxPixels} pixels are refused before their
     * pixels are allocated.
     *
     * @param source names the bytes in messages (a frame id)
     * @throws ImageTooLargeException when a frame (all pages, for TIFF) exceeds {@code maxPixels}
     * @throws ImageFormatException when the bytes are none of these formats, or broken
     */
    public static ImageFile decode(byte[] bytes, String source, long maxPixels) throws ImageFormatException {
        byte[] head = java.util.Arrays.copyOf(bytes, Math.min(bytes.length, HEAD));
        String kind = sniff(head);
        ImageFile image = switch (kind == null ? "" : kind) {
            case "npy" -> single(NpyCodec.load(bytes, source, Math.min(maxPixels, NpyCodec.MAX_PIXELS)), source);
            case "dm3", "dm4" -> DigitalMicrograph.read(bytes, source);
            case "tiff" -> TiffReader.read(bytes, source, maxPixels);
            default -> throw new ImageFormatException(source, "not an NPY, DM3/DM4 or TIFF image (starts with %s)"
                    .formatted(HexFormat.ofDelimiter(" ").formatHex(head, 0, Math.min(8, head.length))));
        };
        int[] shape = image.shape();
        long pixels = (long) shape[shape.length - 2] * shape[shape.length - 1];
        if (pixels > maxPixels) {
            throw new ImageTooLargeException(source, "image too large: %d x %d (at most %d pixels)"
                    .formatted(shape[shape.length - 2], shape[shape.length - 1], maxPixels));
        }
        return image;
    }

    /** True when {@code file}'s extension is one of the formats read (the content is not looked at). */
    public static boolean hasImageExtension(Path file) {
        try {
            format(file);
            return true;
        } catch (ImageFormatException e) {
            return false; // the answer is the question: not an image extension
        }
    }

    /** Reader name for the extension: npy, tiff, png, hdf5, dm3, dm4, ser, mrc. */
    private static String format(Path file) throws ImageFormatException {
        String name = String.valueOf(file.getFileName()).toLowerCase(Locale.ROOT);
        int dot = name.lastIndexOf('.');
        String ext = dot < 0 ? "" : name.substring(dot + 1);
        return switch (ext) {
            case "npy" -> "npy";
            case "tif", "tiff" -> "tiff";
            case "png" -> "png";
            case "emd" -> "hdf5";
            case "dm3" -> "dm3";
            case "dm4" -> "dm4";
            case "ser" -> "ser";
            case "mrc", "mrcs" -> "mrc";
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
        if (DmTags.version(head) > 0) {
            return "dm" + DmTags.version(head);
        }
        if (TiaSer.hasMagic(head)) {
            return "ser";
        }
        if (MrcReader.hasMapWord(head)) {
            return "mrc";
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
