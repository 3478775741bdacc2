package org.stemloop.image;

import io.jhdf.api.Dataset;
import io.jhdf.object.datatype.DataType;
import io.jhdf.object.datatype.FixedPoint;
import io.jhdf.object.datatype.FloatingPoint;
import java.lang.reflect.Array;

/**
 * jhdf's numeric arrays (nested or flat, unsigned types widened to the next Java type) to frame values,
 * scaled like {@code img_as_float} per the stored HDF5 type.
 */
final class HdfSamples {

    private HdfSamples() {
    }

    /** The stored element type of {@code dataset}, or an error naming it when it is not a plain number. */
    static SampleType typeOf(Dataset dataset, String source) throws ImageFormatException {
        DataType t = dataset.getDataType();
        SampleType type = null;
        if (t instanceof FixedPoint fp) {
            type = SampleType.of(fp.isSigned() ? 'i' : 'u', fp.getSize());
        } else if (t instanceof FloatingPoint) {
            type = SampleType.of('f', t.getSize());
        }
        if (type == null || type == SampleType.UINT64) {
            throw new ImageFormatException(source, "dataset %s has unsupported type %s (%d bytes)"
                    .formatted(dataset.getPath(), t.getClass().getSimpleName(), t.getSize()));
        }
        return type;
    }

    /** Flattens {@code data} (row-major, any nesting) into {@code count} scaled values. */
    static double[] toDoubles(Object data, SampleType type, int count) {
        double[] out = new double[count];
        int n = fill(data, type, out, 0);
        if (n != count) {
            throw new IllegalStateException("expected %d samples, jhdf gave %d".formatted(count, n));
        }
        return out;
    }

    private static int fill(Object data, SampleType type, double[] out, int at) {
        if (data instanceof Object[] nested) {
            for (Object o : nested) {
                at = fill(o, type, out, at);
            }
            return at;
        }
        if (data instanceof float[] f) {
            for (float v : f) {
                out[at++] = v;
            }
        } else if (data instanceof double[] d) {
            for (double v : d) {
                out[at++] = v;
            }
        } else if (data instanceof int[] ints) {
            for (int v : ints) {
                out[at++] = type.scaled(v);
            }
        } else if (data instanceof long[] longs) {
            for (long v : longs) {
                out[at++] = type.scaled(v);
            }
        } else {
            // byte[] and short[]: jhdf returns these only for signed int8/int16.
            int n = Array.getLength(data);
            for (int i = 0; i < n; i++) {
                out[at++] = type.scaled(((Number) Array.get(data, i)).longValue());
            }
        }
        return at;
    }
}
