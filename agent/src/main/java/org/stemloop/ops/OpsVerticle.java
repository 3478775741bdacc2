package org.stemloop.ops;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.internal.logging.Logger;
import io.vertx.core.internal.logging.LoggerFactory;
import io.vertx.core.json.JsonObject;
import java.util.Objects;

/**
 * The agent's operations endpoint, on its own port ({@code metrics-port}, bound to {@code metrics-host},
 * loopback by default) so that a Prometheus scraper or a supervisor needs no login and works without the
 * web UI:
 *
 * <ul>
 *   <li>{@code GET /metrics}: every meter of {@link AgentMetrics} in Prometheus text format;</li>
 *   <li>{@code GET /health}: liveness, 200 {@code {"status": "up"}} whenever the process serves;</li>
 *   <li>{@code GET /ready}: readiness ({@link Readiness}), 200 when ready, 503 with the failing checks.</li>
 * </ul>
 *
 * Nothing here changes state; anything else is 404 (405 for another method). The scrape formats on a
 * worker thread (it walks every meter), the database check runs on its own worker thread.
 */
public final class OpsVerticle extends VerticleBase {

    private static final Logger LOG = LoggerFactory.getLogger(OpsVerticle.class);
    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final String host;
    private final int port;
    private final AgentMetrics metrics;
    private final Readiness readiness;
    private HttpServer server;
    private WorkerExecutor opsThread;

    /**
     * @param host the address to bind ({@code 127.0.0.1}: this machine only)
     * @param port the port, 0 for any free one ({@link #port()} tells which)
     */
    public OpsVerticle(String host, int port, AgentMetrics metrics, Readiness readiness) {
        this.host = Objects.requireNonNull(host, "host");
        this.port = port;
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.readiness = Objects.requireNonNull(readiness, "readiness");
    }

    /** The port it listens on (the chosen one when configured with 0). */
    public int port() {
        return server.actualPort();
    }

    @Override
    public Future<?> start() {
        opsThread = vertx.createSharedWorkerExecutor("stemloop-ops", 1);
        return vertx.createHttpServer().requestHandler(this::onRequest).listen(port, host)
                .onSuccess(s -> server = s)
                .recover(e -> Future.failedFuture(new IllegalStateException(
                        "Cannot serve metrics on %s:%d: %s".formatted(host, port, e.getMessage()), e)));
    }

    @Override
    public Future<?> stop() {
        Future<Void> closed = server == null ? Future.succeededFuture() : server.close();
        return closed.eventually(() -> opsThread.close());
    }

    private void onRequest(HttpServerRequest request) {
        String path = request.path();
        if (!path.equals("/metrics") && !path.equals("/health") && !path.equals("/ready")) {
            json(request, 404, new JsonObject().put("error", "no such path: " + path
                    + " (this port serves /metrics, /health and /ready)"));
        } else if (request.method() != HttpMethod.GET && request.method() != HttpMethod.HEAD) {
            request.response().putHeader("Allow", "GET, HEAD");
            json(request, 405, new JsonObject().put("error", request.method() + " not allowed on " + path));
        } else if (path.equals("/metrics")) {
            opsThread.executeBlocking(metrics::scrape, false)
                    .onSuccess(text -> request.response().putHeader("Content-Type", PROMETHEUS_TEXT).end(text))
                    .onFailure(e -> failed(request, e));
        } else if (path.equals("/health")) {
            json(request, 200, new JsonObject().put("status", "up"));
        } else {
            readiness.check(opsThread)
                    .onSuccess(r -> json(request, "ready".equals(r.getString("status")) ? 200 : 503, r))
                    .onFailure(e -> failed(request, e));
        }
    }

    private static void failed(HttpServerRequest request, Throwable e) {
        LOG.error("Ops request " + request.path() + " failed: " + e.getMessage(), e);
        json(request, 500, new JsonObject().put("error", "internal error: " + e.getMessage()));
    }

    private static void json(HttpServerRequest request, int status, JsonObject body) {
        request.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                .putHeader("Cache-Control", "no-store").end(body.encode());
    }
}
