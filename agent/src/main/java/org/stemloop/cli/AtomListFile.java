package org.stemloop.cli;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.stemloop.eval.Point;

/**
 * Reads atom positions from the JSON files the project and its neighbours write, so either side
 * of {@code evaluate} can be any of them:
 * <ul>
 *   <li>{@code simulate}'s truth.json, {@code analyze}'s and {@code unet}'s detections.json, and
 *       AtomNet's {@code *.atomnet.json}: an object with {@code "atoms": [[row, col, ...], ...]};</li>
 *   <li>{@code blobs} output: an object with {@code "blobs": [[row, col, sigma], ...]};</li>
 *   <li>a bare array {@code [[row, col, ...], ...]}.</li>
 * </ul>
 * Entries after row and col (sigma, class label, as number or string) are ignored. Any problem
 * becomes a {@link Cli.InputException} naming the file.
 */
public final class AtomListFile {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private AtomListFile() {
    }

    /**
     * @param file the JSON file
     * @param role what the file is for, as the user named it ("truth", "detections")
     * @return the positions in file order, pixels (row, col)
     */
    public static List<Point> read(Path file, String role) {
        String where = role + " file " + file;
        if (!Files.exists(file)) {
            throw new Cli.InputException(where + ": not found");
        }
        if (!Files.isRegularFile(file)) {
            throw new Cli.InputException(where + ": not a regular file");
        }
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (JacksonException e) {
            String at = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr();
            throw new Cli.InputException(where + ": not valid JSON" + at + " (" + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            throw new Cli.InputException(where + ": cannot read (" + e.getMessage() + ")");
        }
        return positions(rows(root, where), where);
    }

    private static JsonNode rows(JsonNode root, String where) {
        if (root != null && root.isArray()) {
            return root;
        }
        if (root != null && root.isObject()) {
            JsonNode atoms = root.get("atoms");
            JsonNode blobs = root.get("blobs");
            if (atoms != null && blobs != null) {
                throw new Cli.InputException(where + ": has both \"atoms\" and \"blobs\"; keep one");
            }
            JsonNode list = atoms != null ? atoms : blobs;
            String key = atoms != null ? "atoms" : "blobs";
            if (list != null && list.isArray()) {
                return list;
            }
            if (list != null) {
                throw new Cli.InputException(where + ": \"" + key + "\" must be an array of [row, col, ...]");
            }
        }
        throw new Cli.InputException(where
                + ": expected an object with an \"atoms\" or \"blobs\" array, or an array of [row, col, ...]");
    }

    private static List<Point> positions(JsonNode rows, String where) {
        List<Point> out = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            JsonNode row = rows.get(i);
            if (!row.isArray() || row.size() < 2 || !row.get(0).isNumber() || !row.get(1).isNumber()) {
                throw new Cli.InputException(where + ": atom " + i + " must be [row, col, ...] with numeric row and col, got "
                        + abbreviated(row));
            }
            double r = row.get(0).asDouble();
            double c = row.get(1).asDouble();
            if (!Double.isFinite(r) || !Double.isFinite(c)) {
                throw new Cli.InputException(where + ": atom " + i + " has a non-finite position: " + abbreviated(row));
            }
            out.add(new Point(r, c));
        }
        return List.copyOf(out);
    }

    private static String abbreviated(JsonNode node) {
        String s = node.toString();
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }
}
