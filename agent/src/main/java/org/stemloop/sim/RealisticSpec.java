package org.stemloop.sim;

import java.util.Objects;
import org.stemloop.reward.Material;

/**
 * Everything that fixes a realistic simulated frame but the seed: {@link Simulator#realistic}
 * of the same spec and seed gives the same pixels and truth on every machine.
 *
 * <p>Start from a {@link Preset} and change what matters:
 * <pre>{@code
 * RealisticSpec spec = Preset.HAADF_SRTIO3.spec(512).withDose(50).withCalibrationError(0.04);
 * RealisticFrame f = Simulator.realistic(spec, 7);
 * }</pre>
 * Each field's range and where its default comes from: docs/simulator.md.
 *
 * @param material              the crystal
 * @param height                frame height in pixels, 16 to 8192
 * @param width                 frame width in pixels, 16 to 8192
 * @param pixelSizeAngstrom     the true pixel size in Å, 0.03 to 1 (what the atoms are drawn at)
 * @param rotationDegrees       lattice rotation, counter-clockwise on screen, about the frame
 *                              centre; {@link #RANDOM_ROTATION} (NaN) draws it uniformly in
 *                              [0, 360) from the seed
 * @param calibrationError      relative error of the pixel size handed on with the frame,
 *                              -0.2 to 0.2: the frame says {@code pixel (1 + error)} Å/px, as a
 *                              microscope whose magnification is calibrated a few percent off
 * @param probe                 the probe: Gaussian core and broad tail
 * @param contrast              HAADF (bright columns) or ABF (dark columns)
 * @param specimen              dopants, thickness variation, holes, contamination
 * @param background            film level, its slow variation, amorphous texture
 * @param scan                  row jitter, ripple, drift shear and stretch
 * @param doseElectronsPerPixel mean detected electrons per pixel; each pixel is a Poisson draw;
 *                              0 gives the noiseless expected image (in reference-column units)
 */
public record RealisticSpec(Material material, int height, int width, double pixelSizeAngstrom,
        double rotationDegrees, double calibrationError, Probe probe, Contrast contrast, Specimen specimen,
        Background background, ScanDistortion scan, double doseElectronsPerPixel) {

    /** The rotation value that asks for a random rotation drawn from the seed. */
    public static final double RANDOM_ROTATION = Double.NaN;
    /** The largest dose accepted, electrons per pixel. */
    public static final double MAX_DOSE = 1e9;

    public RealisticSpec {
        Objects.requireNonNull(material, "material");
        Objects.requireNonNull(probe, "probe");
        Objects.requireNonNull(contrast, "contrast");
        Objects.requireNonNull(specimen, "specimen");
        Objects.requireNonNull(background, "background");
        Objects.requireNonNull(scan, "scan");
        Checks.range("Height (px)", height, SimulationSpec.MIN_SIZE, SimulationSpec.MAX_SIZE);
        Checks.range("Width (px)", width, SimulationSpec.MIN_SIZE, SimulationSpec.MAX_SIZE);
        Checks.range("Pixel size (Å)", pixelSizeAngstrom, 0.03, 1);
        if (Double.isInfinite(rotationDegrees)) {
            throw new IllegalArgumentException("Rotation must be finite degrees, or NaN for random: " + rotationDegrees);
        }
        Checks.range("Calibration error", calibrationError, -0.2, 0.2);
        Checks.range("Dose (electrons per pixel)", doseElectronsPerPixel, 0, MAX_DOSE);
        if (material != Material.GRAPHENE && specimen.dopantFraction() > 0) {
            throw new IllegalArgumentException("Dopants are implemented for graphene only, not " + material.id());
        }
    }

    /** The pixel size the frame carries, the one an analysis is told: {@code pixel (1 + calibrationError)}. */
    public double toldPixelSizeAngstrom() {
        return pixelSizeAngstrom * (1 + calibrationError);
    }

    /** Whether the rotation is drawn from the seed. */
    public boolean randomRotation() {
        return Double.isNaN(rotationDegrees);
    }

    public RealisticSpec withSize(int newHeight, int newWidth) {
        return new RealisticSpec(material, newHeight, newWidth, pixelSizeAngstrom, rotationDegrees, calibrationError,
                probe, contrast, specimen, background, scan, doseElectronsPerPixel);
    }

    public RealisticSpec withPixelSize(double angstrom) {
        return new RealisticSpec(material, height, width, angstrom, rotationDegrees, calibrationError, probe, contrast,
                specimen, background, scan, doseElectronsPerPixel);
    }

    public RealisticSpec withRotation(double degrees) {
        return new RealisticSpec(material, height, width, pixelSizeAngstrom, degrees, calibrationError, probe, contrast,
                specimen, background, scan, doseElectronsPerPixel);
    }

    public RealisticSpec withCalibrationError(double error) {
        return new RealisticSpec(material, height, width, pixelSizeAngstrom, rotationDegrees, error, probe, contrast,
                specimen, background, scan, doseElectronsPerPixel);
    }

    public RealisticSpec withProbe(Probe newProbe) {
        return new RealisticSpec(material, height, width, pixelSizeAngstrom, rotationDegrees, calibrationError,
                newProbe, contrast, specimen, background, scan, doseElectronsPerPixel);
    }

    public RealisticSpec withContrast(Contrast newContrast) {
        return new RealisticSpec(material, height, width, pixelSizeAngstrom, rotationDegrees, calibrationError, probe,
                newContrast, specimen, background, scan, doseElectronsPerPixel);
    }

    public RealisticSpec withSpecimen(Specimen newSpecimen) {
        return new RealisticSpec(material, height, width, pixelSizeAngstrom, rotationDegrees, calibrationError, probe,
                contrast, newSpecimen, background, scan, doseElectronsPerPixel);
    }

    public RealisticSpec withBackground(Background newBackground) {
        return new RealisticSpec(material, height, width, pixelSizeAngstrom, rotationDegrees, calibrationError, probe,
                contrast, specimen, newBackground, scan, doseElectronsPerPixel);
    }

    public RealisticSpec withScan(ScanDistortion newScan) {
        return new RealisticSpec(material, height, width, pixelSizeAngstrom, rotationDegrees, calibrationError, probe,
                contrast, specimen, background, newScan, doseElectronsPerPixel);
    }

    /** This spec at {@code electronsPerPixel} mean dose; 0 for the noiseless expected image. */
    public RealisticSpec withDose(double electronsPerPixel) {
        return new RealisticSpec(material, height, width, pixelSizeAngstrom, rotationDegrees, calibrationError, probe,
                contrast, specimen, background, scan, electronsPerPixel);
    }

    /** This spec with no noise, background, holes, contamination or scan distortion: the geometry alone. */
    public RealisticSpec idealised() {
        return new RealisticSpec(material, height, width, pixelSizeAngstrom, rotationDegrees, calibrationError, probe,
                contrast, new Specimen(specimen.dopantFraction(), 0, 100, 0, 10, 0, 10, 0), Background.NONE,
                ScanDistortion.NONE, 0);
    }
}
