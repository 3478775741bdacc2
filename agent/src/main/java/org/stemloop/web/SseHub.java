package org.stemloop.web;

import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The browsers following the live view: Server-Sent Events ({@code text/event-stream}). Each new
 * stream gets the full state at once (a late joiner sees the present), then every change. Each stream
 * belongs to the session that opened it: it is closed when that session logs out
 * ({@link #closeSession}) or, checked every few seconds ({@link #closeIf}), when the session expires or
 * its user is removed or changes role. Confined to the web verticle's event loop.
 */
final class SseHub {

    /** Whose stream: the session id, the user and role it was opened with. */
    record Owner(String sessionId, String user, Role role) {
    }

    private final Map<HttpServerResponse, Owner> streams = new LinkedHashMap<>();

    /** Opens a stream for this request and sends {@code first} as its first {@code state} event. */
    void open(RoutingContext ctx, String first) {
        HttpServerResponse r = ctx.response();
        r.setChunked(true).putHeader("Content-Type", "text/event-stream").putHeader("Cache-Control", "no-store")
                .putHeader("X-Accel-Buffering", "no");
        streams.put(r, new Owner(ctx.session().id(), Auth.user(ctx).orElseThrow(), Auth.role(ctx)));
        r.closeHandler(v -> streams.remove(r));
        r.exceptionHandler(e -> streams.remove(r));
        send(r, "state", first);
    }

    /** Sends one event to every open stream. */
    void broadcast(String event, String json) {
        for (HttpServerResponse r : List.copyOf(streams.keySet())) {
            send(r, event, json);
        }
    }

    /** A comment line now and then keeps proxies from closing idle streams. */
    void heartbeat() {
        for (HttpServerResponse r : List.copyOf(streams.keySet())) {
            if (!r.closed()) {
                r.write(": keep-alive\n\n");
            }
        }
    }

    /** The owners of the open streams, for the periodic check. */
    List<Owner> owners() {
        return List.copyOf(streams.values());
    }

    /** Ends the streams of that session (its logout). */
    void closeSession(String sessionId) {
        closeIf(o -> o.sessionId().equals(sessionId));
    }

    /** Ends every stream whose owner matches (expired session, removed user, changed role). */
    void closeIf(Predicate<Owner> ended) {
        for (Map.Entry<HttpServerResponse, Owner> e : List.copyOf(streams.entrySet())) {
            if (ended.test(e.getValue())) {
                streams.remove(e.getKey());
                if (!e.getKey().closed()) {
                    // an event the page understands, then the end of the response
                    e.getKey().write("event: logout\ndata: {}\n\n");
                    e.getKey().end();
                }
            }
        }
    }

    int size() {
        return streams.size();
    }

    void closeAll() {
        closeIf(o -> true);
    }

    private void send(HttpServerResponse r, String event, String json) {
        if (r.closed()) {
            streams.remove(r);
            return;
        }
        // a browser that reads slower than we write is dropped, not buffered without bound
        if (r.writeQueueFull()) {
            streams.remove(r);
            r.reset();
            return;
        }
        r.write("event: " + event + "\ndata: " + json + "\n\n");
    }
}
