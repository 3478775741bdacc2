package org.stemloop.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The dopants' tracks as the live view draws them (issue 20), from the agent's signed {@code tracks} messages:
 * the last {@link #FRAMES_KEPT} frames of one run's series, each with its accumulated drift and its dopants
 * (track id, position). The page ({@code web-ui/tracks.js}) joins them into trails by id and moves past positions
 * by the drift since, so a trail lies on the frame on screen. A new run or series starts the trails afresh.
 *
 * <p>Compact on purpose: it rides in every state event (positions to 0.1 px; ~15 dopants x 12 frames is a few kB).
 * Confined to the web verticle's event loop, as {@link LiveState}: not thread-safe.
 */
final class TracksLive {

    /** Frames whose dopants make the trails. */
    static final int FRAMES_KEPT = 12;
    /** Dopants kept per frame: a frame with more (a bright contamination patch) is cut, not the state event swollen. */
    static final int DOPANTS_KEPT = 64;

    private final Deque<ObjectNode> frames = new ArrayDeque<>();
    private String runId;
    private long series = Long.MIN_VALUE;

    /**
     * {@code {"run_id", "frame_id", "series", "drift": {"row", "col"}, "dopants": [{"track", "row", "col", "hop"}]}}
     * (asyncapi's {@code tracks}); a message without a frame id or dopants array is ignored.
     */
    void onTracks(JsonNode t) {
        String frameId = t.path("frame_id").asText(null);
        JsonNode dopants = t.path("dopants");
        if (frameId == null || !dopants.isArray()) {
            return;
        }
        String run = t.path("run_id").asText("");
        long s = t.path("series").asLong(0);
        if (!run.equals(runId) || s != series) {
            frames.clear();
            runId = run;
            series = s;
        }
        ObjectNode f = JsonNodeFactory.instance.objectNode().put("frame_id", frameId);
        f.putArray("drift").add(round(t.path("drift").path("row").asDouble(0)))
                .add(round(t.path("drift").path("col").asDouble(0)));
        ArrayNode ds = f.putArray("dopants");
        for (JsonNode d : dopants) {
            if (ds.size() >= DOPANTS_KEPT) {
                break;
            }
            if (d.path("track").canConvertToInt() && d.path("row").isNumber() && d.path("col").isNumber()) {
                ds.addArray().add(d.get("track").asInt()).add(round(d.get("row").asDouble()))
                        .add(round(d.get("col").asDouble())).add(d.path("hop").asBoolean(false) ? 1 : 0);
            }
        }
        frames.addLast(f);
        while (frames.size() > FRAMES_KEPT) {
            frames.removeFirst();
        }
    }

    /**
     * {@code {"run_id", "series", "frames": [{"frame_id", "drift": [row, col], "dopants": [[track, row, col, hop]]}]}},
     * oldest frame first; {@code null} before the first tracks message.
     */
    ObjectNode summary() {
        if (frames.isEmpty()) {
            return null;
        }
        ObjectNode s = JsonNodeFactory.instance.objectNode().put("run_id", runId).put("series", series);
        ArrayNode fs = s.putArray("frames");
        frames.forEach(fs::add);
        return s;
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
