package org.stemloop.web;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** JSON answers: the body of every API response, errors as {@code {"error": status word, "detail"}}. */
final class Http {

    private Http() {
    }

    static void json(RoutingContext ctx, int status, Object json) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                .putHeader("Cache-Control", "no-store").end(json.toString());
    }

    static void error(RoutingContext ctx, int status, String detail) {
        String word = switch (status) {
            case 400 -> "bad-request";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "not-found";
            case 409 -> "conflict";
            case 413 -> "payload-too-large";
            case 415 -> "unsupported-media-type";
            case 429 -> "too-many-requests";
            case 503 -> "unavailable";
            default -> "error";
        };
        json(ctx, status, new JsonObject().put("error", word).put("detail", detail));
    }
}
