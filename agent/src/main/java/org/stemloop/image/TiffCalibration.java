package org.stemloop.image;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The pixel size a TIFF carries, from the conventions microscopy software uses (the bare TIFF
 * resolution tags are usually a screen's 72 dpi, so they are only trusted where ImageJ says so):
 *
 * <ul>
 *   <li>ImageJ: an {@code ImageDescription} starting {@code ImageJ=} with {@code unit=nm} (or micron,
 *       um, A, pm); the resolution tags are pixels per unit;
 *   <li>OME-TIFF: OME-XML in the {@code ImageDescription}, {@code Pixels PhysicalSizeX/Y} with
 *       {@code PhysicalSizeXUnit/YUnit} (µm when absent, as the OME schema says);
 *   <li>FEI/ThermoFisher (SEM, Helios, TIA and Velox exports): tag 34682 or 34680 with INI text,
 *       {@code [Scan] PixelWidth / PixelHeight} in metres, {@code HV} in volts, the detector name and date.
 * </ul>
 */
final class TiffCalibration {

    /** What a TIFF says: the format label, pixel size and highlights. */
    record Result(String format, PixelSize pixelSize, Map<String, String> highlights) {
        static final Result NONE = new Result("TIFF", PixelSize.UNKNOWN, Map.of());
    }

    private static final Pattern IMAGEJ_UNIT = Pattern.compile("(?m)^unit=(.*)$");
    private static final Pattern OME_PIXELS = Pattern.compile("<(?:\\w+:)?Pixels\\b([^>]*)>");

    private TiffCalibration() {
    }

    /**
     * @param description the ImageDescription tag, or ""
     * @param xResolution XResolution (pixels per unit), NaN when absent
     * @param yResolution YResolution, NaN when absent
     * @param fei the FEI tags' text, or ""
     */
    static Result parse(String description, double xResolution, double yResolution, String fei) {
        if (description.startsWith("ImageJ=")) {
            return imageJ(description, xResolution, yResolution);
        }
        if (description.contains("<OME") && description.contains("Pixels")) {
            return ome(description);
        }
        if (fei.contains("[Scan]") || fei.contains("PixelWidth")) {
            return fei(fei);
        }
        return Result.NONE;
    }

    private static Result imageJ(String description, double xResolution, double yResolution) {
        Matcher m = IMAGEJ_UNIT.matcher(description);
        String unit = m.find() ? m.group(1).strip().replace("\\u00B5", "µ") : "";
        double column = xResolution > 0 ? LengthUnits.toAngstrom(1 / xResolution, unit) : Double.NaN;
        double row = yResolution > 0 ? LengthUnits.toAngstrom(1 / yResolution, unit) : column;
        return new Result("ImageJ TIFF", new PixelSize(row, column), Map.of());
    }

    private static Result ome(String xml) {
        Matcher m = OME_PIXELS.matcher(xml);
        if (!m.find()) {
            return new Result("OME-TIFF", PixelSize.UNKNOWN, Map.of());
        }
        String attributes = m.group(1);
        double column = LengthUnits.toAngstrom(number(attribute(attributes, "PhysicalSizeX")),
                unitOr(attribute(attributes, "PhysicalSizeXUnit"), "µm"));
        double row = LengthUnits.toAngstrom(number(attribute(attributes, "PhysicalSizeY")),
                unitOr(attribute(attributes, "PhysicalSizeYUnit"), "µm"));
        return new Result("OME-TIFF", new PixelSize(row, column), Map.of());
    }

    private static Result fei(String ini) {
        Map<String, String> values = new LinkedHashMap<>();
        String section = "";
        for (String line : ini.split("\\r?\\n")) {
            String l = line.strip();
            if (l.startsWith("[") && l.endsWith("]")) {
                section = l.substring(1, l.length() - 1);
            } else if (l.contains("=")) {
                int eq = l.indexOf('=');
                values.putIfAbsent(section + "/" + l.substring(0, eq).strip(), l.substring(eq + 1).strip());
                values.putIfAbsent(l.substring(0, eq).strip(), l.substring(eq + 1).strip());
            }
        }
        double column = LengthUnits.toAngstrom(number(values.getOrDefault("Scan/PixelWidth", values.get("PixelWidth"))), "m");
        double row = LengthUnits.toAngstrom(number(values.getOrDefault("Scan/PixelHeight", values.get("PixelHeight"))), "m");
        Map<String, String> highlights = new LinkedHashMap<>();
        double volts = number(values.getOrDefault("Beam/HV", values.get("HV")));
        if (volts > 0) {
            highlights.put("voltage", String.format(Locale.ROOT, "%.4g kV", volts / 1000));
        }
        putIf(highlights, "detector", values.getOrDefault("Detectors/Name", values.get("Detector")));
        String date = (values.getOrDefault("User/Date", "") + " " + values.getOrDefault("User/Time", "")).strip();
        putIf(highlights, "date", date);
        return new Result("FEI TIFF", new PixelSize(row, column), highlights);
    }

    private static void putIf(Map<String, String> out, String key, String value) {
        if (value != null && !value.isBlank()) {
            out.put(key, value);
        }
    }

    private static String attribute(String attributes, String name) {
        Matcher m = Pattern.compile("\\b" + name + "=\"([^\"]*)\"").matcher(attributes);
        return m.find() ? m.group(1) : null;
    }

    private static String unitOr(String unit, String fallback) {
        return unit == null || unit.isBlank() ? fallback : unit;
    }

    private static double number(String text) {
        if (text == null) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(text.strip());
        } catch (NumberFormatException e) {
            return Double.NaN; // not a number: the axis stays uncalibrated, as when the tag is absent
        }
    }
}
