package org.stemloop.web;

import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The browsers following the live view: Server-Sent Events ({@code text/event-stream}). Each new
 * stream gets the full state at once (a late joiner sees the present), then every change. Confined
 * to the web verticle's event loop.
 */
final class SseHub {

    private final Set<HttpServerResponse> streams = new LinkedHashSet<>();

    /** Opens a stream for this request and sends {@code first} as its first {@code state} event. */
    void open(RoutingContext ctx, String first) {
        HttpServerResponse r = ctx.response();
        r.setChunked(true).putHeader("Content-Type", "text/event-stream").putHeader("Cache-Control", "no-store")
                .putHeader("X-Accel-Buffering", "no");
        streams.add(r);
        r.closeHandler(v -> streams.remove(r));
        r.exceptionHandler(e -> streams.remove(r));
        send(r, "state", first);
    }

    /** Sends one event to every open stream. */
    void broadcast(String event, String json) {
        for (HttpServerResponse r : Set.copyOf(streams)) {
            send(r, event, json);
        }
    }

    /** A comment line now and then keeps proxies from closing idle streams. */
    void heartbeat() {
        for (HttpServerResponse r : Set.copyOf(streams)) {
            if (!r.closed()) {
                r.write(": keep-alive\n\n");
            }
        }
    }

    int size() {
        return streams.size();
    }

    void closeAll() {
        for (HttpServerResponse r : Set.copyOf(streams)) {
            if (!r.closed()) {
                r.end();
            }
        }
        streams.clear();
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
