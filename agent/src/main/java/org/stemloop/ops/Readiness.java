package org.stemloop.ops;

import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonObject;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * What {@code GET /ready} checks: the agent finished starting, its MQTT client is connected, and its
 * database answers a trivial query within {@link #DATABASE_TIMEOUT_MS}. Each check says why it failed.
 *
 * @param started         whether the agent's verticles are all deployed
 * @param brokerConnected whether the agent's MQTT client is connected now
 * @param databasePing    a blocking query that throws when the database cannot be reached
 */
public record Readiness(BooleanSupplier started, BooleanSupplier brokerConnected, DatabasePing databasePing) {

    /** How long the database may take to answer before the agent counts as not ready. */
    public static final long DATABASE_TIMEOUT_MS = 2_000;

    public Readiness {
        Objects.requireNonNull(started, "started");
        Objects.requireNonNull(brokerConnected, "brokerConnected");
        Objects.requireNonNull(databasePing, "databasePing");
    }

    /** A blocking check of the database connection. */
    @FunctionalInterface
    public interface DatabasePing {
        void ping() throws Exception;
    }

    /**
     * Runs the checks (the database on {@code dbThread}); completes with
     * {@code {"status": "ready"|"not-ready", "checks": {"agent"|"broker"|"database": {"ok", "detail"}}}}.
     */
    Future<JsonObject> check(WorkerExecutor dbThread) {
        JsonObject checks = new JsonObject()
                .put("agent", result(started.getAsBoolean(), "started", "starting"))
                .put("broker", result(brokerConnected.getAsBoolean(), "connected", "disconnected"));
        return dbThread.executeBlocking(() -> {
                    databasePing.ping();
                    return null;
                }, false)
                .timeout(DATABASE_TIMEOUT_MS, TimeUnit.MILLISECONDS)
                .transform(ar -> Future.succeededFuture(ar.succeeded() ? result(true, "reachable", null)
                        : result(false, null, "unreachable: " + ar.cause().getMessage())))
                .map(db -> {
                    checks.put("database", db);
                    boolean ready = checks.stream().allMatch(e -> ((JsonObject) e.getValue()).getBoolean("ok"));
                    return new JsonObject().put("status", ready ? "ready" : "not-ready").put("checks", checks);
                });
    }

    private static JsonObject result(boolean ok, String good, String bad) {
        return new JsonObject().put("ok", ok).put("detail", ok ? good : bad);
    }
}
