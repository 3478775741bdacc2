package org.stemloop.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stemloop.mqtt.MessageSigning;

/**
 * The attacks of issue 18, run against a real agent, broker, database and web UI as an outsider on the
 * network would run them: parallel password guessing, multipart uploads, anonymous page loads, a live
 * stream kept after logout or after the user is removed, results and control messages forged on MQTT,
 * and every API path of {@code web-ui/openapi.yaml} called anonymously.
 */
@Tag("integration")
class SecurityTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** A second client address: Linux routes all of 127/8 to the loopback interface. */
    private static final String OTHER_ADDRESS = "127.0.0.2";
    /** The attacker's address (the other tests log in from 127.0.0.1, which stays unthrottled). */
    private static final String ATTACKER = "127.0.0.3";

    @TempDir
    static Path dir;
    private static WebFixture fx;

    @BeforeAll
    static void start() throws Exception {
        fx = WebFixture.start(dir);
    }

    @AfterAll
    static void stop() throws Exception {
        fx.close();
    }

    private static int port() {
        return fx.web.port();
    }

    /** One login attempt from {@code from}, with its own pre-login CSRF cookie and token. */
    private static RawHttp.Response login(String from, String user, String password) throws Exception {
        RawHttp.Response csrf = RawHttp.get(from, port(), "/api/csrf");
        String cookie = csrf.all("Set-Cookie").stream().filter(c -> c.startsWith(Auth.LOGIN_CSRF_COOKIE + "="))
                .findFirst().orElseThrow().split(";")[0];
        String token = JSON.readTree(csrf.body()).get("csrf").asText();
        return RawHttp.postJson(from, port(), "/api/login", JSON.createObjectNode().put("username", user)
                .put("password", password).toString(), "Cookie: " + cookie, Auth.CSRF_HEADER + ": " + token);
    }

    @Test
    void parallelGuessingIsMostlyRefusedWhileTheOperatorLogsInFromTheirOwnAddress() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(40);
        try {
            List<Future<Integer>> guesses = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                int n = i;
                guesses.add(pool.submit(() -> login(ATTACKER, WebFixture.OPERATOR, "wrong-guess-" + n).status()));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> g : guesses) {
                statuses.add(g.get(60, TimeUnit.SECONDS));
            }
            Map<Integer, Long> counts = statuses.stream().collect(Collectors.groupingBy(Function.identity(),
                    Collectors.counting()));
            // the budget (5) at once, then one more each time the doubling backoff (1, 2, 4 s...) has passed
            // while the 40 trickle in on a busy machine: at most 10 checked, at least 30 refused unchecked
            assertThat(counts.getOrDefault(429, 0L)).as("refused: %s", counts).isGreaterThanOrEqualTo(30L);
            assertThat(counts.getOrDefault(401, 0L)).as("checked: %s", counts)
                    .isBetween((long) LoginThrottle.PER_USER_AT_ADDRESS, 10L);
            assertThat(counts).doesNotContainKey(200);
        } finally {
            pool.shutdownNow();
        }
        RawHttp.Response flooded = login(ATTACKER, WebFixture.OPERATOR, WebFixture.OPERATOR_PASSWORD);
        assertThat(flooded.status()).as("the flooding address, even with the password").isEqualTo(429);
        assertThat(flooded.all("Retry-After")).isNotEmpty();
        RawHttp.Response real = login(OTHER_ADDRESS, WebFixture.OPERATOR, WebFixture.OPERATOR_PASSWORD);
        assertThat(real.status()).as("the real operator from another address: %s", real.body()).isEqualTo(200);
        assertThat(real.all("Set-Cookie")).anyMatch(c -> c.startsWith(Auth.SESSION_COOKIE + "="));
    }

    @Test
    void multipartBodiesAreRefusedAndNothingIsWrittenToDisk() throws Exception {
        Path uploads = Path.of("file-uploads");
        long before = count(uploads);
        byte[] multipart = ("--XyZ\r\nContent-Disposition: form-data; name=\"f\"; filename=\"litter.bin\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n" + "x".repeat(4096) + "\r\n--XyZ--\r\n")
                .getBytes(StandardCharsets.UTF_8);
        for (String path : List.of("/api/login", "/api/csrf", "/login.html", "/api/logout")) {
            RawHttp.Response r = RawHttp.exchange("127.0.0.1", port(), "POST " + path
                    + " HTTP/1.1\r\nContent-Type: multipart/form-data; boundary=XyZ", multipart);
            assertThat(r.status()).as("multipart POST %s", path).isIn(401, 403, 404, 405, 415);
        }
        HttpSession operator = HttpSession.loggedIn(fx.base(), WebFixture.OPERATOR, WebFixture.OPERATOR_PASSWORD);
        assertThat(RawHttp.exchange("127.0.0.1", port(), "POST /api/control HTTP/1.1\r\nContent-Type: multipart/"
                + "form-data; boundary=XyZ\r\nCookie: " + sessionCookie(operator) + "\r\n" + Auth.CSRF_HEADER + ": "
                + operator.csrf, multipart).status()).as("logged in, multipart").isEqualTo(415);
        RawHttp.Response big = RawHttp.postJson("127.0.0.1", port(), "/api/login",
                "{\"username\": \"" + "x".repeat((int) WebVerticle.MAX_BODY_BYTES) + "\"}");
        assertThat(big.status()).as("a body over the limit").isIn(403, 413);
        assertThat(count(uploads)).as("files in %s", uploads.toAbsolutePath()).isEqualTo(before);
        try (var files = Files.walk(dir)) {
            assertThat(files.filter(p -> p.getFileName().toString().contains("litter"))).isEmpty();
        }
    }

    @Test
    void anonymousRequestsGetNoSession() throws Exception {
        for (String path : List.of("/login.html", "/", "/api/health", "/api/csrf", "/api/state", "/style.css")) {
            RawHttp.Response r = RawHttp.get("127.0.0.1", port(), path);
            assertThat(r.all("Set-Cookie")).as("GET %s", path).noneMatch(c -> c.startsWith(Auth.SESSION_COOKIE));
        }
        RawHttp.Response stale = RawHttp.get("127.0.0.1", port(), "/login.html",
                "Cookie: " + Auth.SESSION_COOKIE + "=0123456789abcdef0123456789abcdef");
        assertThat(stale.all("Set-Cookie")).as("an unknown session id").noneMatch(c ->
                c.startsWith(Auth.SESSION_COOKIE + "=") && !c.startsWith(Auth.SESSION_COOKIE + "=;")
                        && !c.contains("Max-Age=0"));
        RawHttp.Response wrong = login("127.0.0.1", WebFixture.VIEWER, "not-the-password");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.all("Set-Cookie")).as("a failed login").noneMatch(c -> c.startsWith(Auth.SESSION_COOKIE));
    }

    @Test
    void theLiveStreamEndsAtLogoutAndWhenTheUserIsRemovedOrChangesRole() throws Exception {
        HttpSession op = HttpSession.loggedIn(fx.base(), WebFixture.OPERATOR, WebFixture.OPERATOR_PASSWORD);
        CompletableFuture<List<String>> stream = follow(op);
        assertThat(op.post("/api/logout", "{}").statusCode()).isEqualTo(204);
        List<String> lines = stream.get(10, TimeUnit.SECONDS);
        assertThat(lines).as("the stream ended with a logout event").contains("event: logout");
        assertThat(op.get("/api/state").statusCode()).isEqualTo(401);

        Path users = dir.resolve("users.txt");
        UserFile.load(users).put("eve", Role.VIEWER, "eve-secret-0001".toCharArray());
        UserFile.load(users).put("bob", Role.OPERATOR, "bob-secret-0001".toCharArray());
        Thread.sleep(UserDirectory.CHECK_MS * 2); // the web UI rereads the file
        HttpSession eve = HttpSession.loggedIn(fx.base(), "eve", "eve-secret-0001");
        HttpSession bob = HttpSession.loggedIn(fx.base(), "bob", "bob-secret-0001");
        CompletableFuture<List<String>> eveStream = follow(eve);
        CompletableFuture<List<String>> bobStream = follow(bob);
        UserFile.load(users).remove("eve");
        UserFile.load(users).put("bob", Role.VIEWER, "bob-secret-0001".toCharArray());
        assertThat(eveStream.get(15, TimeUnit.SECONDS)).as("removed").contains("event: logout");
        assertThat(bobStream.get(15, TimeUnit.SECONDS)).as("role changed").contains("event: logout");
        assertThat(eve.get("/api/state").statusCode()).isEqualTo(401);
        assertThat(bob.get("/api/state").statusCode()).as("logged in as an operator, now a viewer").isEqualTo(401);
        assertThat(HttpSession.loggedIn(fx.base(), "bob", "bob-secret-0001").json("/api/me").get("role").asText())
                .isEqualTo("viewer");
    }

    @Test
    void resultsWithoutTheAgentsSignatureAreNotShownButReported() throws Exception {
        HttpSession viewer = HttpSession.loggedIn(fx.base(), WebFixture.VIEWER, WebFixture.VIEWER_PASSWORD);
        String forged = "{\"frame_id\": \"forged\", \"run_id\": \"x\", \"options\": [{\"id\": \"<b>evil</b>\","
                + " \"params\": {\"min_sigma\": 1, \"max_sigma\": 2, \"num_sigma\": 10, \"threshold\": 0.1,"
                + " \"overlap\": 0.5}, \"rewards\": {\"qc\": 0, \"er\": 0}, \"n_atoms\": 1}], \"recommended\": 0}";
        MqttClient intruder = new MqttClient(WebFixture.broker().url(), "intruder", new MemoryPersistence());
        {
            intruder.connect(new MqttConnectionOptions());
            intruder.publish(fx.topics.pareto(), new MqttMessage(forged.getBytes(StandardCharsets.UTF_8), 1, false,
                    null));
            MqttMessage badlySigned = new MqttMessage(forged.getBytes(StandardCharsets.UTF_8), 1, false, null);
            badlySigned.setProperties(MessageSigning.of(new byte[32]).properties(fx.topics.pareto(),
                    forged.getBytes(StandardCharsets.UTF_8)));
            intruder.publish(fx.topics.pareto(), badlySigned);
            intruder.disconnect();
            intruder.close();
        }
        JsonNode state = WebApiTest.awaitState(viewer, s -> s.path("unauthenticated").path("count").asInt() >= 2,
                "two unauthenticated messages");
        assertThat(state.path("unauthenticated").path("last_topic").asText()).isEqualTo(fx.topics.pareto());
        assertThat(state.path("pareto").path("frame_id").asText()).isNotEqualTo("forged");
    }

    @Test
    void controlFromTheWebUiNamesTheOperatorAndAnyOtherByIsOnlyClaimed() throws Exception {
        fx.publishFrameAndAwaitDetections("c-1", 31);
        MqttClient intruder = new MqttClient(WebFixture.broker().url(), "intruder-c", new MemoryPersistence());
        {
            intruder.connect(new MqttConnectionOptions());
            intruder.publish(fx.topics.control(), new MqttMessage(
                    "{\"action\": \"reoptimize\", \"by\": \"agent\", \"request_id\": \"forged-1\"}"
                            .getBytes(StandardCharsets.UTF_8), 1, false, null));
            intruder.disconnect();
            intruder.close();
        }
        HttpSession op = HttpSession.loggedIn(fx.base(), WebFixture.OPERATOR, WebFixture.OPERATOR_PASSWORD);
        assertThat(op.post("/api/control", "{\"action\": \"reoptimize\"}").statusCode()).isEqualTo(202);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WebFixture.WAIT_S);
        List<org.stemloop.store.WebQueries.DecisionRow> rows = List.of();
        while (System.nanoTime() < deadline) {
            rows = fx.decisions().stream().filter(d -> d.action().equals("reoptimize")).toList();
            boolean forged = rows.stream().anyMatch(d -> d.detail() != null && d.detail().contains("forged-1"));
            boolean web = rows.stream().anyMatch(d -> "operator".equals(d.actor())
                    && !d.detail().startsWith(LiveRoutes.AUDIT_PREFIX));
            if (forged && web) {
                break;
            }
            Thread.sleep(100);
        }
        assertThat(rows).filteredOn(d -> d.detail() != null && d.detail().contains("forged-1"))
                .extracting(org.stemloop.store.WebQueries.DecisionRow::actor).containsExactly("claimed:agent");
        assertThat(rows).filteredOn(d -> !d.detail().startsWith(LiveRoutes.AUDIT_PREFIX)
                        && d.detail().contains("\"via\":\"web\""))
                .extracting(org.stemloop.store.WebQueries.DecisionRow::actor).containsExactly("operator");
    }

    @Test
    void everyApiPathExceptLoginCsrfAndHealthRefusesAnonymousCalls() throws Exception {
        List<OpenApiPaths> ops = OpenApiPaths.read().stream().filter(op -> op.path().startsWith("/api/")).toList();
        assertThat(ops).filteredOn(OpenApiPaths::open).extracting(OpenApiPaths::path)
                .containsExactlyInAnyOrder("/api/health", "/api/csrf", "/api/login");
        for (OpenApiPaths op : ops) {
            if (op.open()) {
                continue;
            }
            RawHttp.Response r = op.method().equals("get") ? RawHttp.get(OTHER_ADDRESS, port(), op.concrete())
                    : RawHttp.postJson(OTHER_ADDRESS, port(), op.concrete(), "{}");
            assertThat(r.status()).as("anonymous %s %s", op.method(), op.path()).isEqualTo(401);
            assertThat(r.body()).doesNotContain(fx.agent.runId());
        }
    }

    @Test
    void headersCarryTheContentSecurityPolicyAndErrorsSayNothingInternal() throws Exception {
        RawHttp.Response r = RawHttp.get("127.0.0.1", port(), "/login.html");
        String csp = String.join(",", r.all("Content-Security-Policy"));
        assertThat(csp).contains("form-action 'self'", "base-uri 'none'", "object-src 'none'",
                "frame-ancestors 'none'", "default-src 'self'");
        assertThat(r.all("Strict-Transport-Security")).as("plain HTTP: no HSTS").isEmpty();
        HttpSession op = HttpSession.loggedIn(fx.base(), WebFixture.OPERATOR, WebFixture.OPERATOR_PASSWORD);
        HttpResponse<String> broken = op.post("/api/control", "{not json");
        assertThat(broken.statusCode()).isIn(400, 500);
        assertThat(broken.body()).doesNotContain("Exception", "at org.", "io.vertx", "jackson");
    }

    /** Follows /api/live with {@code s}'s cookies; completes with every line once the server ends it. */
    private static CompletableFuture<List<String>> follow(HttpSession s) throws Exception {
        java.lang.reflect.Field f = HttpSession.class.getDeclaredField("client");
        f.setAccessible(true);
        HttpClient client = HttpClient.newBuilder().cookieHandler(((HttpClient) f.get(s)).cookieHandler()
                .orElseThrow()).build();
        HttpResponse<InputStream> r = client.send(HttpRequest.newBuilder(URI.create(fx.base() + "/api/live"))
                .build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(r.statusCode()).isEqualTo(200);
        BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8));
        assertThat(in.readLine()).isEqualTo("event: state");
        return CompletableFuture.supplyAsync(() -> {
            List<String> lines = new ArrayList<>();
            try (in) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    lines.add(line);
                }
            } catch (java.io.IOException e) {
                lines.add("(ended: " + e + ")");
            }
            return lines;
        });
    }

    private static String sessionCookie(HttpSession s) throws Exception {
        java.lang.reflect.Field f = HttpSession.class.getDeclaredField("client");
        f.setAccessible(true);
        java.net.CookieManager m = (java.net.CookieManager) ((HttpClient) f.get(s)).cookieHandler().orElseThrow();
        return m.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(Auth.SESSION_COOKIE))
                .map(c -> c.getName() + "=" + c.getValue()).findFirst().orElseThrow();
    }

    private static long count(Path folder) throws Exception {
        if (!Files.isDirectory(folder)) {
            return 0;
        }
        try (var files = Files.list(folder)) {
            return files.count();
        }
    }
}
