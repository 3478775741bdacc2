package org.stemloop.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import java.io.IOException;
import java.lang.reflect.Array;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.TreeMap;

/**
 * ThermoFisher Velox {@code .emd} (HDF5): {@code Data/Image/<uuid>/Data} is (height, width, frames),
 * usually uint16; we read the first frame of the first image (uuids sorted by name). Its
 * {@code Metadata} dataset holds one zero-padded UTF-8 JSON document per frame as a uint8 column
 * (shape (bytes, frames)); the pixel size is {@code BinaryResult.PixelSize.width} in
 * {@code BinaryResult.PixelUnitX} (metres in every file we have seen).
 */
final class VeloxEmd {

    static final String IMAGES = "Data/Image";
    private static final ObjectMapper JSON = new ObjectMapper();

    private VeloxEmd() {
    }

    static LoadedImage read(Group images, String source) throws ImageFormatException {
        TreeMap<String, Node> byName = new TreeMap<>(images.getChildren());
        if (byName.isEmpty() || !(byName.firstEntry().getValue() instanceof Group image)) {
            throw new ImageFormatException(source, "Velox EMD without an image group under " + IMAGES);
        }
        if (!(image.getChild("Data") instanceof Dataset data)) {
            throw new ImageFormatException(source, "Velox EMD image %s has no Data dataset".formatted(image.getPath()));
        }
        int[] dims = data.getDimensions();
        if (dims.length != 2 && dims.length != 3) {
            throw new ImageFormatException(source, "Velox image data of shape %s is not (height, width, frames)"
                    .formatted(Arrays.toString(dims)));
        }
        if (dims[0] == 0 || dims[1] == 0 || (dims.length == 3 && dims[2] == 0)) {
            throw new ImageFormatException(source, "empty Velox image: shape " + Arrays.toString(dims));
        }
        SampleType type = HdfSamples.typeOf(data, source);
        Object raw = dims.length == 2 || dims[2] == 1 ? data.getDataFlat()
                : data.getData(new long[] {0, 0, 0}, new int[] {dims[0], dims[1], 1});
        double[] pixels = HdfSamples.toDoubles(raw, type, dims[0] * dims[1]);
        Frame frame = Frame.of(dims[0], dims[1], pixels, type.precision())
                .withPixelSize(pixelSize(image, source));
        return new LoadedImage(frame, "Velox EMD", type.numpyName());
    }

    /** Pixel size in Å from the first frame's metadata, NaN when absent or not a length. */
    private static double pixelSize(Group image, String source) throws ImageFormatException {
        if (!(image.getChild("Metadata") instanceof Dataset metadata)) {
            return Double.NaN;
        }
        JsonNode result = json(metadata, source).path("BinaryResult");
        JsonNode width = result.path("PixelSize").path("width");
        if (width.isMissingNode()) {
            return Double.NaN;
        }
        double value;
        try {
            value = Double.parseDouble(width.asText());
        } catch (NumberFormatException e) {
            throw new ImageFormatException(source, "Velox metadata has a non-numeric pixel size '%s'".formatted(width.asText()));
        }
        return LengthUnits.toAngstrom(value, result.path("PixelUnitX").asText("m"));
    }

    private static JsonNode json(Dataset metadata, String source) throws ImageFormatException {
        int[] dims = metadata.getDimensions();
        int columns = dims.length == 2 ? dims[1] : 1;
        Object flat = metadata.getDataFlat();
        if (!flat.getClass().isArray() || flat.getClass().getComponentType() == Object.class) {
            throw new ImageFormatException(source, "Velox metadata %s is not a byte column".formatted(metadata.getPath()));
        }
        byte[] text = new byte[dims[0]];
        int length = 0;
        // The document of frame 0 is column 0, zero-padded at the end.
        while (length < dims[0]) {
            int b = ((Number) Array.get(flat, length * columns)).intValue() & 0xFF;
            if (b == 0) {
                break;
            }
            text[length++] = (byte) b;
        }
        try {
            return JSON.readTree(new String(text, 0, length, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ImageFormatException(source, "Velox metadata is not valid JSON: " + e.getMessage().lines().findFirst().orElse(""), e);
        }
    }
}
