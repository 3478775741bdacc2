package org.stemloop.unet;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The U-Nets that travel in the jar, one per simulated material, under {@code /models/}; each
 * has a model card beside it ({@code unet-<name>.md}) saying how it was trained and how well it
 * scores, and its machine-readable part ({@code unet-<name>.json}, {@link ModelCard}): training
 * pixel size, normalisation, data. Regenerate them with the trainer (docs/unet.md).
 */
public final class ShippedModels {

    /** The names {@code --model} accepts besides a file. */
    public static final List<String> NAMES = List.of("graphene", "srtio3");

    private ShippedModels() {
    }

    /** Whether {@code name} is a shipped model's name. */
    public static boolean isShipped(String name) {
        return NAMES.contains(name);
    }

    /**
     * The ONNX files of a shipped model under {@code /models/}: the members its card lists (an
     * ensemble), or {@code unet-NAME.onnx}.
     */
    public static List<String> members(String name) {
        List<String> listed = card(name).members();
        return listed.isEmpty() ? List.of("unet-" + name + ".onnx") : listed;
    }

    /** The ONNX bytes of a shipped model's members, in the card's order. */
    public static List<byte[]> memberBytes(String name) {
        return members(name).stream().map(file -> resourceBytes(name, "/models/" + file)).toList();
    }

    private static byte[] resourceBytes(String name, String resource) {
        try (InputStream in = ShippedModels.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new UnetModelException("Shipped model " + name + " is missing from this build (" + resource + ")");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("Reading shipped model " + name + ": " + e.getMessage(), e);
        }
    }

    /** The model card of a shipped model ({@code /models/unet-NAME.json}). */
    public static ModelCard card(String name) {
        if (!isShipped(name)) {
            throw new UnetModelException("No shipped model named " + name + " (choose " + String.join(" or ", NAMES) + ")");
        }
        String resource = "/models/unet-" + name + ".json";
        try (InputStream in = ShippedModels.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new UnetModelException("Shipped model " + name + " has no card in this build (" + resource + ")");
            }
            return ModelCard.parse(in, resource);
        } catch (IOException e) {
            throw new UncheckedIOException("Reading the card of shipped model " + name + ": " + e.getMessage(), e);
        }
    }
}
