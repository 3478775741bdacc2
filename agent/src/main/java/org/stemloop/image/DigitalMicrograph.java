package org.stemloop.image;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.stemloop.image.DmTags.Array;
import org.stemloop.image.DmTags.Group;
import org.stemloop.image.DmTags.Node;
import org.stemloop.image.DmTags.Value;

/**
 * Gatan DigitalMicrograph {@code .dm3} and {@code .dm4} files: the image is the largest entry of
 * {@code ImageList} (the first is usually a small RGB thumbnail); its {@code ImageData} holds the
 * {@code Data} array, the {@code Dimensions} (columns first, then rows, then frames) and per-axis
 * {@code Calibrations/Dimension[i]/Scale} with {@code Units}.
 *
 * <p>Read: 2-D images and 3-D stacks of integer, boolean or real samples. Refused with one line that
 * says what the file holds: 1-D spectra, spectrum images and line scans (an axis in eV, or DM's
 * {@code Meta Data/Format} saying spectrum), 4-D and higher data, complex and RGB images.
 */
final class DigitalMicrograph {

    private static final int DM_COMPLEX64 = 3;
    private static final int DM_PACKED_COMPLEX = 5;
    private static final int DM_RGB = 8;
    private static final int DM_COMPLEX128 = 13;
    private static final int DM_RGBA = 23;

    private DigitalMicrograph() {
    }

    static ImageFile read(byte[] bytes, String source) throws ImageFormatException {
        DmTags.Tree tree = DmTags.parse(bytes, source);
        String format = "Gatan DM" + tree.version();
        Group entry = largestImage(tree.root(), source);
        Group data = (Group) entry.get("ImageData");
        Array array = (Array) data.get("Data");
        long[] dims = dimensions(data, source);
        List<Axis> axes = calibrations(data, bytes, tree.order(), dims.length);
        refuseNonImages(entry, data, dims, axes, bytes, tree.order(), source);
        SampleType type = sampleType(array, data, source);
        long count = 1;
        try {
            for (long d : dims) {
                count = Math.multiplyExact(count, d);
            }
        } catch (ArithmeticException e) {
            count = -1; // dimensions whose product overflows cannot describe the array
        }
        if (count != array.count()) {
            throw new ImageFormatException(source, "corrupt %s: dimensions %s need %d samples, the data array has %d"
                    .formatted(format, shapeText(dims), count, array.count()));
        }
        int frames = dims.length == 3 ? (int) dims[2] : 1;
        checkSize(dims, source);
        StoredArray stored = StoredArray.contiguous(bytes, array.offset(), tree.order(), type, frames, (int) dims[1],
                (int) dims[0]);
        PixelSize pixelSize = new PixelSize(axes.get(1).angstrom(), axes.get(0).angstrom());
        return ImageFile.of(source, format, stored, pixelSize, DmMetadata.highlights(entry, bytes, tree.order()));
    }

    /** A calibrated axis: its scale and units as stored. */
    record Axis(double scale, String units) {

        double angstrom() {
            return LengthUnits.toAngstrom(scale, units);
        }

        boolean isEnergy() {
            String u = units.strip().toLowerCase(Locale.ROOT);
            return u.equals("ev") || u.equals("kev") || u.equals("mev");
        }
    }

    /**
     * The largest entry of {@code ImageList}, thumbnails aside: DigitalMicrograph stores an RGB preview
     * first, which can be as large as a spectrum or a small image, so RGB entries count only when
     * nothing else is there; on a tie the later entry wins (the preview comes first).
     */
    private static Group largestImage(Group root, String source) throws ImageFormatException {
        if (!(root.get("ImageList") instanceof Group list)) {
            throw new ImageFormatException(source, "DigitalMicrograph file without an ImageList");
        }
        Group best = null;
        long bestCount = -1;
        boolean bestRgb = true;
        for (Node n : list.nodes()) {
            if (n instanceof Group g && g.at("ImageData", "Data") instanceof Array a) {
                boolean rgb = g.at("ImageData", "DataType") instanceof Value v && v.value() instanceof Long t
                        && (t == DM_RGB || t == DM_RGBA);
                if ((bestRgb && !rgb) || (rgb == bestRgb && a.count() >= bestCount)) {
                    best = g;
                    bestCount = a.count();
                    bestRgb = rgb;
                }
            }
        }
        if (best == null) {
            throw new ImageFormatException(source, "DigitalMicrograph ImageList holds no image data");
        }
        return best;
    }

    private static long[] dimensions(Group data, String source) throws ImageFormatException {
        if (!(data.get("Dimensions") instanceof Group dims) || dims.entries().isEmpty()) {
            throw new ImageFormatException(source, "DigitalMicrograph image without Dimensions");
        }
        long[] out = new long[dims.entries().size()];
        for (int i = 0; i < out.length; i++) {
            if (!(dims.nodes().get(i) instanceof Value v) || !(v.value() instanceof Long d) || d < 1) {
                throw new ImageFormatException(source, "corrupt DigitalMicrograph Dimensions entry %d".formatted(i));
            }
            out[i] = d;
        }
        return out;
    }

    private static List<Axis> calibrations(Group data, byte[] bytes, ByteOrder order, int n) {
        List<Node> dims = data.at("Calibrations", "Dimension") instanceof Group g ? g.nodes() : List.of();
        List<Axis> axes = new ArrayList<>();
        for (int i = 0; i < Math.max(n, 2); i++) {
            double scale = Double.NaN;
            String units = "";
            if (i < dims.size() && dims.get(i) instanceof Group axis) {
                if (axis.get("Scale") instanceof Value v && v.value() instanceof Number s) {
                    scale = s.doubleValue();
                }
                units = text(axis.get("Units"), bytes, order);
            }
            axes.add(new Axis(scale, units));
        }
        return axes;
    }

    private static void refuseNonImages(Group entry, Group data, long[] dims, List<Axis> axes, byte[] bytes,
            ByteOrder order, String source) throws ImageFormatException {
        boolean energy = axes.stream().anyMatch(Axis::isEnergy);
        String declared = DmMetadata.format(entry, bytes, order);
        boolean spectral = energy || declared.toLowerCase(Locale.ROOT).contains("spectrum");
        String shape = shapeText(dims);
        int longAxis = -1;
        int longAxes = 0;
        for (int i = 0; i < dims.length; i++) {
            if (dims[i] > 1) {
                longAxes++;
                longAxis = i;
            }
        }
        if (longAxes <= 1) {
            Axis a = axes.get(Math.max(longAxis, 0));
            if (!spectral) {
                throw new ImageFormatException(source, "holds 1-D data of %d samples (a profile), not an image"
                        .formatted(dims[Math.max(longAxis, 0)]));
            }
            throw new ImageFormatException(source, "holds a 1-D spectrum of %d channels%s, not an image".formatted(dims[Math.max(longAxis, 0)],
                    a.units().isBlank() ? "" : String.format(Locale.ROOT, " (%.4g %s per channel)", a.scale(), a.units())));
        }
        if (dims.length > 3) {
            throw new ImageFormatException(source, "holds %d-D data (%s, e.g. 4D-STEM diffraction patterns), not an image or a stack"
                    .formatted(dims.length, shape));
        }
        if (spectral) {
            throw new ImageFormatException(source, "holds %s (%s%s), not an image".formatted(
                    dims.length == 2 ? "a line of spectra" : "a spectrum image", shape,
                    energy ? ", an axis in " + axes.stream().filter(Axis::isEnergy).findFirst().orElseThrow().units()
                            : ", DigitalMicrograph format '" + declared + "'"));
        }
        if (data.get("DataType") instanceof Value v && v.value() instanceof Long t) {
            if (t == DM_COMPLEX64 || t == DM_COMPLEX128 || t == DM_PACKED_COMPLEX) {
                throw new ImageFormatException(source, "holds a complex image (%s, e.g. an FFT), not an intensity image".formatted(shape));
            }
            if (t == DM_RGB || t == DM_RGBA) {
                throw new ImageFormatException(source, "holds an RGB image (%s); save it as grayscale".formatted(shape));
            }
        }
    }

    private static SampleType sampleType(Array array, Group data, String source) throws ImageFormatException {
        SampleType type = switch (array.type()) {
            case 2 -> SampleType.INT16;
            case 3 -> SampleType.INT32;
            case 4 -> SampleType.UINT16;
            case 5 -> SampleType.UINT32;
            case 6 -> SampleType.FLOAT32;
            case 7 -> SampleType.FLOAT64;
            case 8 -> SampleType.BOOL;
            case 9 -> SampleType.INT8;
            case 10 -> SampleType.UINT8;
            case 11 -> SampleType.INT64;
            case 12 -> SampleType.UINT64;
            default -> null;
        };
        if (type == null || type.bytes() != array.elementBytes()) {
            throw new ImageFormatException(source, "DigitalMicrograph image data of element type %d (DataType %s) is not read"
                    .formatted(array.type(), data.get("DataType") instanceof Value v ? v.value() : "?"));
        }
        return type;
    }

    private static void checkSize(long[] dims, String source) throws ImageTooLargeException {
        if (dims[0] * dims[1] > NpyCodec.MAX_PIXELS) {
            throw new ImageTooLargeException(source, "image too large: %s (at most %d pixels per frame)"
                    .formatted(shapeText(dims), NpyCodec.MAX_PIXELS));
        }
    }

    /** Frames first, then rows, then columns, as numpy would print the array's shape. */
    static String shapeText(long[] dims) {
        StringBuilder sb = new StringBuilder();
        for (int i = dims.length - 1; i >= 0; i--) {
            sb.append(dims[i]).append(i > 0 ? " x " : "");
        }
        return sb.toString();
    }

    /** A DM string: an array of UTF-16 code units (type 4) or of bytes; "" for anything else. */
    static String text(Node node, byte[] bytes, ByteOrder order) {
        if (!(node instanceof Array a) || a.count() > 4096) {
            return "";
        }
        if (a.type() == 4) {
            ByteBuffer b = ByteBuffer.wrap(bytes, a.offset(), (int) a.count() * 2).order(order);
            char[] chars = new char[(int) a.count()];
            for (int i = 0; i < chars.length; i++) {
                chars[i] = (char) b.getShort();
            }
            return new String(chars).replace("\0", "").strip();
        }
        if (a.type() == 9 || a.type() == 10) {
            return new String(bytes, a.offset(), (int) a.count(), StandardCharsets.ISO_8859_1).replace("\0", "").strip();
        }
        return "";
    }

    /** Tag paths to values, for the metadata readers. */
    static Map<String, Object> flatten(Group g, byte[] bytes, ByteOrder order) {
        Map<String, Object> out = new LinkedHashMap<>();
        flatten(g, "", bytes, order, out, 0);
        return out;
    }

    private static void flatten(Group g, String prefix, byte[] bytes, ByteOrder order, Map<String, Object> out, int depth) {
        if (depth > 16) {
            return;
        }
        int i = 0;
        for (DmTags.Entry e : g.entries()) {
            String name = prefix + (e.name().isEmpty() ? "[" + i + "]" : e.name());
            i++;
            if (e.node() instanceof Group child) {
                flatten(child, name + "/", bytes, order, out, depth + 1);
            } else if (e.node() instanceof Value v) {
                out.put(name, v.value());
            } else {
                String s = text(e.node(), bytes, order);
                if (!s.isEmpty()) {
                    out.put(name, s);
                }
            }
        }
    }
}
