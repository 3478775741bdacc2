package org.stemloop.detect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.stemloop.image.Frame;
import org.stemloop.image.ImageReaders;

/**
 * The LoG fixtures made by {@code src/test/python/make_log_fixtures.py}: frames and the blobs
 * scikit-image 0.19.3 finds in them.
 */
final class SkimageFixtures {

    static final Path DIR = Path.of("src/test/resources/detect/log");
    private static final ObjectMapper JSON = new ObjectMapper();

    record Case(String name, Frame frame, LogParams params, List<Blob> expected, int peaks, boolean orderSensitive) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<String> names() {
        try {
            List<String> names = new ArrayList<>();
            JSON.readTree(DIR.resolve("index.json").toFile()).get("cases").forEach(n -> names.add(n.asText()));
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Case load(String name) {
        try {
            Frame frame = ImageReaders.read(DIR.resolve(name + ".npy"));
            JsonNode doc = JSON.readTree(DIR.resolve(name + ".json").toFile());
            JsonNode p = doc.get("params");
            LogParams params = new LogParams(p.get("min_sigma").asDouble(), p.get("max_sigma").asDouble(),
                    p.get("num_sigma").asInt(), orNaN(p.get("threshold")), orNaN(p.get("threshold_rel")),
                    p.get("overlap").asDouble(), p.get("log_scale").asBoolean(), p.get("exclude_border").asInt());
            List<Blob> expected = new ArrayList<>();
            doc.get("blobs").forEach(b -> expected.add(new Blob(b.get(0).asDouble(), b.get(1).asDouble(), b.get(2).asDouble())));
            return new Case(name, frame, params, expected, doc.get("peaks").asInt(), doc.get("order_sensitive").asBoolean());
        } catch (Exception e) {
            throw new IllegalStateException("cannot load fixture " + name + ": " + e.getMessage(), e);
        }
    }

    private static double orNaN(JsonNode n) {
        return n == null || n.isNull() ? Double.NaN : n.asDouble();
    }
}
