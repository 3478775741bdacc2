package org.stemloop.image;

import java.nio.ByteOrder;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.stemloop.image.DmTags.Group;
import org.stemloop.image.DmTags.Node;
import org.stemloop.image.DmTags.Value;

/**
 * The metadata highlights of a DigitalMicrograph image entry, where DigitalMicrograph wrote them:
 * voltage ({@code ImageTags/Microscope Info/Voltage}, volts), microscope, detector
 * ({@code ImageTags/Acquisition/Device/Name}), date ({@code ImageTags/DataBar/Acquisition Date} and
 * {@code Time}), signal ({@code ImageTags/Meta Data/Signal}) and title (the entry's {@code Name}).
 */
final class DmMetadata {

    private DmMetadata() {
    }

    /** DM's own word for what the data is ({@code ImageTags/Meta Data/Format}: Image, Spectrum, ...), or "". */
    static String format(Group entry, byte[] bytes, ByteOrder order) {
        return text(entry.at("ImageTags", "Meta Data", "Format"), bytes, order);
    }

    static Map<String, String> highlights(Group entry, byte[] bytes, ByteOrder order) {
        Map<String, String> out = new LinkedHashMap<>();
        if (entry.at("ImageTags", "Microscope Info", "Voltage") instanceof Value v && v.value() instanceof Number volts
                && volts.doubleValue() > 0) {
            out.put("voltage", String.format(Locale.ROOT, "%.4g kV", volts.doubleValue() / 1000));
        }
        put(out, "microscope", text(entry.at("ImageTags", "Microscope Info", "Name"), bytes, order));
        put(out, "detector", text(entry.at("ImageTags", "Acquisition", "Device", "Name"), bytes, order));
        String date = text(entry.at("ImageTags", "DataBar", "Acquisition Date"), bytes, order);
        String time = text(entry.at("ImageTags", "DataBar", "Acquisition Time"), bytes, order);
        put(out, "date", (date + " " + time).strip());
        put(out, "signal", text(entry.at("ImageTags", "Meta Data", "Signal"), bytes, order));
        put(out, "title", text(entry.get("Name"), bytes, order));
        return out;
    }

    private static void put(Map<String, String> out, String key, String value) {
        if (!value.isBlank()) {
            out.put(key, value);
        }
    }

    private static String text(Node node, byte[] bytes, ByteOrder order) {
        return DigitalMicrograph.text(node, bytes, order);
    }
}
