package org.stemloop.twin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.stemloop.mqtt.Payloads;
import org.stemloop.mqtt.Topics;
import org.stemloop.sim.BeamSpectra;
import org.stemloop.sim.EelsSpectrum;
import org.stemloop.sim.SimulatedFrame;

/**
 * The twin's answer to one acquisition request: {@code {"type": "ack", "request_id", "positions"}} on the spectra
 * topic when it starts, then one {@code {"type": "spectrum", ...}} per position (the same request and position
 * always give the same spectrum: its noise is seeded by them), an error per position outside the field of view
 * or beyond the request's per-frame dose budget (at most {@value #MAX_DWELL_MS} ms),
 * and an error for a request that is malformed or names a frame the twin no longer holds.
 */
final class TwinAcquisition {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The most dwell time the twin spends on one request, ms: a guard against a runaway agent. */
    static final double MAX_DWELL_MS = 2_000;

    /** Where the answers go: topic and payload, QoS 1. */
    @FunctionalInterface
    interface Sink {
        void publish(String topic, byte[] payload) throws MqttException;
    }

    private TwinAcquisition() {
    }

    static void answer(byte[] payload, Function<String, SimulatedFrame> frames, Topics topics, Sink sink)
            throws MqttException {
        JsonNode req;
        try {
            req = JSON.readTree(payload);
        } catch (IOException e) {
            sink.publish(topics.errors(), Payloads.error(null, "bad-acquire", "Acquisition request is not valid JSON"));
            return;
        }
        String requestId = req == null ? "" : req.path("request_id").asText("");
        String frameId = req == null ? null : req.path("frame_id").asText(null);
        if (requestId.isEmpty() || frameId == null || !req.path("positions").isArray()) {
            sink.publish(topics.errors(), Payloads.error(frameId, "bad-acquire",
                    "Acquisition request needs \"request_id\", \"frame_id\" and a \"positions\" list"));
            return;
        }
        SimulatedFrame frame = frames.apply(frameId);
        if (frame == null) {
            sink.publish(topics.errors(), Payloads.error(frameId, "unknown-frame", "Acquisition request " + requestId
                    + " names frame " + frameId + ", which the twin no longer holds"));
            return;
        }
        sink.publish(topics.spectra(), bytes(Payloads.object().put("type", "ack").put("request_id", requestId)
                .put("frame_id", frameId).put("positions", req.path("positions").size())));
        // the microscope's own dose guard: the request's per-frame budget, else the twin's
        double budget = req.path("budget").path("per_frame_ms").asDouble(MAX_DWELL_MS);
        double spent = 0;
        for (JsonNode p : req.path("positions")) {
            String poiId = p.path("poi_id").asText("");
            double row = p.path("row").asDouble(Double.NaN);
            double col = p.path("col").asDouble(Double.NaN);
            double dwell = p.path("dwell_ms").asDouble(Double.NaN);
            if (dwell > 0 && spent + dwell > Math.min(budget, MAX_DWELL_MS) + 1e-9) {
                refusal(sink, topics, Payloads.error(frameId, "out-of-budget", ("Request %s position %s: dwell %s ms "
                        + "would bring the request to %.1f ms, over its budget of %.1f ms per frame: not acquired")
                        .formatted(requestId, poiId, p.path("dwell_ms"), spent + dwell, Math.min(budget, MAX_DWELL_MS))));
                continue;
            }
            if (!(dwell > 0) || !BeamSpectra.inField(frame, row, col)) {
                refusal(sink, topics, Payloads.error(frameId, "out-of-field", ("Request %s position %s at "
                        + "(%s, %s) px, dwell %s ms: outside the %d x %d px field of view or no dwell").formatted(requestId,
                        poiId, p.path("row"), p.path("col"), p.path("dwell_ms"), frame.spec().height(),
                        frame.spec().width())));
                continue;
            }
            spent += dwell;
            EelsSpectrum s = BeamSpectra.at(frame, row, col, dwell, (requestId + ":" + poiId).hashCode());
            ObjectNode o = Payloads.object().put("type", "spectrum").put("request_id", requestId).put("poi_id", poiId)
                    .put("frame_id", frameId).put("row", row).put("col", col).put("dwell_ms", dwell)
                    .put("offset_ev", s.offsetEv()).put("step_ev", s.stepEv());
            var counts = o.putArray("counts");
            for (double c : s.counts()) {
                counts.add((long) c);
            }
            sink.publish(topics.spectra(), bytes(o));
        }
    }

    /**
     * An error for one position; where a broker refuses the twin the errors topic (an ACL older than issue 20's
     * fix, which gives the microscope write there), the rest of the request is still answered and the refusal
     * logged.
     */
    private static void refusal(Sink sink, Topics topics, byte[] error) {
        try {
            sink.publish(topics.errors(), error);
        } catch (MqttException e) {
            System.err.println("stemloop twin: cannot publish an out-of-field error: " + e.getMessage() + ": "
                    + new String(error, StandardCharsets.UTF_8));
        }
    }

    private static byte[] bytes(ObjectNode o) {
        return o.toString().getBytes(StandardCharsets.UTF_8);
    }
}
