package org.stemloop.web;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.Session;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;

/**
 * Logins, sessions, roles and CSRF for the web UI.
 *
 * <ul>
 *   <li>Everything needs a logged-in session except {@link #PUBLIC}: without one, {@code /api/...}
 *       answers 401 and pages redirect to the login page.</li>
 *   <li>Every state-changing request (anything but GET, HEAD, OPTIONS) must carry the session's
 *       token in the {@value #CSRF_HEADER} header (synchronizer token), else 403; the login itself
 *       too, with the token from {@code GET /api/csrf}.</li>
 *   <li>Operator-only routes answer 403 to viewers.</li>
 *   <li>Failed logins are throttled per user name and per client address ({@link LoginThrottle}):
 *       429 with {@code Retry-After}.</li>
 *   <li>A login gets a new session id (no fixation) and a new CSRF token.</li>
 * </ul>
 * Passwords are checked with PBKDF2 on a worker thread.
 */
final class Auth {

    static final String CSRF_HEADER = "X-CSRF-Token";
    /** Paths open without a session. */
    static final Set<String> PUBLIC = Set.of("/login.html", "/login.js", "/style.css", "/favicon.svg", "/api/health",
            "/api/login", "/api/csrf");
    private static final String USER = "user";
    private static final String ROLE = "role";
    private static final String CSRF = "csrf";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Vertx vertx;
    private final Path usersFile;
    private final LoginThrottle throttle = new LoginThrottle(System::currentTimeMillis);

    Auth(Vertx vertx, Path usersFile) {
        this.vertx = vertx;
        this.usersFile = usersFile;
    }

    /** The logged-in user's name, if any. */
    static Optional<String> user(RoutingContext ctx) {
        Session s = ctx.session();
        return Optional.ofNullable(s == null ? null : s.get(USER));
    }

    static Role role(RoutingContext ctx) {
        return Role.parse(ctx.session().get(ROLE));
    }

    /** 401 (API) or a redirect to the login page (pages) without a logged-in session. */
    void requireLogin(RoutingContext ctx) {
        if (PUBLIC.contains(ctx.normalizedPath()) || user(ctx).isPresent()) {
            ctx.next();
        } else if (ctx.normalizedPath().startsWith("/api/")) {
            Http.error(ctx, 401, "login required");
        } else {
            ctx.response().setStatusCode(302).putHeader("Location", "/login.html").end();
        }
    }

    /** 403 for a state-changing request without the session's CSRF token. */
    void checkCsrf(RoutingContext ctx) {
        HttpMethod m = ctx.request().method();
        if (m == HttpMethod.GET || m == HttpMethod.HEAD || m == HttpMethod.OPTIONS) {
            ctx.next();
            return;
        }
        String expected = ctx.session() == null ? null : ctx.session().get(CSRF);
        String given = ctx.request().getHeader(CSRF_HEADER);
        if (expected == null || given == null || !java.security.MessageDigest.isEqual(
                expected.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                given.getBytes(java.nio.charset.StandardCharsets.UTF_8))) {
            Http.error(ctx, 403, "missing or wrong " + CSRF_HEADER + " header (GET /api/csrf or /api/me gives it)");
        } else {
            ctx.next();
        }
    }

    /** 403 unless the user is an operator. */
    void requireOperator(RoutingContext ctx) {
        if (role(ctx) == Role.OPERATOR) {
            ctx.next();
        } else {
            Http.error(ctx, 403, "operators only: " + user(ctx).orElse("?") + " is a viewer");
        }
    }

    /** GET /api/csrf: the session's CSRF token (a session is created if needed). */
    void csrf(RoutingContext ctx) {
        Http.json(ctx, 200, new JsonObject().put("csrf", csrfToken(ctx.session())));
    }

    /** GET /api/me. */
    void me(RoutingContext ctx) {
        Http.json(ctx, 200, new JsonObject().put("user", user(ctx).orElseThrow()).put("role", role(ctx).id())
                .put("csrf", csrfToken(ctx.session())));
    }

    /** POST /api/login {@code {"username", "password"}}. */
    void login(RoutingContext ctx) {
        JsonObject body = ctx.body().asJsonObject();
        String name = body == null ? null : body.getString("username");
        String password = body == null ? null : body.getString("password");
        if (name == null || password == null) {
            Http.error(ctx, 400, "username and password required");
            return;
        }
        String address = ctx.request().remoteAddress() == null ? "?" : ctx.request().remoteAddress().hostAddress();
        long wait = Math.max(throttle.retryAfterMs("user:" + name, LoginThrottle.PER_USER),
                throttle.retryAfterMs("ip:" + address, LoginThrottle.PER_ADDRESS));
        if (wait > 0) {
            ctx.response().putHeader("Retry-After", Long.toString((wait + 999) / 1000));
            Http.error(ctx, 429, "too many failed logins; try again in " + (wait + 999) / 1000 + " s");
            return;
        }
        vertx.executeBlocking(() -> {
                    Optional<UserFile.User> user = UserFile.load(usersFile).find(name);
                    // an unknown name costs the same PBKDF2 work as a known one: the timing tells nothing
                    boolean ok = PasswordHash.verify(password.toCharArray(),
                            user.map(UserFile.User::hash).orElseGet(() -> UnknownUser.HASH));
                    return user.filter(u -> ok);
                }, false)
                .onFailure(ctx::fail)
                .onSuccess(found -> {
                    if (found.isEmpty()) {
                        throttle.failed("user:" + name);
                        throttle.failed("ip:" + address);
                        Http.error(ctx, 401, "wrong user name or password");
                        return;
                    }
                    throttle.succeeded("user:" + name);
                    Session s = ctx.session();
                    s.regenerateId();
                    s.put(USER, found.get().name());
                    s.put(ROLE, found.get().role().id());
                    s.put(CSRF, newToken());
                    Http.json(ctx, 200, new JsonObject().put("user", found.get().name())
                            .put("role", found.get().role().id()).put("csrf", s.<String>get(CSRF)));
                });
    }

    /** POST /api/logout. */
    void logout(RoutingContext ctx) {
        ctx.session().destroy();
        ctx.response().setStatusCode(204).end();
    }

    private static String csrfToken(Session s) {
        String token = s.get(CSRF);
        if (token == null) {
            token = newToken();
            s.put(CSRF, token);
        }
        return token;
    }

    private static String newToken() {
        byte[] b = new byte[24];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    /** Checked against when the user name is unknown; no password matches it. Made on first use, on a worker. */
    private static final class UnknownUser {
        static final String HASH = PasswordHash.hash(newToken().toCharArray());
    }
}
