package org.stemloop.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code truth.json} file of a simulated frame (DESIGN.md §3):
 * {@code {"material", "pixel_size_angstrom", "noise", "seed", "height", "width", "spec": {...},
 * "atoms": [[row, col, label], ...]}}, positions in pixels (pixel centres at integers, row down).
 * The {@code spec} object holds every setting in snake case, units in the names.
 */
public final class TruthJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private TruthJson() {
    }

    /** The truth of {@code simulated} as a JSON tree. */
    public static ObjectNode toJson(SimulatedFrame simulated) {
        SimulationSpec spec = simulated.spec();
        ObjectNode root = MAPPER.createObjectNode();
        root.put("material", spec.material().id());
        root.put("pixel_size_angstrom", spec.pixelSizeAngstrom());
        root.put("noise", spec.noise().level());
        root.put("seed", spec.seed());
        root.put("height", spec.height());
        root.put("width", spec.width());
        ObjectNode s = root.putObject("spec");
        s.put("rotation_degrees", spec.rotationDegrees());
        s.put("probe_fwhm_angstrom", spec.probeFwhmAngstrom());
        s.put("probe_sigma_pixels", spec.probeSigmaPixels());
        s.put("shot_noise_dose", spec.noise().shotDose());
        s.put("scan_jitter_pixels", spec.noise().scanJitterPixels());
        s.put("dopant_fraction", spec.defects().dopantFraction());
        s.put("vacancy_fraction", spec.defects().vacancyFraction());
        s.put("holes", spec.defects().holes());
        s.put("hole_radius_angstrom", spec.defects().holeRadiusAngstrom());
        s.put("amorphous_fraction", spec.defects().amorphousFraction());
        ArrayNode atoms = root.putArray("atoms");
        for (TrueAtom a : simulated.atoms()) {
            atoms.addArray().add(a.row()).add(a.col()).add(a.label());
        }
        return root;
    }

    /** Writes the truth of {@code simulated} to {@code file}, replacing it. */
    public static void write(SimulatedFrame simulated, Path file) throws IOException {
        MAPPER.writeValue(file.toFile(), toJson(simulated));
    }

    /** The atoms of a {@code truth.json} file; fails with the file's name when it is malformed. */
    public static List<TrueAtom> readAtoms(Path file) throws IOException {
        JsonNode atoms = MAPPER.readTree(Files.readAllBytes(file)).path("atoms");
        if (!atoms.isArray()) {
            throw new IOException(file + ": no \"atoms\" array");
        }
        List<TrueAtom> out = new ArrayList<>(atoms.size());
        for (JsonNode a : atoms) {
            if (!a.isArray() || a.size() < 2 || !a.get(0).isNumber() || !a.get(1).isNumber()) {
                throw new IOException(file + ": atom " + out.size() + " is not [row, col, label]: " + a);
            }
            String label = a.size() > 2 && a.get(2).isTextual() ? a.get(2).asText() : "atom";
            out.add(new TrueAtom(a.get(0).asDouble(), a.get(1).asDouble(), label));
        }
        return List.copyOf(out);
    }
}
