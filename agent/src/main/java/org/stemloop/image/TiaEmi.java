package org.stemloop.image;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metadata of an FEI TIA acquisition, from the {@code .emi} file beside its {@code .ser} files:
 * TIA names the series {@code NAME_1.ser}, {@code NAME_2.ser}, ... and the metadata {@code NAME.emi}.
 * The {@code .emi} is a binary object store that embeds one XML document, {@code <ObjectInfo>}; we
 * take the accelerating voltage, the microscope, the acquisition date and the manufacturer from it,
 * and the detector from TIA's display name ({@code "Acquire HAADF"}). A missing {@code .emi} means no
 * highlights; an unreadable one is reported as a highlight, not as a failure of the image.
 */
final class TiaEmi {

    /** The ObjectInfo document is small; a bigger .emi is mostly a copy of the data, not read past this. */
    private static final long MAX_BYTES = 64L << 20;
    private static final Pattern SERIES = Pattern.compile("(?i)(.*)_\\d+\\.ser");
    private static final Pattern VOLTAGE = Pattern.compile("<AcceleratingVoltage>([^<]*)</AcceleratingVoltage>");
    private static final Pattern MICROSCOPE = Pattern.compile("<Label>Microscope</Label><Value>([^<]*)</Value>");
    private static final Pattern DATE = Pattern.compile("<AcquireDate>([^<]*)</AcquireDate>");
    private static final Pattern MANUFACTURER = Pattern.compile("<Manufacturer>([^<]*)</Manufacturer>");
    private static final Pattern DETECTOR = Pattern.compile("Acquire ([A-Za-z0-9-]+)");

    private TiaEmi() {
    }

    /** The {@code .emi} file that belongs to {@code ser}, whether or not it exists; null if the name does not fit. */
    static Path emiFor(Path ser) {
        Matcher m = SERIES.matcher(String.valueOf(ser.getFileName()));
        return m.matches() ? ser.resolveSibling(m.group(1) + ".emi") : null;
    }

    static Map<String, String> highlights(Path ser) {
        Map<String, String> out = new LinkedHashMap<>();
        Path emi = emiFor(ser);
        if (emi == null || !Files.isRegularFile(emi)) {
            return out;
        }
        String text;
        try {
            long size = Files.size(emi);
            byte[] bytes = size <= MAX_BYTES ? Files.readAllBytes(emi) : new byte[0];
            text = new String(bytes, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            out.put("metadata", "%s unreadable: %s".formatted(emi.getFileName(), e.getMessage()));
            return out;
        }
        String voltage = first(VOLTAGE, text);
        try {
            if (!voltage.isEmpty()) {
                out.put("voltage", String.format(Locale.ROOT, "%.4g kV", Double.parseDouble(voltage) / 1000));
            }
        } catch (NumberFormatException e) {
            out.put("voltage", voltage + " (as written)");
        }
        put(out, "microscope", (first(MANUFACTURER, text) + " " + first(MICROSCOPE, text)).strip());
        put(out, "detector", first(DETECTOR, text));
        put(out, "date", first(DATE, text));
        out.put("metadata", String.valueOf(emi.getFileName()));
        return out;
    }

    private static void put(Map<String, String> out, String key, String value) {
        if (!value.isBlank()) {
            out.put(key, value);
        }
    }

    private static String first(Pattern p, String text) {
        Matcher m = p.matcher(text);
        return m.find() ? m.group(1).strip() : "";
    }
}
