package org.stemloop.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.stemloop.testsupport.RealData;

/**
 * The DM3/DM4/SER/MRC readers against HyperSpy 1.7 on the real files of the workplace: shape,
 * dtype, per-axis pixel size in Å, the mean of the stored values and sampled pixels, from the
 * committed fixture {@code image/hyperspy_real.json} ({@code src/test/python/hyperspy_fixtures.py}).
 * Files HyperSpy reads as something other than images (the EELS spectrum) must be refused.
 *
 * <p>One known difference is asserted as such: HyperSpy 1.7's MRC reader multiplies the header's
 * cell size per sample (Å, by the MRC standard) by 10 and labels it nm, so its scale is 100 times ours.
 */
class HyperSpySideBySideTest {

    private static final JsonNode FIXTURE = load();

    private static JsonNode load() {
        try (InputStream in = HyperSpySideBySideTest.class.getResourceAsStream("/image/hyperspy_real.json")) {
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read image/hyperspy_real.json", e);
        }
    }

    @Test
    void theFixtureCoversEveryDmSerAndMrcFileOfTheRealFolder() throws IOException {
        List<String> names = new ArrayList<>();
        FIXTURE.fieldNames().forEachRemaining(names::add);
        try (Stream<Path> s = Files.list(RealData.folder())) {
            assertThat(s.map(p -> p.getFileName().toString()).filter(n -> n.matches(".*\\.(dm3|dm4|ser|mrc)$")))
                    .containsExactlyInAnyOrderElementsOf(names);
        }
    }

    @TestFactory
    Stream<DynamicTest> eachFileReadsAsHyperSpyReadsIt() {
        List<DynamicTest> tests = new ArrayList<>();
        FIXTURE.fields().forEachRemaining(e -> tests.add(DynamicTest.dynamicTest(e.getKey(),
                () -> compare(RealData.file(e.getKey()), e.getValue()))));
        return tests.stream();
    }

    private static void compare(Path file, JsonNode hs) throws ImageFormatException {
        if (!hs.path("signal").asText().equals("Signal2D")) {
            assertThatThrownBy(() -> ImageReaders.open(file)).isInstanceOf(ImageFormatException.class)
                    .message().contains("spectrum").doesNotContain("\n");
            return;
        }
        ImageFile image = ImageReaders.open(file);
        int[] shape = new int[hs.path("shape").size()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = hs.path("shape").get(i).asInt();
        }
        assertThat(image.shape()).as("shape").containsExactly(shape);
        assertThat(image.dtype()).as("dtype").isEqualTo(hs.path("dtype").asText());
        JsonNode axes = hs.path("axes");
        double mrcFactor = file.toString().endsWith(".mrc") ? 100 : 1;
        assertThat(image.pixelSize().row() * mrcFactor).as("row pixel size")
                .isCloseTo(axes.get(axes.size() - 2).path("angstrom").asDouble(), within(1e-9));
        assertThat(image.pixelSize().column() * mrcFactor).as("column pixel size")
                .isCloseTo(axes.get(axes.size() - 1).path("angstrom").asDouble(), within(1e-9));
        double mean = hs.path("mean").asDouble();
        assertThat(image.meanStored()).as("mean").isCloseTo(mean, within(1e-9 * Math.max(1, Math.abs(mean))));
        SampleType type = SampleType.ofName(image.dtype());
        for (JsonNode s : hs.path("samples")) {
            double stored = s.get(3).asDouble();
            double expected = type.kind() == 'f' ? stored : type.scaled((long) stored);
            assertThat(image.frame(s.get(0).asInt()).get(s.get(1).asInt(), s.get(2).asInt()))
                    .as("pixel %s", s).isEqualTo(expected);
        }
    }

    @Test
    void aTruncatedCopyOfEachIsRefusedInOneLine(@TempDir Path dir) throws IOException {
        List<String> names = new ArrayList<>();
        FIXTURE.fieldNames().forEachRemaining(names::add);
        for (String name : names) {
            byte[] whole = Files.readAllBytes(RealData.file(name));
            Path cut = Files.write(dir.resolve(name), Arrays.copyOf(whole, whole.length / 2));

            assertThatThrownBy(() -> ImageReaders.open(cut)).as(name).isInstanceOf(ImageFormatException.class)
                    .message().startsWith(cut + ": truncated").doesNotContain("\n");
        }
    }
}
