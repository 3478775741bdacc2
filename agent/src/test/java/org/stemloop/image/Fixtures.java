package org.stemloop.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The tiny images made by {@code src/test/resources/image/make_fixtures.py} and their expected values. */
final class Fixtures {

    static final Path DIR;
    private static final JsonNode EXPECTED;

    static {
        try {
            DIR = Path.of(Fixtures.class.getResource("/image/expected.json").toURI()).getParent();
            EXPECTED = new ObjectMapper().readTree(DIR.resolve("expected.json").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private Fixtures() {
    }

    /** Fixture file names starting with {@code prefix}. */
    static List<String> names(String prefix) {
        List<String> out = new ArrayList<>();
        EXPECTED.fieldNames().forEachRemaining(n -> {
            if (n.startsWith(prefix)) {
                out.add(n);
            }
        });
        return out;
    }

    static Path path(String name) {
        return DIR.resolve(name);
    }

    static int[] shape(String name) {
        JsonNode s = EXPECTED.get(name).get("shape");
        return new int[] {s.get(0).asInt(), s.get(1).asInt()};
    }

    static Precision precision(String name) {
        return Precision.valueOf(EXPECTED.get(name).get("precision").asText());
    }

    /** The values numpy/scikit-image give, row-major. */
    static double[] values(String name) {
        JsonNode v = EXPECTED.get(name).get("values");
        double[] out = new double[v.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = v.get(i).asDouble();
        }
        return out;
    }

    static double pixelSize(String name) {
        return EXPECTED.get(name).get("pixel_size_angstrom").asDouble();
    }
}
