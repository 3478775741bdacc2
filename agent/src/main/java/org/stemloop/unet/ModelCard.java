package org.stemloop.unet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * What a U-Net needs to be used correctly, read from the JSON card next to its ONNX file
 * ({@code unet-graphene.onnx} -> {@code unet-graphene.json}; for a user's {@code my.onnx},
 * {@code my.json} beside it):
 *
 * {@snippet lang=json :
 * {"material": "graphene", "pixel_size_angstrom": 0.14, "nearest_neighbour_angstrom": 1.42,
 *  "input_normalisation": "min-max", "training_data": "simulated graphene frames ...",
 *  "members": ["unet-graphene-1.onnx", "unet-graphene-2.onnx", "unet-graphene-3.onnx"]}
 * }
 *
 * @param material                 what the model was trained on, for reports
 * @param pixelSizeAngstrom        the pixel size of its training frames (their centre, when a range
 *                                 was drawn), Å; frames are resampled to it before inference
 * @param nearestNeighbourAngstrom the material's nearest-neighbour distance, Å: with a lattice
 *                                 measured from the frame's FFT it gives the frame's pixel size
 *                                 when nobody stated it
 * @param normalisation            how the training frames were scaled to [0, 1]
 * @param trainingData             one line on the data, for reports
 * @param members                  for a shipped ensemble, its ONNX files (beside the card); empty
 *                                 for a single model
 */
public record ModelCard(String material, double pixelSizeAngstrom, double nearestNeighbourAngstrom,
        UnetInput.Normalisation normalisation, String trainingData, List<String> members) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public ModelCard {
        Objects.requireNonNull(material, "material");
        Objects.requireNonNull(normalisation, "normalisation");
        Objects.requireNonNull(trainingData, "trainingData");
        members = List.copyOf(members);
        if (!(pixelSizeAngstrom > 0 && pixelSizeAngstrom < 10)) {
            throw new IllegalArgumentException("Model card: pixel_size_angstrom must be in (0, 10) Å: " + pixelSizeAngstrom);
        }
        if (!(nearestNeighbourAngstrom > 0 && nearestNeighbourAngstrom < 100)) {
            throw new IllegalArgumentException("Model card: nearest_neighbour_angstrom must be in (0, 100) Å: "
                    + nearestNeighbourAngstrom);
        }
    }

    /** The model's nearest-neighbour distance in its own training pixels. */
    public double nearestNeighbourPx() {
        return nearestNeighbourAngstrom / pixelSizeAngstrom;
    }

    /** The card of a shipped model, or of an ONNX file ({@code NAME.json} beside it); empty when it has none. */
    public static Optional<ModelCard> find(String modelOrFile) {
        if (ShippedModels.isShipped(modelOrFile)) {
            return Optional.of(ShippedModels.card(modelOrFile));
        }
        Path onnx = Path.of(modelOrFile);
        String name = onnx.getFileName().toString();
        String base = name.toLowerCase(Locale.ROOT).endsWith(".onnx") ? name.substring(0, name.length() - 5) : name;
        Path card = onnx.resolveSibling(base + ".json");
        if (!Files.isRegularFile(card)) {
            return Optional.empty();
        }
        try (InputStream in = Files.newInputStream(card)) {
            return Optional.of(parse(in, card.toString()));
        } catch (IOException e) {
            throw new UnetModelException("Model card " + card + ": cannot read (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Reads a card; {@code where} names it in errors.
     *
     * @throws UnetModelException naming the missing or bad field
     */
    public static ModelCard parse(InputStream in, String where) throws IOException {
        JsonNode root;
        try {
            root = JSON.readTree(in);
        } catch (IOException e) {
            throw new UnetModelException("Model card " + where + ": not JSON (" + e.getMessage().lines().findFirst().orElse("") + ")", e);
        }
        try {
            return new ModelCard(text(root, "material", where), number(root, "pixel_size_angstrom", where),
                    number(root, "nearest_neighbour_angstrom", where),
                    UnetInput.Normalisation.parse(root.path("input_normalisation").asText("min-max")),
                    root.path("training_data").asText(""), members(root));
        } catch (IllegalArgumentException e) {
            throw new UnetModelException("Model card " + where + ": " + e.getMessage(), e);
        }
    }

    private static List<String> members(JsonNode root) {
        List<String> files = new ArrayList<>();
        for (JsonNode m : root.path("members")) {
            files.add(m.asText());
        }
        return files;
    }

    private static String text(JsonNode root, String field, String where) {
        JsonNode n = root.get(field);
        if (n == null || !n.isTextual()) {
            throw new UnetModelException("Model card " + where + ": needs a text field \"" + field + "\"");
        }
        return n.asText();
    }

    private static double number(JsonNode root, String field, String where) {
        JsonNode n = root.get(field);
        if (n == null || !n.isNumber()) {
            throw new UnetModelException("Model card " + where + ": needs a number field \"" + field + "\"");
        }
        return n.asDouble();
    }
}
