package org.stemloop.web;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.internal.logging.Logger;
import io.vertx.core.internal.logging.LoggerFactory;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.sstore.SessionStore;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.SessionHandler;
import io.vertx.ext.web.handler.StaticHandler;
import io.vertx.ext.web.sstore.LocalSessionStore;
import org.stemloop.mqtt.MessageSigning;
import org.stemloop.store.Database;
import org.stemloop.store.WebQueries;

/**
 * The web UI's one verticle: the HTTP server (static {@code web-ui/} from the classpath, WebJars, the
 * JSON API of {@code web-ui/openapi.yaml}, the live stream) and its MQTT client. Routes are wired
 * here; the handlers live in {@link Auth}, {@link LiveRoutes} and {@link HistoryRoutes}. JDBC and
 * password hashing run on worker threads; the live state stays on this verticle's event loop.
 */
final class WebVerticle extends VerticleBase {

    private static final Logger LOG = LoggerFactory.getLogger(WebVerticle.class);
    private static final long SESSION_TIMEOUT_MS = 8 * 3600_000L;
    /** The largest request body: the API's JSON bodies are a few hundred bytes. */
    static final long MAX_BODY_BYTES = 16 * 1024;

    private final WebConfig config;
    private Database db;
    private WebMqtt mqtt;
    private SseHub sse;
    private HttpServer server;
    private WorkerExecutor dbThread;
    private long heartbeat;
    private long streamCheck;
    private UserDirectory directory;
    private SessionStore sessions;

    WebVerticle(WebConfig config) {
        this.config = config;
    }

    int port() {
        return server.actualPort();
    }

    @Override
    public Future<?> start() {
        dbThread = vertx.createSharedWorkerExecutor("stemloop-web-db", 1);
        sse = new SseHub();
        sessions = LocalSessionStore.create(vertx);
        directory = new UserDirectory(vertx, config.usersFile());
        LiveState live = new LiveState(config.broker().topics().instrument());
        return directory.start().compose(v -> signing())
                .compose(auth -> vertx.executeBlocking(() -> Database.open(config.jdbcUrl())).compose(opened -> {
            db = opened;
            WebQueries queries = new WebQueries(db);
            LiveRoutes liveRoutes = new LiveRoutes(vertx, live, sse, dbThread, queries, this::mqtt,
                    config.broker().topics(), config.limits(), auth);
            mqtt = new WebMqtt(config.broker(), context, liveRoutes::onMessage, auth);
            LoopRoutes loopRoutes = new LoopRoutes(live, liveRoutes::broadcast, dbThread, queries,
                    new org.stemloop.store.SpectraQueries(db), this::mqtt);
            Router router = router(new Auth(vertx, config.usersFile(), directory, sse)
                    .secureCookies(config.secureCookies()), liveRoutes, new HistoryRoutes(dbThread, queries), loopRoutes,
                    new TrackRoutes(dbThread, queries, new org.stemloop.store.TrackStore(db)));
            heartbeat = vertx.setPeriodic(15_000, id -> sse.heartbeat());
            streamCheck = vertx.setPeriodic(UserDirectory.CHECK_MS, id -> checkStreams());
            HttpServerOptions options = new HttpServerOptions();
            if (config.https() != null) {
                config.https().applyTo(options);
            }
            return mqtt.connect().compose(v -> vertx.createHttpServer(options).requestHandler(router)
                    .listen(config.port(), config.host()));
        })).onSuccess(s -> server = s);
    }

    /**
     * The message-signing key of this Vert.x instance (the agent's, when it runs beside), else the one
     * beside the users file, created if missing and installed for both.
     */
    private Future<MessageSigning> signing() {
        return MessageSigning.on(vertx).map(Future::succeededFuture).orElseGet(() -> vertx.executeBlocking(() ->
                MessageSigning.loadOrCreate(config.usersFile().toAbsolutePath().resolveSibling(
                        MessageSigning.DEFAULT_KEY_FILE.getFileName())).installOn(vertx)));
    }

    private WebMqtt mqtt() {
        return mqtt;
    }

    /**
     * Ends the live streams whose user was removed or changed role, or whose session is gone (expired:
     * the store drops it after {@link #SESSION_TIMEOUT_MS} without a request).
     */
    private void checkStreams() {
        sse.closeIf(o -> !directory.stillValid(o.user(), o.role()));
        for (SseHub.Owner o : sse.owners()) {
            sessions.get(o.sessionId()).onSuccess(s -> {
                if (s == null) {
                    sse.closeSession(o.sessionId());
                }
            });
        }
    }

    private Router router(Auth auth, LiveRoutes live, HistoryRoutes history, LoopRoutes loop, TrackRoutes tracks) {
        Router r = Router.router(vertx);
        r.route().handler(this::securityHeaders);
        r.route().handler(Auth.anonymousWithoutSession(SessionHandler.create(sessions)
                .setSessionCookieName(Auth.SESSION_COOKIE).setCookieHttpOnlyFlag(true).setLazySession(true)
                .setCookieSameSite(CookieSameSite.STRICT).setCookieSecureFlag(config.secureCookies())
                .setSessionTimeout(SESSION_TIMEOUT_MS)));
        r.route().handler(auth::requireLogin);
        r.route().handler(WebVerticle::jsonBodiesOnly);
        // no file uploads (nothing is ever written to disk) and a bound on every body
        r.route().handler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES));
        r.route().handler(auth::checkCsrf);

        r.get("/api/health").handler(ctx -> Http.json(ctx, 200, new io.vertx.core.json.JsonObject()
                .put("status", "up").put("mqtt", mqtt.connected() ? "connected" : "disconnected")));
        r.get("/api/csrf").handler(auth::csrf);
        r.post("/api/login").handler(auth::login);
        r.post("/api/logout").handler(auth::logout);
        r.get("/api/me").handler(auth::me);

        r.get("/api/live").handler(live::stream);
        r.get("/api/state").handler(live::state);
        r.get("/api/settings").handler(live::settings);
        r.get("/api/live/frames/:frameId/image.png").handler(live::image);
        r.get("/api/pareto").handler(live::pareto);
        r.get("/api/pareto/options/:optionId/atoms").handler(live::optionAtoms);
        r.get("/api/pareto/options/:optionId/explain").handler(live::explainOption);
        r.post("/api/choices").handler(auth::requireOperator).handler(live::choose);
        r.post("/api/control").handler(auth::requireOperator).handler(live::control);
        r.get("/api/loop").handler(loop::loop);
        r.post("/api/acquisitions/:requestId/approve").handler(auth::requireOperator).handler(loop::approve);
        r.get("/api/acquisitions/:requestId/spectra").handler(loop::spectra);

        r.get("/api/runs").handler(history::runs);
        r.get("/api/runs/:runId/frames").handler(history::frames);
        r.get("/api/runs/:runId/decisions").handler(history::decisions);
        r.get("/api/runs/:runId/frames/:frameId/detections.json").handler(history::detectionsJson);
        r.get("/api/runs/:runId/frames/:frameId/detections.csv").handler(history::detectionsCsv);
        r.get("/api/runs/:runId/frames/:frameId/image.png").handler(history::image);
        r.get("/api/runs/:runId/tracks.csv").handler(tracks::csv);
        r.get("/api/runs/:runId/tracks.json").handler(tracks::json);
        r.route("/api/*").handler(ctx -> Http.error(ctx, 404, "no such API path: " + ctx.normalizedPath()));

        r.get("/webjars/:name/*").handler(new WebJars(vertx)::serve);
        r.get("/*").handler(StaticHandler.create("web-ui").setCachingEnabled(false).setIndexPage("index.html"));
        r.route().failureHandler(WebVerticle::failed);
        return r;
    }

    private void securityHeaders(RoutingContext ctx) {
        ctx.response().putHeader("X-Content-Type-Options", "nosniff").putHeader("X-Frame-Options", "DENY")
                .putHeader("Referrer-Policy", "same-origin")
                .putHeader("Content-Security-Policy", "default-src 'self'; img-src 'self' data: blob:; "
                        + "style-src 'self' 'unsafe-inline'; object-src 'none'; base-uri 'none'; "
                        + "form-action 'self'; frame-ancestors 'none'");
        if (config.https() != null) {
            ctx.response().putHeader("Strict-Transport-Security", "max-age=31536000");
        }
        ctx.next();
    }

    /** The API takes JSON only: a multipart or form body is refused before anything reads it. */
    private static void jsonBodiesOnly(RoutingContext ctx) {
        String type = ctx.request().getHeader("Content-Type");
        if (type != null && !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
            Http.error(ctx, 415, "request bodies must be application/json");
        } else {
            ctx.next();
        }
    }

    /** One generic answer to clients; the details go to the log only, under an id the answer repeats. */
    private static void failed(RoutingContext ctx) {
        Throwable e = ctx.failure();
        int status = ctx.statusCode() > 0 ? ctx.statusCode() : 500;
        String incident = java.util.UUID.randomUUID().toString().substring(0, 8);
        if (e != null) {
            LOG.error("Web request " + ctx.request().method() + " " + ctx.normalizedPath() + " failed (incident "
                    + incident + "): " + e, e);
        }
        if (!ctx.response().ended()) {
            Http.error(ctx, status, status == 413 ? "request body too large"
                    : "request failed (incident " + incident + " in the server log)");
        }
    }

    @Override
    public Future<?> stop() {
        vertx.cancelTimer(heartbeat);
        vertx.cancelTimer(streamCheck);
        if (directory != null) {
            directory.stop();
        }
        sse.closeAll();
        Future<Void> closed = server == null ? Future.succeededFuture() : server.close();
        return closed.eventually(() -> mqtt == null ? Future.succeededFuture() : mqtt.close())
                .eventually(() -> vertx.executeBlocking(() -> {
                    if (db != null) {
                        db.close();
                    }
                    return null;
                })).eventually(() -> dbThread.close());
    }
}
