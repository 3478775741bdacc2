package org.stemloop.agent;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.stemloop.mqtt.InputLimits;
import org.stemloop.mqtt.Printable;
import org.stemloop.reward.Material;

/**
 * A control message from the control topic, parsed and checked without the run state (so it can be
 * fuzzed without Vert.x): {@code {"action": ..., "by"?: name, ...arguments}}. Unknown extra fields
 * (e.g. the web UI's {@code request_id}, {@code via}) are allowed and recorded with the decision.
 *
 * <p>What is refused, each with a one-line message naming the problem: a message over the size limit,
 * no JSON or JSON followed by more text, anything but a JSON object, a missing, non-text or unknown
 * {@code action}, a {@code by} that is not 1-128 printable characters (its column), and arguments of the
 * wrong type or out of range. Strings are kept verbatim (the store binds them as parameters).
 *
 * @param actor  who asks: {@code by}, or {@value #UNNAMED_OPERATOR} when the message names nobody
 * @param action what is asked, arguments checked
 * @param json   the message as it came, re-serialised (recorded as the decision's detail)
 */
record ControlMessage(String actor, ControlAction action, String json) {

    /** Recorded as the actor when a control message names nobody. */
    static final String UNNAMED_OPERATOR = "operator";
    /** The longest actor name: its database column. */
    static final int MAX_ACTOR = 128;
    /** Larger option ids are certainly not on any front (and stay clear of int overflow). */
    static final int MAX_OPTION = 999_999_999;

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final String KNOWN = "pause, resume, set-mode, choose, reoptimize, set-lattice, approve-acquire";

    ControlMessage {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(json, "json");
    }

    /** What an unauthenticated message's actor is recorded as: {@code claimed:} and the name it gave. */
    static final String CLAIMED = "claimed:";

    /** This message with its actor marked as {@link #CLAIMED}, not proven (cut to the column's width). */
    ControlMessage claimed() {
        String who = CLAIMED + actor;
        return new ControlMessage(who.length() > MAX_ACTOR ? who.substring(0, MAX_ACTOR) : who, action, json);
    }

    /** As {@link #parse(byte[], int)} with the default size limit, for UTF-8 text. */
    static ControlMessage parse(String text) throws ControlRejected {
        return parse(text.getBytes(StandardCharsets.UTF_8), InputLimits.DEFAULT.maxControlBytes());
    }

    /**
     * Parses and checks a control message.
     *
     * @param payload  the MQTT payload (UTF-8 JSON)
     * @param maxBytes the size limit ({@code max-control-bytes}), checked before parsing
     * @throws ControlRejected naming what is wrong
     */
    static ControlMessage parse(byte[] payload, int maxBytes) throws ControlRejected {
        if (payload.length > maxBytes) {
            throw new ControlRejected("Control message of %d bytes is over the limit of %d bytes (max-control-bytes)"
                    .formatted(payload.length, maxBytes));
        }
        JsonNode json = readJson(payload);
        if (!json.isObject()) {
            throw new ControlRejected("Control message must be a JSON object with an \"action\" text field, got "
                    + describe(json));
        }
        if (!json.path("action").isTextual()) {
            throw new ControlRejected("Control message has no \"action\" text field (got "
                    + shown(json.path("action")) + "); this agent knows " + KNOWN);
        }
        String action = json.get("action").asText();
        ControlAction parsed = switch (action) {
            case "pause" -> new ControlAction.Pause();
            case "resume" -> new ControlAction.Resume();
            case "reoptimize" -> new ControlAction.Reoptimize();
            case "set-mode" -> setMode(json);
            case "choose" -> choose(json);
            case "set-lattice" -> setLattice(json);
            case "approve-acquire" -> approveAcquire(json);
            default -> throw new ControlRejected("Unknown control action: %s (this agent knows %s)"
                    .formatted(Printable.of(action, 64), KNOWN));
        };
        return new ControlMessage(actor(json), parsed, json.toString());
    }

    /** {@code {"action": "approve-acquire", "request_id": text, "positions"?: [poi ids]}}. */
    private static ControlAction.ApproveAcquire approveAcquire(JsonNode json) throws ControlRejected {
        JsonNode id = json.path("request_id");
        if (!id.isTextual() || id.asText().isEmpty() || id.asText().length() > 64) {
            throw new ControlRejected("approve-acquire needs \"request_id\": the id of the acquisition request (1-64 "
                    + "characters), got " + shown(id));
        }
        JsonNode positions = json.path("positions");
        java.util.List<String> ids = null;
        if (!positions.isMissingNode() && !positions.isNull()) {
            if (!positions.isArray() || positions.size() > 1000) {
                throw new ControlRejected("approve-acquire \"positions\" must be a list of at most 1000 poi ids, got "
                        + shown(positions));
            }
            ids = new java.util.ArrayList<>();
            for (JsonNode p : positions) {
                if (!p.isTextual() || p.asText().length() > 32) {
                    throw new ControlRejected("approve-acquire \"positions\" must hold poi ids (text), got " + shown(p));
                }
                ids.add(p.asText());
            }
        }
        return new ControlAction.ApproveAcquire(id.asText(), ids);
    }

    private static JsonNode readJson(byte[] payload) throws ControlRejected {
        JsonNode json;
        try {
            json = JSON.readTree(payload);
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new ControlRejected("Control message is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ControlRejected("Control message is not valid JSON text: " + e.getMessage());
        }
        if (json == null || json.isMissingNode()) {
            throw new ControlRejected("Control message is empty; send a JSON object with an \"action\" text field");
        }
        return json;
    }

    private static String actor(JsonNode json) throws ControlRejected {
        JsonNode by = json.path("by");
        if (by.isMissingNode() || by.isNull()) {
            return UNNAMED_OPERATOR;
        }
        if (!by.isTextual() || by.asText().isBlank() || by.asText().length() > MAX_ACTOR || !Printable.is(by.asText())) {
            throw new ControlRejected("\"by\" must be a name of 1-%d printable characters, got %s"
                    .formatted(MAX_ACTOR, shown(by)));
        }
        return by.asText();
    }

    private static ControlAction setMode(JsonNode json) throws ControlRejected {
        JsonNode mode = json.path("mode");
        if (!mode.isTextual()) {
            throw new ControlRejected("set-mode: \"mode\" must be supervised or autonomous, got " + shown(mode));
        }
        try {
            return new ControlAction.SetMode(RunMode.parse(mode.asText()));
        } catch (IllegalArgumentException e) {
            throw new ControlRejected("set-mode: " + e.getMessage());
        }
    }

    private static ControlAction choose(JsonNode json) throws ControlRejected {
        JsonNode id = json.path("option");
        int option;
        if (id.isIntegralNumber() && id.canConvertToInt() && id.asInt() >= 0 && id.asInt() <= MAX_OPTION) {
            option = id.asInt();
        } else if (id.isTextual() && id.asText().strip().matches("\\d{1,9}")) {
            option = Integer.parseInt(id.asText().strip());
        } else {
            throw new ControlRejected("choose: \"option\" must be an option id (0 or more) from the pareto topic, got "
                    + shown(id));
        }
        JsonNode params = json.path("params");
        if (!params.isMissingNode() && !params.isNull() && !params.isObject()) {
            throw new ControlRejected("choose: \"params\" must be an object like the pareto option's, got " + shown(params));
        }
        return new ControlAction.Choose(option, optionalText(json, "frame_id"), optionalText(json, "run_id"),
                params.isObject() ? params : null);
    }

    private static ControlAction setLattice(JsonNode json) throws ControlRejected {
        JsonNode m = json.path("material");
        String material;
        try {
            material = Material.parse(m.isTextual() ? m.asText() : null).id();
        } catch (IllegalArgumentException e) {
            throw new ControlRejected("set-lattice: \"material\" must be graphene or srtio3, got " + shown(m));
        }
        JsonNode px = json.path("pixel_size_angstrom");
        double pixelSize = Double.NaN;
        if (!px.isMissingNode() && !px.isNull()) {
            if (!px.isNumber() || !(px.asDouble() > 0.001 && px.asDouble() < 100)) {
                throw new ControlRejected(
                        "set-lattice: \"pixel_size_angstrom\" must be a number in (0.001, 100), got " + shown(px));
            }
            pixelSize = px.asDouble();
        }
        return new ControlAction.SetLattice(material, pixelSize);
    }

    /** A text field that may be left out (or null); any other type is refused rather than ignored. */
    private static String optionalText(JsonNode json, String field) throws ControlRejected {
        JsonNode value = json.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new ControlRejected("\"%s\" must be text, got %s".formatted(field, shown(value)));
        }
        return value.asText();
    }

    /** A sent value for a message: its JSON, cut to 64 characters. */
    private static String shown(JsonNode value) {
        return value.isMissingNode() ? "nothing" : Printable.of(value.toString(), 64);
    }

    /** What kind of JSON value was sent instead of an object. */
    private static String describe(JsonNode value) {
        if (value.isMissingNode()) {
            return "nothing";
        }
        return switch (value.getNodeType()) {
            case ARRAY -> "an array";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            default -> shown(value);
        };
    }
}
