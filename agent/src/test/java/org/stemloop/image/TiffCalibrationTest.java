package org.stemloop.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Pixel sizes from TIFFs written by tifffile ({@code src/test/python/make_tiff_calibration_fixtures.py}):
 * ImageJ (unit nm, non-square; a stack in micron), OME-TIFF and FEI tag 34682, with what was written
 * in {@code image/tiff_calibration.json}.
 */
class TiffCalibrationTest {

    private static final JsonNode EXPECTED = load();

    private static JsonNode load() {
        try (InputStream in = TiffCalibrationTest.class.getResourceAsStream("/image/tiff_calibration.json")) {
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<String> names() {
        List<String> out = new ArrayList<>();
        EXPECTED.fieldNames().forEachRemaining(out::add);
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("names")
    void pixelSizeShapeAndHighlightsAreWhatTifffileWrote(String name) throws Exception {
        JsonNode want = EXPECTED.path(name);
        ImageFile file = ImageReaders.open(Fixtures.path(name));

        List<Integer> shape = new ArrayList<>();
        want.path("shape").forEach(n -> shape.add(n.asInt()));
        assertThat(file.shape()).containsExactly(shape.stream().mapToInt(Integer::intValue).toArray());
        assertThat(file.pixelSize().row()).isCloseTo(want.path("pixel_size_angstrom").get(0).asDouble(), within(1e-9));
        assertThat(file.pixelSize().column()).isCloseTo(want.path("pixel_size_angstrom").get(1).asDouble(), within(1e-9));
        want.path("metadata").fields().forEachRemaining(e -> assertThat(file.highlights()).containsEntry(e.getKey(), e.getValue().asText()));
    }

    @Test
    void theImageJStackIsThreeFramesInPageOrder() throws Exception {
        ImageFile file = ImageReaders.open(Fixtures.path("tiff_imagej_stack.tif"));

        assertThat(file.frames()).isEqualTo(3);
        assertThat(file.frame(2).get(0, 1)).isEqualTo(102 / 65535.0);
        assertThat(file.frame(0).get(0, 1)).isEqualTo(100 / 65535.0);
    }

    @Test
    void bareResolutionTagsAreNotTrustedAndFeiTextParsesSectionByName() {
        assertThat(TiffCalibration.parse("", 72, 72, "").pixelSize()).isEqualTo(PixelSize.UNKNOWN);
        TiffCalibration.Result fei = TiffCalibration.parse("", Double.NaN, Double.NaN,
                "[Scan]\nPixelWidth=2e-10\nPixelHeight=3e-10\n[Beam]\nHV=80000\n");
        assertThat(fei.pixelSize().row()).isCloseTo(3.0, within(1e-12));
        assertThat(fei.pixelSize().column()).isCloseTo(2.0, within(1e-12));
        assertThat(fei.highlights()).isEqualTo(Map.of("voltage", "80.00 kV"));
        TiffCalibration.Result omeDefaultUnit = TiffCalibration.parse(
                "<?xml?><OME><Image><Pixels PhysicalSizeX=\"0.0001\" PhysicalSizeY=\"0.0001\" SizeX=\"4\"/></Image></OME>",
                Double.NaN, Double.NaN, "");
        assertThat(omeDefaultUnit.pixelSize().row()).isCloseTo(1.0, within(1e-12)); // µm when no unit is given
    }
}
