package org.stemloop.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The loop with the microscope as the browsers see it (issue 20), built from the agent's signed {@code poi},
 * {@code acquire} and {@code sites} messages: the points of interest of the recent frames, the recent
 * acquisition requests with their state ({@code pending} an operator, {@code approving} once the web UI sent an
 * approval, {@code sent} once the request is on {@code acquire}, {@code refused} when the agent refused the
 * approval) and the confirmed sites. Only a summary rides in the state events ({@link #summary}); the page
 * fetches the rest (GET {@code /api/loop}) when its version moves, and the spectra from the database (GET
 * {@code /api/acquisitions/{id}/spectra}): a few hundred points and 600 channels a spectrum would swell every
 * state event, which goes to every browser for every message heard (a browser that cannot keep up is dropped).
 *
 * <p>Confined to the web verticle's event loop, as {@link LiveState}: not thread-safe.
 */
final class LoopLive {

    /** Frames whose points are kept, requests listed, sites kept. */
    static final int FRAMES_KEPT = LiveState.FRAMES_KEPT;
    static final int REQUESTS_KEPT = 12;
    static final int SITES_KEPT = 120;

    private final Map<String, JsonNode> points = lru(FRAMES_KEPT);
    private final Map<String, ObjectNode> requests = lru(REQUESTS_KEPT);
    private final Map<String, JsonNode> sites = lru(SITES_KEPT);
    private String latestPoiFrame;
    /** Changes with everything the loop's view shows: the page fetches {@link #snapshot} when it moves. */
    private long version;

    /** Takes in a signed message of the agent's: poi, acquire, sites, errors (others are not the loop's). */
    void on(org.stemloop.mqtt.Topics topics, String topic, JsonNode json) {
        if (topic.equals(topics.poi())) {
            onPoi(json);
        } else if (topic.equals(topics.acquire())) {
            onAcquire(json);
        } else if (topic.equals(topics.sites())) {
            onSite(json);
        } else if (topic.equals(topics.errors())) {
            onError(json);
        }
    }

    /** {@code {"frame_id", "run_id", "points", "request"|null}}: the points, and the request offered with them. */
    void onPoi(JsonNode poi) {
        String frameId = poi.path("frame_id").asText(null);
        if (frameId == null || !poi.path("points").isArray()) {
            return;
        }
        points.put(frameId, poi.get("points"));
        latestPoiFrame = frameId;
        version++;
        JsonNode request = poi.path("request");
        if (request.isObject() && request.hasNonNull("request_id")) {
            ObjectNode r = request.deepCopy();
            // each offered position with what makes it a point (kind, score, reason): the panel shows them
            Map<String, JsonNode> byId = new java.util.HashMap<>();
            poi.get("points").forEach(p -> byId.put(p.path("poi_id").asText(), p));
            ArrayNode offered = JsonNodeFactory.instance.arrayNode();
            for (JsonNode b : request.path("positions")) {
                ObjectNode o = b.deepCopy();
                JsonNode p = byId.get(b.path("poi_id").asText());
                if (p != null) {
                    o.set("kind", p.get("kind"));
                    o.set("score", p.get("score"));
                    o.set("reason", p.get("reason"));
                }
                offered.add(o);
            }
            r.set("offered", offered);
            requests.putIfAbsent(r.path("request_id").asText(), r);
        }
    }

    /** A request on its way to the microscope: its positions are the ones approved (or all, autonomous). */
    void onAcquire(JsonNode acquire) {
        String id = acquire.path("request_id").asText(null);
        if (id == null || !acquire.path("positions").isArray()) {
            return;
        }
        ObjectNode known = requests.get(id);
        ObjectNode r = acquire.deepCopy();
        r.set("offered", known != null ? known.path("offered") : acquire.path("positions"));
        if (known != null && known.hasNonNull("approved_by")) {
            r.set("approved_by", known.get("approved_by"));
        }
        r.put("state", "sent");
        requests.put(id, r);
        version++;
    }

    /** A site confirmed by a spectrum, kept by its spectrum id (request and position): once each. */
    void onSite(JsonNode site) {
        String id = site.path("request_id").asText("") + ":" + site.path("poi_id").asText("");
        sites.put(id, site);
        version++;
    }

    /**
     * The agent's refusal of an approval ({@code bad-control} naming the request) ends its wait; a request the agent
     * expired ({@code acquire-expired}, or the refusal of a late approval) is {@code expired}: no longer approvable.
     */
    void onError(JsonNode error) {
        String kind = error.path("error").asText();
        String detail = error.path("detail").asText("");
        for (ObjectNode r : requests.values()) {
            String id = r.path("request_id").asText();
            String state = r.path("state").asText();
            boolean open = "pending".equals(state) || "approving".equals(state) || "refused".equals(state);
            if ("acquire-expired".equals(kind) && open && detail.startsWith("acquisition request " + id + " ")) {
                r.put("state", "expired").put("detail", detail);
                version++;
            } else if ("bad-control".equals(kind) && "approving".equals(state) && detail.startsWith("approve-acquire")
                    && detail.contains(id)) {
                r.put("state", detail.startsWith("approve-acquire: request " + id + " expired") ? "expired" : "refused")
                        .put("detail", detail);
                version++;
            }
        }
    }

    /** Why an approval cannot be sent. */
    static final class Refused extends Exception {
        final int status;

        Refused(int status, String message) {
            super(message);
            this.status = status;
        }
    }

    /**
     * Marks a pending request as being approved with these positions.
     *
     * @return the request (with its run and frame)
     * @throws Refused 404 when no such request is known, 409 when it is no longer pending, 400 when a position is
     *                 not one offered or none is left
     */
    ObjectNode approving(String requestId, List<String> positions, String by) throws Refused {
        ObjectNode r = requests.get(requestId);
        if (r == null) {
            throw new Refused(404, "No acquisition request " + requestId + " among the last " + REQUESTS_KEPT);
        }
        String state = r.path("state").asText();
        if (!"pending".equals(state) && !"refused".equals(state)) {
            throw new Refused(409, "Acquisition request %s is %s%s, no longer pending".formatted(requestId, state,
                    r.hasNonNull("approved_by") ? " (approved by " + r.get("approved_by").asText() + ")" : ""));
        }
        Set<String> offered = new HashSet<>();
        r.path("offered").forEach(p -> offered.add(p.path("poi_id").asText()));
        if (positions.isEmpty()) {
            throw new Refused(400, "No position selected: approve at least one of the " + offered.size() + " offered");
        }
        for (String p : positions) {
            if (!offered.contains(p)) {
                throw new Refused(400, "Position " + p + " is not offered in request " + requestId);
            }
        }
        r.put("state", "approving").put("approved_by", by).remove("detail");
        version++;
        return r;
    }

    /** An approval that could not be sent: the request is pending again, with why. */
    void unsent(String requestId, String why) {
        ObjectNode r = requests.get(requestId);
        if (r != null && "approving".equals(r.path("state").asText())) {
            r.put("state", "refused").put("detail", "not sent: " + why);
            version++;
        }
    }

    /**
     * What rides in every state event ({@code {"version", "pending", "frame_id"}}): small, since every message the
     * web UI hears sends the state to every browser; the page fetches {@link #snapshot} (GET /api/loop) when the
     * version moves.
     */
    ObjectNode summary() {
        long pending = requests.values().stream().filter(r -> "pending".equals(r.path("state").asText())).count();
        return JsonNodeFactory.instance.objectNode().put("version", version).put("pending", pending)
                .put("frame_id", latestPoiFrame);
    }

    /**
     * {@code {"version", "frame_id", "points", "requests": [newest first], "pending", "sites": [oldest first]}}: the points of
     * {@code frameId} when it has some, else of the newest frame that has.
     */
    ObjectNode snapshot(String frameId) {
        ObjectNode s = JsonNodeFactory.instance.objectNode().put("version", version);
        String shown = frameId != null && points.containsKey(frameId) ? frameId : latestPoiFrame;
        s.put("frame_id", shown);
        s.set("points", shown == null ? JsonNodeFactory.instance.arrayNode() : points.get(shown));
        ArrayNode list = s.putArray("requests");
        List<ObjectNode> newestFirst = new ArrayList<>(requests.values());
        java.util.Collections.reverse(newestFirst);
        newestFirst.forEach(list::add);
        s.put("pending", newestFirst.stream().filter(r -> "pending".equals(r.path("state").asText())).count());
        ArrayNode siteList = s.putArray("sites");
        sites.values().forEach(siteList::add);
        return s;
    }

    private static <V> Map<String, V> lru(int kept) {
        return new LinkedHashMap<>(32, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > kept;
            }
        };
    }
}
