package org.stemloop.unet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelCardTest {

    private static ModelCard parse(String json) throws IOException {
        return ModelCard.parse(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "test.json");
    }

    @Test
    void everyShippedModelHasACardWithItsTrainingPixelSize() {
        assertThat(ShippedModels.card("graphene").pixelSizeAngstrom()).isEqualTo(0.14);
        assertThat(ShippedModels.card("graphene").nearestNeighbourAngstrom()).isEqualTo(1.42);
        assertThat(ShippedModels.card("srtio3").pixelSizeAngstrom()).isEqualTo(0.25);
        for (String name : ShippedModels.NAMES) {
            assertThat(ShippedModels.card(name).trainingData()).as(name).isNotBlank();
        }
    }

    @Test
    void readsTheFieldsAndTheNormalisation() throws IOException {
        ModelCard c = parse("""
                {"material": "gold", "pixel_size_angstrom": 0.1, "nearest_neighbour_angstrom": 2.88,
                 "input_normalisation": "percentile 1 99", "training_data": "x"}""");
        assertThat(c.nearestNeighbourPx()).isEqualTo(28.8, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(c.normalisation()).isEqualTo(new UnetInput.Normalisation(1, 99));
    }

    @Test
    void aUserModelFindsTheCardBesideItAndNoneWhenAbsent(@TempDir Path dir) throws IOException {
        Path onnx = dir.resolve("mine.onnx");
        assertThat(ModelCard.find(onnx.toString())).isEmpty();
        Files.writeString(dir.resolve("mine.json"), """
                {"material": "graphene", "pixel_size_angstrom": 0.2, "nearest_neighbour_angstrom": 1.42}""");
        assertThat(ModelCard.find(onnx.toString())).get().extracting(ModelCard::pixelSizeAngstrom).isEqualTo(0.2);
    }

    @Test
    void namesTheMissingOrBadField() {
        assertThatThrownBy(() -> parse("{\"material\": \"graphene\", \"nearest_neighbour_angstrom\": 1.42}"))
                .isInstanceOf(UnetModelException.class).hasMessageContaining("pixel_size_angstrom");
        assertThatThrownBy(() -> parse("{\"material\": \"g\", \"pixel_size_angstrom\": -1, \"nearest_neighbour_angstrom\": 1}"))
                .isInstanceOf(UnetModelException.class).hasMessageContaining("pixel_size_angstrom must be in");
        assertThatThrownBy(() -> parse("not json")).isInstanceOf(UnetModelException.class).hasMessageContaining("not JSON");
    }
}
