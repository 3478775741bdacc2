package org.stemloop.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.stemloop.image.Frame;

/**
 * What the browsers see now, built from what the agent publishes (frames, detections, Pareto options,
 * status, errors): the last frames, their detections by method, the current Pareto front, the pending
 * choice and a version that changes whenever the front or the choice does (the optimistic lock of
 * {@link #choose}). A late joiner gets {@link #snapshot()} at once.
 *
 * <p>Confined to the web verticle's event loop: not thread-safe.
 */
final class LiveState {

    /** Frames kept for the live view and the option previews. */
    static final int FRAMES_KEPT = 16;

    private final String instrument;
    private final Map<String, Frame> frames = lru();
    private final Map<String, Map<String, JsonNode>> detections = lru();
    private String latestFrame;
    private String latestDetected;
    private JsonNode pareto;
    private JsonNode status;
    private JsonNode lastError;
    private Pending pending;
    private long version = 1;
    private long unauthenticated;
    private String unauthenticatedTopic;
    private Instant unauthenticatedAt;
    private final LoopLive loop = new LoopLive();
    private final TracksLive tracks = new TracksLive();

    LiveState(String instrument) {
        this.instrument = instrument;
    }

    /** Why a choice was not accepted. */
    static final class Conflict extends Exception {
        final int status;

        Conflict(int status, String message) {
            super(message);
            this.status = status;
        }
    }

    void onFrame(String frameId, Frame frame) {
        frames.put(frameId, frame);
        latestFrame = frameId;
    }

    void onDetections(JsonNode d) {
        String frameId = d.path("frame_id").asText();
        String method = d.path("method").asText("log*");
        detections.computeIfAbsent(frameId, k -> new LinkedHashMap<>()).put(method, d);
        if ("unet".equals(method)) {
            // the U-Net's layer joins its frame (it follows LoG*'s, maybe after a newer frame's): no jump back
            return;
        }
        latestDetected = frameId;
        boolean firstUse = pending != null && (pending.isPending()
                || pending.state().equals("applied") && pending.appliedFrame() == null);
        if (firstUse && pending.matches(d.path("params"))) {
            pending = pending.applied(frameId);
            version++;
        }
    }

    /**
     * A new (or re-announced) front. The agent re-publishes its front with {@code "applied": id} once it
     * has taken a choice; that settles a pending choice of that option on that front.
     */
    void onPareto(JsonNode p) {
        pareto = p;
        version++;
        if (pending != null && pending.isPending() && p.path("applied").asText("").equals(pending.optionId())
                && p.path("frame_id").asText("").equals(pending.paretoFrameId())) {
            pending = pending.applied(null);
        }
    }

    /** A message on a results topic without the agent's signature arrived: not shown, but counted and said. */
    void onUnauthenticated(String topic) {
        unauthenticated++;
        unauthenticatedTopic = topic;
        unauthenticatedAt = Instant.now();
    }

    void onStatus(JsonNode s) {
        status = s;
    }

    void onError(JsonNode e) {
        lastError = e;
        if (pending != null && pending.isPending() && e.path("error").asText().equals("bad-control")) {
            pending = pending.refused(e.path("detail").asText());
            version++;
        }
    }

    /**
     * Accepts an operator's choice if {@code seenVersion} is the current version (nobody changed the
     * front or chose meanwhile) and the option is on the current front.
     *
     * @throws Conflict 409 when the version moved, 404 when there is no such option
     */
    Pending choose(String optionId, long seenVersion, String by, String requestId) throws Conflict {
        if (seenVersion != version) {
            String who = pending == null ? "" : "; last choice: option %s by %s at %s (%s)"
                    .formatted(pending.optionId(), pending.by(), pending.at(), pending.state());
            throw new Conflict(409, "The Pareto front or the pending choice changed (version %d, you saw %d)%s"
                    .formatted(version, seenVersion, who));
        }
        JsonNode option = option(optionId).orElseThrow(() -> new Conflict(404,
                "No option " + optionId + " on the current Pareto front"));
        pending = Pending.sent(requestId, optionId, pareto.path("frame_id").asText(null), option.path("params"), by,
                Instant.now());
        version++;
        return pending;
    }

    /** The choice {@code requestId} could not be sent: it is refused, with why. */
    void unsent(String requestId, String why) {
        if (pending != null && pending.requestId().equals(requestId) && pending.isPending()) {
            pending = pending.refused("not sent: " + why);
            version++;
        }
    }

    /** The option of the current front with this id. */
    Optional<JsonNode> option(String optionId) {
        if (pareto == null) {
            return Optional.empty();
        }
        for (JsonNode o : pareto.path("options")) {
            if (o.path("id").asText().equals(optionId)) {
                return Optional.of(o);
            }
        }
        return Optional.empty();
    }

    Optional<Frame> frame(String frameId) {
        return Optional.ofNullable(frames.get(frameId));
    }

    /** The frame the current Pareto front was computed on, else the newest frame. */
    Optional<String> paretoFrameId() {
        String id = pareto == null ? null : pareto.path("frame_id").asText(null);
        return Optional.ofNullable(id != null && frames.containsKey(id) ? id : latestFrame);
    }

    /** The loop with the microscope (issue 20): points of interest, acquisition requests, sites. */
    LoopLive loop() {
        return loop;
    }

    /** The dopants' tracks of the last frames (issue 20): the live view's trails. */
    TracksLive tracks() {
        return tracks;
    }

    long version() {
        return version;
    }

    JsonNode status() {
        return status;
    }

    /** The newest frame with detections (else the newest frame) and everything about it. */
    ObjectNode snapshot() {
        ObjectNode s = JsonNodeFactory.instance.objectNode().put("version", version).put("instrument", instrument)
                .put("at", Instant.now().toString());
        s.set("status", status);
        String current = latestDetected != null && frames.containsKey(latestDetected) ? latestDetected : latestFrame;
        if (current != null && frames.containsKey(current)) {
            Frame f = frames.get(current);
            s.putObject("frame").put("frame_id", current).put("height", f.height()).put("width", f.width())
                    .put("image", "/api/live/frames/" + UrlPath.encode(current) + "/image.png");
        } else {
            s.putNull("frame");
        }
        ObjectNode layers = s.putObject("detections");
        Map<String, JsonNode> byMethod = current == null ? null : detections.get(current);
        if (byMethod != null) {
            byMethod.forEach(layers::set);
        }
        s.set("pareto", pareto);
        s.set("pending", pending == null ? null : pending.toJson());
        s.set("last_error", lastError);
        s.set("loop", loop.summary());
        s.set("tracks", tracks.summary());
        if (unauthenticated > 0) {
            s.putObject("unauthenticated").put("count", unauthenticated).put("last_topic", unauthenticatedTopic)
                    .put("last_at", unauthenticatedAt.toString());
        } else {
            s.putNull("unauthenticated");
        }
        return s;
    }

    private static <V> Map<String, V> lru() {
        return new LinkedHashMap<>(32, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > FRAMES_KEPT;
            }
        };
    }
}
