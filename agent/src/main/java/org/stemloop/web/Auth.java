package org.stemloop.web;

import io.vertx.core.Vertx;
import io.vertx.core.internal.logging.Logger;
import io.vertx.core.internal.logging.LoggerFactory;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.Session;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import org.stemloop.mqtt.Printable;

/**
 * Logins, sessions, roles and CSRF for the web UI.
 *
 * <ul>
 *   <li>Everything needs a logged-in session except {@link #PUBLIC}: without one, {@code /api/...}
 *       answers 401 and pages redirect to the login page.</li>
 *   <li>Every state-changing request (anything but GET, HEAD, OPTIONS) must carry the session's
 *       token in the {@value #CSRF_HEADER} header (synchronizer token), else 403. The login, which has
 *       no session yet, carries the token of {@code GET /api/csrf}, which an anonymous caller gets as a
 *       cookie ({@value #LOGIN_CSRF_COOKIE}, double submit): no server state before a login.</li>
 *   <li>Operator-only routes answer 403 to viewers.</li>
 *   <li>Login attempts are counted on arrival, before the hash is checked, per user name and per
 *       client address ({@link LoginThrottle}): 429 with {@code Retry-After} past a budget. Successes and
 *       failures are logged with the user name and address.</li>
 *   <li>A session exists only after a login: a new session id (no fixation) and a new CSRF token.
 *       Anonymous requests get none ({@link #anonymousWithoutSession}).</li>
 *   <li>A session whose user was removed from the users file, or whose role changed, is ended at its
 *       next request ({@link UserDirectory}); its live streams are closed within a few seconds.</li>
 * </ul>
 * Passwords are checked with PBKDF2 on a worker thread.
 */
final class Auth {

    static final String CSRF_HEADER = "X-CSRF-Token";
    /** The cookie of the pre-login CSRF token (double submit: the header must repeat it). */
    static final String LOGIN_CSRF_COOKIE = "stemloop.login-csrf";
    /** The session cookie's name. */
    static final String SESSION_COOKIE = "stemloop.session";
    private static final Logger LOG = LoggerFactory.getLogger(Auth.class);
    /** Paths open without a session. */
    static final Set<String> PUBLIC = Set.of("/login.html", "/login.js", "/style.css", "/favicon.svg", "/api/health",
            "/api/login", "/api/csrf");
    private static final String USER = "user";
    private static final String ROLE = "role";
    private static final String CSRF = "csrf";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Vertx vertx;
    private final Path usersFile;
    private final UserDirectory directory;
    private final SseHub sse;
    private final LoginThrottle throttle = new LoginThrottle(System::currentTimeMillis);

    Auth(Vertx vertx, Path usersFile, UserDirectory directory, SseHub sse) {
        this.vertx = vertx;
        this.usersFile = usersFile;
        this.directory = directory;
        this.sse = sse;
    }

    /**
     * Runs {@code sessions} only for requests that carry a session cookie or log in: an anonymous page
     * load or API call creates no session (nothing to store, no cookie), so anonymous requests cannot
     * fill the session store.
     */
    static io.vertx.core.Handler<RoutingContext> anonymousWithoutSession(io.vertx.core.Handler<RoutingContext> sessions) {
        return ctx -> {
            boolean login = ctx.request().method() == HttpMethod.POST && "/api/login".equals(ctx.normalizedPath());
            if (login || ctx.request().getCookie(SESSION_COOKIE) != null) {
                sessions.handle(ctx);
            } else {
                ctx.next();
            }
        };
    }

    /** The logged-in user's name, if any. */
    static Optional<String> user(RoutingContext ctx) {
        Session s = ctx.session();
        return Optional.ofNullable(s == null || s.isDestroyed() ? null : s.get(USER));
    }

    /** Whether cookies are marked {@code Secure} (behind HTTPS). */
    private boolean secureCookies;

    Auth secureCookies(boolean secure) {
        this.secureCookies = secure;
        return this;
    }

    static Role role(RoutingContext ctx) {
        return Role.parse(ctx.session().get(ROLE));
    }

    /**
     * 401 (API) or a redirect to the login page (pages) without a logged-in session. A session whose user
     * is no longer in the users file with the role it logged in with is ended here.
     */
    void requireLogin(RoutingContext ctx) {
        Optional<String> user = user(ctx);
        if (user.isPresent() && !directory.stillValid(user.get(), role(ctx))) {
            LOG.info("Session of " + user.get() + " ended: the user was removed or their role changed");
            endSession(ctx);
            user = Optional.empty();
        } else if (user.isEmpty() && ctx.session() != null && !isLogin(ctx)) {
            // a cookie of an unknown or expired session: no new session in its place
            ctx.session().destroy();
        }
        if (PUBLIC.contains(ctx.normalizedPath()) || user.isPresent()) {
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
        String expected = isLogin(ctx) ? loginToken(ctx) : ctx.session() == null ? null : ctx.session().get(CSRF);
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

    /**
     * GET /api/csrf: the session's CSRF token; without a logged-in session, a login token, also set as
     * the {@value #LOGIN_CSRF_COOKIE} cookie (no session is created).
     */
    void csrf(RoutingContext ctx) {
        if (user(ctx).isPresent()) {
            Http.json(ctx, 200, new JsonObject().put("csrf", csrfToken(ctx.session())));
            return;
        }
        String token = newToken();
        ctx.response().addCookie(io.vertx.core.http.Cookie.cookie(LOGIN_CSRF_COOKIE, token).setPath("/api/login")
                .setHttpOnly(true).setSameSite(io.vertx.core.http.CookieSameSite.STRICT).setSecure(secureCookies));
        Http.json(ctx, 200, new JsonObject().put("csrf", token));
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
        if (name == null || password == null || name.length() > 64 || password.length() > 1024) {
            Http.error(ctx, 400, "username and password required (at most 64 and 1024 characters)");
            return;
        }
        String address = ctx.request().remoteAddress() == null ? "?" : ctx.request().remoteAddress().hostAddress();
        // counted now, before the hash is checked on a worker: parallel guesses are each counted
        long wait = throttle.begin(name, address);
        if (wait > 0) {
            LOG.warn("Login refused (throttled " + (wait + 999) / 1000 + " s): user " + Printable.of(name, 64)
                    + " from " + address);
            ctx.response().putHeader("Retry-After", Long.toString((wait + 999) / 1000));
            Http.error(ctx, 429, "too many login attempts; try again in " + (wait + 999) / 1000 + " s");
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
                        LOG.warn("Login failed: user " + Printable.of(name, 64) + " from " + address);
                        Http.error(ctx, 401, "wrong user name or password");
                        return;
                    }
                    throttle.succeeded(name, address);
                    LOG.info("Login: " + name + " (" + found.get().role().id() + ") from " + address);
                    Session s = ctx.session();
                    s.regenerateId();
                    s.put(USER, found.get().name());
                    s.put(ROLE, found.get().role().id());
                    s.put(CSRF, newToken());
                    ctx.response().addCookie(io.vertx.core.http.Cookie.cookie(LOGIN_CSRF_COOKIE, "")
                            .setPath("/api/login").setMaxAge(0));
                    Http.json(ctx, 200, new JsonObject().put("user", found.get().name())
                            .put("role", found.get().role().id()).put("csrf", s.<String>get(CSRF)));
                });
    }

    /** POST /api/logout. */
    void logout(RoutingContext ctx) {
        LOG.info("Logout: " + user(ctx).orElse("?"));
        endSession(ctx);
        ctx.response().setStatusCode(204).end();
    }

    /** Destroys the session and closes its live streams. */
    private void endSession(RoutingContext ctx) {
        sse.closeSession(ctx.session().id());
        ctx.session().destroy();
    }

    private static boolean isLogin(RoutingContext ctx) {
        return ctx.request().method() == HttpMethod.POST && "/api/login".equals(ctx.normalizedPath());
    }

    private static String loginToken(RoutingContext ctx) {
        io.vertx.core.http.Cookie c = ctx.request().getCookie(LOGIN_CSRF_COOKIE);
        return c == null || c.getValue().isEmpty() ? null : c.getValue();
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
