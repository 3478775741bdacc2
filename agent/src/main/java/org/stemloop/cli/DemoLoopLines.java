package org.stemloop.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The demo's console lines about the loop with the microscope (issue 20), from what its watcher hears: one line
 * when a request goes to the microscope ({@code acquire}), one when the sites of all its positions are in
 * ({@code sites}), and, in supervised mode, one when the first request waits for an operator ({@code poi}).
 * Called on the watcher's Paho thread only.
 */
final class DemoLoopLines {

    private final PrintWriter out;
    private final Map<String, Integer> positions = new HashMap<>();
    private final Map<String, Map<String, Integer>> elements = new HashMap<>();
    private boolean toldPending;

    DemoLoopLines(PrintWriter out) {
        this.out = out;
    }

    void onPoi(JsonNode poi) {
        JsonNode request = poi.path("request");
        if (!toldPending && "pending".equals(request.path("state").asText())) {
            toldPending = true;
            print("frame %s: %d points of interest; acquisition request %s waits for an operator's approval "
                    + "(web UI: \"Points of interest, spectra and sites\")", poi.path("frame_id").asText(),
                    poi.path("points").size(), request.path("request_id").asText());
        }
    }

    void onAcquire(JsonNode acquire) {
        String id = acquire.path("request_id").asText();
        if (positions.size() > 256) {
            // requests whose sites never all came (positions refused by the microscope): forget them
            positions.clear();
            elements.clear();
        }
        positions.put(id, acquire.path("positions").size());
        print("acquire %s (frame %s): %d positions, %.0f ms of beam -> the twin", id, acquire.path("frame_id").asText(),
                acquire.path("positions").size(), acquire.path("dwell_ms_total").asDouble());
    }

    void onSite(JsonNode site) {
        String id = site.path("request_id").asText();
        Map<String, Integer> counts = elements.computeIfAbsent(id, k -> new TreeMap<>());
        counts.merge(site.path("element").asText("unknown"), 1, Integer::sum);
        int seen = counts.values().stream().mapToInt(Integer::intValue).sum();
        if (positions.containsKey(id) && seen == positions.get(id)) {
            print("sites %s (frame %s): %s", id, site.path("frame_id").asText(), counts);
            positions.remove(id);
            elements.remove(id);
        }
    }

    private void print(String format, Object... args) {
        out.printf(format + "%n", args);
        out.flush();
    }
}
