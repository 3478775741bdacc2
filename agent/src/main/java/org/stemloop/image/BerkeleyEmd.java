package org.stemloop.image;

import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import java.util.Arrays;
import java.util.TreeMap;

/**
 * Berkeley EMD v0.2 (HDF5, https://emdatasets.com/format/): data groups under {@code data/} carry the
 * attribute {@code emd_group_type = 1} and hold a dataset {@code data} with one coordinate vector per
 * axis, {@code dim1}, {@code dim2}, ... each with {@code name} and {@code units} attributes. We read the
 * first such group (sorted by name): a 2-D {@code data} as is, a 3-D one as its first image
 * ({@code data[0]}, the convention of openNCEM for series; (height, width, 1) is also accepted). The
 * pixel size is the mean step of the column axis's coordinate vector (its rows' when the columns have
 * no length unit).
 */
final class BerkeleyEmd {

    static final String DATA = "data";

    private BerkeleyEmd() {
    }

    /** The first group under {@code data/} with {@code emd_group_type == 1}, or null. */
    static Group findDataGroup(Group data) {
        for (Node node : new TreeMap<>(data.getChildren()).values()) {
            if (node instanceof Group g && g.getAttributes().get("emd_group_type") != null
                    && g.getAttributes().get("emd_group_type").getData() instanceof Number n && n.intValue() == 1) {
                return g;
            }
        }
        return null;
    }

    static LoadedImage read(Group group, String source) throws ImageFormatException {
        if (!(group.getChild("data") instanceof Dataset data)) {
            throw new ImageFormatException(source, "Berkeley EMD group %s has no 'data' dataset".formatted(group.getPath()));
        }
        int[] dims = data.getDimensions();
        int rowAxis;
        Object raw;
        if (dims.length == 2) {
            rowAxis = 0;
            raw = data.getDataFlat();
        } else if (dims.length == 3 && dims[2] == 1) {
            rowAxis = 0;
            raw = data.getDataFlat();
        } else if (dims.length == 3) {
            rowAxis = 1;
            raw = dims[0] == 1 ? data.getDataFlat() : data.getData(new long[] {0, 0, 0}, new int[] {1, dims[1], dims[2]});
        } else {
            throw new ImageFormatException(source, "Berkeley EMD data %s of shape %s is not an image"
                    .formatted(data.getPath(), Arrays.toString(dims)));
        }
        int height = dims[rowAxis];
        int width = dims[rowAxis + 1];
        if (height == 0 || width == 0 || (dims.length == 3 && dims[0] == 0)) {
            throw new ImageFormatException(source, "empty Berkeley EMD image: shape " + Arrays.toString(dims));
        }
        SampleType type = HdfSamples.typeOf(data, source);
        double[] pixels = HdfSamples.toDoubles(raw, type, height * width);
        double size = step(group, "dim" + (rowAxis + 2));
        if (Double.isNaN(size)) {
            size = step(group, "dim" + (rowAxis + 1));
        }
        Frame frame = Frame.of(height, width, pixels, type.precision()).withPixelSize(size);
        return new LoadedImage(frame, "Berkeley EMD", type.numpyName());
    }

    /** The mean coordinate step of vector {@code name} in Å, or NaN without a length unit. */
    private static double step(Group group, String name) {
        if (!(group.getChild(name) instanceof Dataset dim) || dim.getDimensions().length != 1
                || dim.getDimensions()[0] < 2 || dim.getAttributes().get("units") == null) {
            return Double.NaN;
        }
        Object values = dim.getDataFlat();
        int n = dim.getDimensions()[0];
        double first;
        double last;
        if (values instanceof float[] f) {
            first = f[0];
            last = f[n - 1];
        } else if (values instanceof double[] d) {
            first = d[0];
            last = d[n - 1];
        } else {
            return Double.NaN;
        }
        return LengthUnits.toAngstrom((last - first) / (n - 1), String.valueOf(dim.getAttributes().get("units").getData()));
    }
}
