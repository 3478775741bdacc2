package org.stemloop.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Objects;

/**
 * An operator's choice of a Pareto option, from the moment it is sent on the control topic until the
 * agent's detections show its parameters ({@code applied}) or the agent answers on the errors topic
 * ({@code refused}).
 *
 * @param requestId     the id sent with the control message
 * @param optionId      the option chosen
 * @param paretoFrameId the frame whose Pareto front offered it
 * @param params        the option's LoG parameters, as in the pareto message
 * @param by            the operator's user name
 * @param at            when it was sent
 * @param state         {@code pending}, {@code applied} or {@code refused}
 * @param appliedFrame  the first frame analysed with these parameters, or {@code null}
 * @param detail        the agent's answer when refused, or {@code null}
 */
record Pending(String requestId, String optionId, String paretoFrameId, JsonNode params, String by, Instant at,
               String state, String appliedFrame, String detail) {

    Pending {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(optionId, "optionId");
        Objects.requireNonNull(params, "params");
        Objects.requireNonNull(by, "by");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(state, "state");
    }

    static Pending sent(String requestId, String optionId, String paretoFrameId, JsonNode params, String by,
                        Instant at) {
        return new Pending(requestId, optionId, paretoFrameId, params, by, at, "pending", null, null);
    }

    boolean isPending() {
        return state.equals("pending");
    }

    Pending applied(String frameId) {
        return new Pending(requestId, optionId, paretoFrameId, params, by, at, "applied", frameId, null);
    }

    Pending refused(String why) {
        return new Pending(requestId, optionId, paretoFrameId, params, by, at, "refused", null, why);
    }

    /** Whether detections made with {@code used} were made with this choice's parameters. */
    boolean matches(JsonNode used) {
        for (String key : new String[] {"min_sigma", "max_sigma", "num_sigma", "threshold", "overlap"}) {
            JsonNode a = params.path(key);
            JsonNode b = used.path(key);
            if (a.isNumber() != b.isNumber() || a.isNumber() && Math.abs(a.asDouble() - b.asDouble()) > 1e-9) {
                return false;
            }
        }
        return true;
    }

    ObjectNode toJson() {
        ObjectNode n = JsonNodeFactory.instance.objectNode().put("request_id", requestId).put("option_id", optionId)
                .put("pareto_frame_id", paretoFrameId).put("by", by).put("at", at.toString()).put("state", state)
                .put("applied_frame_id", appliedFrame).put("detail", detail);
        n.set("params", params);
        return n;
    }
}
