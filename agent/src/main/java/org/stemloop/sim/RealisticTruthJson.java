package org.stemloop.sim;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The {@code truth.json} of a realistic frame: the shape of {@link TruthJson} (material,
 * {@code pixel_size_angstrom} = the <em>true</em> pixel size, noise, seed, height, width,
 * atoms [[row, col, label], ...]) plus {@code told_pixel_size_angstrom} (what the frame says),
 * {@code preset}, {@code realistic} (every setting, snake case, units in the names, and the
 * rotation used) and {@code regions} (holes and contamination, pixels), so
 * {@link TruthJson#readAtoms} reads it unchanged.
 */
public final class RealisticTruthJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private RealisticTruthJson() {
    }

    /** The truth of {@code f} as a JSON tree; {@code preset} may be null. */
    public static ObjectNode toJson(RealisticFrame f, Preset preset) {
        RealisticSpec spec = f.spec();
        ObjectNode root = MAPPER.createObjectNode();
        root.put("material", spec.material().id());
        root.put("pixel_size_angstrom", spec.pixelSizeAngstrom());
        root.put("told_pixel_size_angstrom", spec.toldPixelSizeAngstrom());
        // The paper's additive Gaussian level: none; the noise of a realistic frame is its dose.
        root.put("noise", 0.0);
        root.put("seed", f.seed());
        root.put("height", spec.height());
        root.put("width", spec.width());
        if (preset != null) {
            root.put("preset", preset.id());
        }
        ObjectNode s = root.putObject("realistic");
        s.put("contrast", spec.contrast().name().toLowerCase(java.util.Locale.ROOT));
        s.put("rotation_degrees", f.rotationDegrees());
        s.put("rotation_random", spec.randomRotation());
        s.put("calibration_error", spec.calibrationError());
        s.put("dose_electrons_per_pixel", spec.doseElectronsPerPixel());
        s.put("probe_fwhm_angstrom", spec.probe().fwhmAngstrom());
        s.put("probe_tail_fraction", spec.probe().tailFraction());
        s.put("probe_tail_width_ratio", spec.probe().tailWidthRatio());
        Specimen sp = spec.specimen();
        s.put("dopant_fraction", sp.dopantFraction());
        s.put("thickness_variation", sp.thicknessVariation());
        s.put("thickness_length_angstrom", sp.thicknessLengthAngstrom());
        s.put("holes", sp.holes());
        s.put("hole_radius_angstrom", sp.holeRadiusAngstrom());
        s.put("contaminations", sp.contaminations());
        s.put("contamination_radius_angstrom", sp.contaminationRadiusAngstrom());
        s.put("contamination_brightness", sp.contaminationBrightness());
        Background b = spec.background();
        s.put("background_level", b.level());
        s.put("background_slow_variation", b.slowVariation());
        s.put("background_slow_length_angstrom", b.slowLengthAngstrom());
        s.put("texture_amplitude", b.textureAmplitude());
        s.put("texture_length_angstrom", b.textureLengthAngstrom());
        ScanDistortion sc = spec.scan();
        s.put("scan_jitter_pixels", sc.jitterPixels());
        s.put("scan_ripple_pixels", sc.rippleAmplitudePixels());
        s.put("scan_ripple_period_rows", sc.ripplePeriodRows());
        s.put("drift_shear_pixels_per_row", sc.shearPixelsPerRow());
        s.put("drift_row_stretch", sc.rowStretch());
        root.put("crystal_fraction", f.crystalFraction());
        ArrayNode regions = root.putArray("regions");
        for (Region r : f.regions()) {
            ObjectNode o = regions.addObject();
            o.put("kind", r.kind().id());
            o.put("row", r.row());
            o.put("col", r.col());
            o.put("radius_pixels", r.radius());
            ArrayNode harmonics = o.putArray("harmonics");
            ArrayNode phases = o.putArray("phases");
            for (int k = 0; k < 3; k++) {
                harmonics.add(r.harmonics()[k]);
                phases.add(r.phases()[k]);
            }
        }
        ArrayNode atoms = root.putArray("atoms");
        for (TrueAtom a : f.atoms()) {
            atoms.addArray().add(a.row()).add(a.col()).add(a.label());
        }
        return root;
    }

    /** Writes the truth of {@code f} to {@code file}, replacing it. */
    public static void write(RealisticFrame f, Preset preset, Path file) throws IOException {
        MAPPER.writeValue(file.toFile(), toJson(f, preset));
    }
}
