package org.stemloop.web;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.webjars.WebJarVersionLocator;

/**
 * {@code GET /webjars/NAME/PATH}: a file of a WebJar on the classpath without its version in the URL
 * ({@code /webjars/echarts/dist/echarts.min.js}), so the pages do not change when the pom's version
 * does. Resolved by webjars-locator-lite; {@code ..} segments are refused.
 *
 * <p>Read from the class path on a worker thread and kept in memory (a few files, ~1 MB for ECharts):
 * {@code sendFile} would unpack the whole WebJar to disk on the event loop first (seconds, measured).
 */
final class WebJars {

    private final Vertx vertx;
    private final WebJarVersionLocator locator = new WebJarVersionLocator();
    private final Map<String, Future<Buffer>> files = new ConcurrentHashMap<>();

    WebJars(Vertx vertx) {
        this.vertx = vertx;
    }

    void serve(RoutingContext ctx) {
        String name = ctx.pathParam("name");
        String rest = ctx.pathParam("*");
        String full = rest == null || rest.contains("..") ? null : locator.fullPath(name, rest);
        if (full == null) {
            Http.error(ctx, 404, "no such WebJar file: " + name + "/" + rest);
            return;
        }
        files.computeIfAbsent(full, this::read).onFailure(ctx::fail).onSuccess(body -> ctx.response()
                .putHeader("Content-Type", contentType(full)).putHeader("Cache-Control", "private, max-age=3600")
                .end(body));
    }

    private Future<Buffer> read(String resource) {
        Future<Buffer> f = vertx.executeBlocking(() -> {
            try (InputStream in = WebJars.class.getClassLoader().getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IOException("WebJar resource vanished: " + resource);
                }
                return Buffer.buffer(in.readAllBytes());
            }
        }, false);
        return f.onFailure(e -> files.remove(resource, f));
    }

    private static String contentType(String path) {
        return path.endsWith(".js") ? "text/javascript; charset=utf-8"
                : path.endsWith(".css") ? "text/css; charset=utf-8"
                : path.endsWith(".json") || path.endsWith(".map") ? "application/json" : "application/octet-stream";
    }
}
