package org.stemloop.agent;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import org.stemloop.mqtt.Printable;
import org.stemloop.sim.EelsSpectrum;

/**
 * A message on the spectra topic, parsed and checked without the agent's state: the microscope's
 * {@code {"type": "ack", "request_id", ...}} when it starts on a request, or
 * {@code {"type": "spectrum", "request_id", "poi_id", "frame_id", "row", "col", "dwell_ms", "offset_ev",
 * "step_ev", "counts": [...]}} per position.
 *
 * @param type      {@code ack} or {@code spectrum}
 * @param requestId the request answered
 * @param poiId     the position answered ({@code null} for an ack)
 * @param row       where the beam was, pixels of the request's frame (NaN for an ack)
 * @param col       pixels
 * @param dwellMs   the dwell time used, ms (NaN for an ack)
 * @param spectrum  the spectrum ({@code null} for an ack)
 */
record SpectrumMessage(String type, String requestId, String poiId, double row, double col, double dwellMs,
                       EelsSpectrum spectrum) {

    /** The largest spectra message accepted: a 4k-channel spectrum with long numbers fits well. */
    static final int MAX_BYTES = 256 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** The id a spectrum is stored under: one per request and position. */
    String spectrumId() {
        return requestId + ":" + poiId;
    }

    /** @throws Rejected naming what is wrong */
    static SpectrumMessage parse(byte[] payload) throws Rejected {
        if (payload.length > MAX_BYTES) {
            throw new Rejected("Spectra message of %d bytes is over the limit of %d".formatted(payload.length, MAX_BYTES));
        }
        JsonNode json;
        try {
            json = JSON.readTree(payload);
        } catch (IOException e) {
            throw new Rejected("Spectra message is not valid JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (json == null || !json.isObject()) {
            throw new Rejected("Spectra message must be a JSON object");
        }
        String type = text(json, "type", 16);
        String requestId = text(json, "request_id", 64);
        if (type.equals("ack")) {
            return new SpectrumMessage(type, requestId, null, Double.NaN, Double.NaN, Double.NaN, null);
        }
        if (!type.equals("spectrum")) {
            throw new Rejected("Spectra message type must be \"ack\" or \"spectrum\": " + Printable.of(type, 16));
        }
        String poiId = text(json, "poi_id", 32);
        JsonNode counts = json.path("counts");
        if (!counts.isArray()) {
            throw new Rejected("Spectrum " + requestId + ":" + poiId + " has no \"counts\" array");
        }
        double[] c = new double[counts.size()];
        for (int i = 0; i < c.length; i++) {
            if (!counts.get(i).isNumber()) {
                throw new Rejected("Spectrum counts must be numbers; channel %d is %s".formatted(i, counts.get(i)));
            }
            c[i] = counts.get(i).asDouble();
        }
        try {
            return new SpectrumMessage(type, requestId, poiId, number(json, "row"), number(json, "col"),
                    number(json, "dwell_ms"), new EelsSpectrum(number(json, "offset_ev"), number(json, "step_ev"), c));
        } catch (IllegalArgumentException e) {
            throw new Rejected("Spectrum " + requestId + ":" + poiId + ": " + e.getMessage());
        }
    }

    private static String text(JsonNode json, String field, int max) throws Rejected {
        JsonNode v = json.path(field);
        if (!v.isTextual() || v.asText().isEmpty() || v.asText().length() > max) {
            throw new Rejected("Spectra message needs \"%s\": text of 1-%d characters, got %s".formatted(field, max,
                    v.isMissingNode() ? "nothing" : Printable.of(v.toString(), 64)));
        }
        return v.asText();
    }

    private static double number(JsonNode json, String field) throws Rejected {
        JsonNode v = json.path(field);
        if (!v.isNumber() || !Double.isFinite(v.asDouble())) {
            throw new Rejected("Spectrum needs \"%s\": a finite number, got %s".formatted(field,
                    v.isMissingNode() ? "nothing" : Printable.of(v.toString(), 64)));
        }
        return v.asDouble();
    }

    /** A spectra message that cannot be used; its message names why. */
    static final class Rejected extends Exception {
        Rejected(String message) {
            super(message);
        }
    }
}
