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
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stemloop.store.WebQueries;

/**
 * The HTTP API against a real agent, broker and database: the security rules for every path of the
 * OpenAPI file, choices with their optimistic lock, audit, history and downloads, the live stream.
 */
@Tag("integration")
class WebApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    private static WebFixture fx;
    private static HttpSession operator;

    @BeforeAll
    static void start() throws Exception {
        fx = WebFixture.start(dir);
        operator = HttpSession.loggedIn(fx.base(), WebFixture.OPERATOR, WebFixture.OPERATOR_PASSWORD);
    }

    @AfterAll
    static void stop() throws Exception {
        fx.close();
    }

    @Test
    void everyOpenApiPathWithoutASessionAnswers401() throws Exception {
        List<OpenApiPaths> ops = OpenApiPaths.read();
        assertThat(ops).hasSizeGreaterThanOrEqualTo(19);
        HttpSession anonymous = new HttpSession(fx.base());
        for (OpenApiPaths op : ops) {
            HttpResponse<String> r = op.method().equals("get") ? anonymous.get(op.concrete())
                    : anonymous.post(op.concrete(), "{}");
            if (op.open()) {
                assertThat(r.statusCode()).as("%s %s is open", op.method(), op.path()).isNotEqualTo(401);
            } else {
                assertThat(r.statusCode()).as("%s %s without a session", op.method(), op.path()).isEqualTo(401);
            }
        }
        assertThat(anonymous.get("/api/health").statusCode()).isEqualTo(200);
        assertThat(anonymous.get("/").statusCode()).as("pages redirect to the login").isEqualTo(302);
    }

    @Test
    void aViewerGets403ForEveryOperatorCallAndCanReadEverything() throws Exception {
        HttpSession viewer = HttpSession.loggedIn(fx.base(), WebFixture.VIEWER, WebFixture.VIEWER_PASSWORD);
        List<OpenApiPaths> posts = OpenApiPaths.read().stream()
                .filter(op -> op.method().equals("post") && !op.open()).toList();
        assertThat(posts).extracting(OpenApiPaths::path).contains("/api/choices", "/api/control");
        for (OpenApiPaths op : posts) {
            if (op.operatorOnly()) {
                assertThat(viewer.post(op.concrete(), "{\"action\": \"pause\", \"option_id\": 1, \"version\": 1}")
                        .statusCode()).as("viewer %s", op.path()).isEqualTo(403);
            } else {
                assertThat(op.path()).as("the only state-changing call open to viewers").isEqualTo("/api/logout");
            }
        }
        assertThat(viewer.json("/api/me").get("role").asText()).isEqualTo("viewer");
        assertThat(viewer.get("/api/runs").statusCode()).isEqualTo(200);
    }

    @Test
    void stateChangingCallsWithoutTheCsrfTokenAnswer403() throws Exception {
        HttpSession s = HttpSession.loggedIn(fx.base(), WebFixture.OPERATOR, WebFixture.OPERATOR_PASSWORD);
        String token = s.csrf;
        s.csrf = null;
        assertThat(s.post("/api/control", "{\"action\": \"reoptimize\"}").statusCode()).isEqualTo(403);
        assertThat(s.post("/api/acquisitions/acq-1/approve", "{\"positions\": [\"p1\"]}").statusCode())
                .as("an acquisition approval without the token").isEqualTo(403);
        s.csrf = token + "x";
        assertThat(s.post("/api/control", "{\"action\": \"reoptimize\"}").statusCode()).isEqualTo(403);
        HttpSession fresh = new HttpSession(fx.base());
        assertThat(fresh.post("/api/login", "{\"username\": \"operator\", \"password\": \"" + WebFixture.OPERATOR_PASSWORD + "\"}")
                .statusCode()).as("login without a token").isEqualTo(403);
    }

    @Test
    void failedLoginsAreRateLimitedPerUser() throws Exception {
        UserFile.load(dir.resolve("users.txt")).put("mallory-target", Role.VIEWER, "right-one-0001".toCharArray());
        HttpSession s = new HttpSession(fx.base());
        for (int i = 0; i < LoginThrottle.PER_USER_AT_ADDRESS; i++) {
            assertThat(s.login("mallory-target", "guess-" + i).statusCode()).isEqualTo(401);
        }
        // the budget is spent: a burst now waits for the backoff (1 s, then doubling), most of it refused
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(10);
        try {
            List<java.util.concurrent.Future<HttpResponse<String>>> burst = new java.util.ArrayList<>();
            for (int i = 0; i < 10; i++) {
                int n = i;
                burst.add(pool.submit(() -> new HttpSession(fx.base()).login("mallory-target", "burst-" + n)));
            }
            int refused = 0;
            for (var f : burst) {
                HttpResponse<String> r = f.get(60, java.util.concurrent.TimeUnit.SECONDS);
                assertThat(r.statusCode()).isIn(401, 429);
                if (r.statusCode() == 429) {
                    refused++;
                    assertThat(r.headers().firstValue("Retry-After")).isPresent();
                }
            }
            assertThat(refused).as("refused of the burst of 10").isGreaterThanOrEqualTo(7);
        } finally {
            pool.shutdownNow();
        }
        assertThat(HttpSession.loggedIn(fx.base(), WebFixture.VIEWER, WebFixture.VIEWER_PASSWORD).csrf)
                .as("other users still get in").isNotBlank();
    }

    @Test
    void aChoiceIsAuditedSentOnMqttAppliedByTheAgentAndAStaleSecondChoiceGets409() throws Exception {
        JsonNode front = fx.publishOptimisedFrame("c-1", 11);
        JsonNode state = awaitState(operator, s -> s.path("pareto").path("frame_id").asText().equals("c-1")
                && s.path("frame").path("frame_id").asText().equals("c-1"), "the agent's front and frame c-1");
        assertThat(state.get("pareto")).as("the page's front is the agent's").isEqualTo(front);
        JsonNode served = fx.awaitDetections("c-1");
        JsonNode option = otherThanServed(front, served);
        String id = option.get("id").asText();
        long version = state.get("version").asLong();

        HttpResponse<String> first = operator.post("/api/choices", "{\"option_id\": \"" + id + "\", \"version\": " + version + "}");
        assertThat(first.statusCode()).as(first.body()).isEqualTo(202);
        JsonNode sent = fx.awaitControl(m -> m.path("action").asText().equals("choose"), "action choose");
        assertThat(sent.get("option")).isEqualTo(option.get("id"));
        assertThat(sent.get("by").asText()).isEqualTo("operator");
        assertThat(sent.get("via").asText()).isEqualTo("web");
        assertThat(sent.get("frame_id").asText()).isEqualTo("c-1");
        assertThat(sent.get("run_id").asText()).isEqualTo(fx.agent.runId());
        assertThat(sent.get("params")).isEqualTo(option.get("params"));
        String requestId = sent.get("request_id").asText();

        HttpSession other = HttpSession.loggedIn(fx.base(), WebFixture.OPERATOR, WebFixture.OPERATOR_PASSWORD);
        String another = front.get("options").get(0).get("id").asText().equals(id) ? "1" : "0";
        HttpResponse<String> stale = other.post("/api/choices", "{\"option_id\": " + another + ", \"version\": " + version + "}");
        assertThat(stale.statusCode()).isEqualTo(409);
        assertThat(JSON.readTree(stale.body()).get("detail").asText()).contains("last choice: option " + id + " by operator");

        // the agent takes the choice and re-announces its front with "applied"; the page settles the choice
        JsonNode applied = awaitState(operator, s -> s.path("pending").path("state").asText().equals("applied"),
                "the choice applied");
        assertThat(applied.path("pareto").path("applied").asText()).isEqualTo(id);
        assertThat(applied.path("pareto").path("applied_by").asText()).isEqualTo("operator");
        HttpSession viewer = HttpSession.loggedIn(fx.base(), WebFixture.VIEWER, WebFixture.VIEWER_PASSWORD);
        assertThat(viewer.json("/api/state").get("pending").get("option_id").asText())
                .as("every user sees the choice").isEqualTo(id);

        // the next frame is analysed with exactly the chosen option's parameters, and the page names it
        fx.publishFrameAndAwaitDetections("c-2", 12);
        JsonNode next = fx.awaitDetections("c-2");
        assertThat(next.get("params")).isEqualTo(option.get("params"));
        assertThat(next.get("option").asText()).isEqualTo(id);
        assertThat(next.get("param_source").asText()).isEqualTo("operator");
        awaitState(operator, s -> s.path("pending").path("applied_frame_id").asText().equals("c-2"),
                "the choice in use since c-2");

        List<WebQueries.DecisionRow> chooses = fx.decisions().stream().filter(d -> d.action().equals("choose")).toList();
        assertThat(chooses).as("the web's request and the agent's own record of it").hasSize(2)
                .allSatisfy(d -> {
                    assertThat(d.actor()).isEqualTo("operator");
                    assertThat(d.optionId()).isEqualTo(id);
                    assertThat(d.detail()).contains(requestId);
                });
        assertThat(chooses).filteredOn(d -> d.detail().startsWith(LiveRoutes.AUDIT_PREFIX)).singleElement()
                .satisfies(d -> {
                    assertThat(d.frameId()).isEqualTo("c-1");
                    assertThat(d.detail()).startsWith(LiveRoutes.AUDIT_PREFIX + "{\"action\":\"choose\"");
                });
    }

    /** An option of {@code front} whose parameters differ from those that served its frame. */
    static JsonNode otherThanServed(JsonNode front, JsonNode served) {
        assertThat(served.get("params")).as("the optimised frame is served by an option of its front")
                .isIn(front.findValues("params"));
        for (JsonNode o : front.get("options")) {
            if (!o.get("params").equals(served.get("params"))) {
                return o;
            }
        }
        throw new AssertionError("The agent's front has no option besides the one serving: " + front);
    }

    @Test
    void anOptionPreviewRunsTheDetectorWithItsParametersAsTheAgentDoes() throws Exception {
        JsonNode front = fx.publishOptimisedFrame("p-1", 13);
        JsonNode served = fx.awaitDetections("p-1");
        awaitState(operator, s -> s.path("pareto").path("frame_id").asText().equals("p-1"), "pareto p-1");
        for (JsonNode o : front.get("options")) {
            JsonNode preview = operator.json("/api/pareto/options/" + o.get("id").asText() + "/atoms");
            assertThat(preview.get("source").asText()).isEqualTo("computed");
            assertThat(preview.get("frame_id").asText()).isEqualTo("p-1");
            if (o.get("params").equals(served.get("params"))) {
                assertThat(preview.get("atoms")).as("option %s previews the agent's own detections", o.get("id"))
                        .isEqualTo(served.get("atoms"));
            }
            // the search's own count may differ by a blob or two from a plain LoG run (its shared scale space)
            assertThat(preview.get("atoms").size()).as("option %s finds about its n_atoms", o.get("id"))
                    .isCloseTo(o.get("n_atoms").asInt(), org.assertj.core.data.Percentage.withPercentage(5));
        }
        assertThat(operator.get("/api/pareto/options/99/atoms").statusCode()).isEqualTo(404);
    }

    @Test
    void pauseGoesThroughTheAgentAndComesBackOnTheLiveState() throws Exception {
        assertThat(operator.post("/api/control", "{\"action\": \"pause\"}").statusCode()).isEqualTo(202);
        awaitState(operator, s -> s.path("status").path("state").asText().equals("paused"), "status paused");
        assertThat(operator.post("/api/control", "{\"action\": \"resume\"}").statusCode()).isEqualTo(202);
        awaitState(operator, s -> s.path("status").path("state").asText().equals("online"), "status online");
        assertThat(operator.post("/api/control", "{\"action\": \"set-mode\", \"mode\": \"sideways\"}").statusCode())
                .isEqualTo(400);
        List<WebQueries.DecisionRow> pauses = fx.decisions().stream().filter(d -> d.action().equals("pause")).toList();
        assertThat(pauses).as("the web's request and the agent's own record").hasSize(2)
                .allSatisfy(d -> assertThat(d.actor()).isEqualTo("operator"));
        assertThat(pauses).filteredOn(d -> d.detail().startsWith(LiveRoutes.AUDIT_PREFIX)).hasSize(1);
    }

    @Test
    void historyListsTheRunItsFramesAndDownloadsDetectionsAsCsvAndJson() throws Exception {
        fx.publishFrame("h-1", 13);
        awaitState(operator, s -> s.path("detections").path("log*").path("frame_id").asText().equals("h-1"), "h-1");
        String run = fx.agent.runId();
        assertThat(operator.json("/api/runs").get("runs")).anySatisfy(r -> assertThat(r.get("run_id").asText())
                .isEqualTo(run));
        JsonNode frame = null;
        for (JsonNode f : operator.json("/api/runs/" + run + "/frames").get("frames")) {
            frame = f.get("frame_id").asText().equals("h-1") ? f : frame;
        }
        assertThat(frame).as("frame h-1 listed").isNotNull();
        int atoms = frame.get("n_atoms").asInt();
        assertThat(atoms).isPositive();

        HttpResponse<String> csv = operator.get("/api/runs/" + run + "/frames/h-1/detections.csv");
        assertThat(csv.headers().firstValue("Content-Disposition").orElse("")).contains("attachment");
        String[] lines = csv.body().split("\n");
        assertThat(lines[0]).isEqualTo("row,col,sigma");
        assertThat(lines).hasSize(atoms + 1);
        assertThat(operator.json("/api/runs/" + run + "/frames/h-1/detections.json").get("atoms")).hasSize(atoms);
        HttpResponse<String> png = operator.get("/api/runs/" + run + "/frames/h-1/image.png");
        assertThat(png.statusCode()).isEqualTo(200);
        assertThat(png.body()).startsWith("\uFFFDPNG");
        assertThat(operator.get("/api/runs/no-such-run/frames").statusCode()).isEqualTo(404);
        assertThat(operator.get("/api/runs/" + run + "/frames/nope/detections.csv").statusCode()).isEqualTo(404);
    }

    @Test
    void aLateJoinerGetsTheCurrentStateAsTheFirstEvent() throws Exception {
        fx.publishFrame("s-1", 14);
        awaitState(operator, s -> s.path("frame").path("frame_id").asText().equals("s-1"), "s-1");
        HttpSession late = HttpSession.loggedIn(fx.base(), WebFixture.VIEWER, WebFixture.VIEWER_PASSWORD);
        JsonNode first = firstEvent(late);
        assertThat(first.path("frame").path("frame_id").asText()).isNotEmpty();
        assertThat(first.path("detections").path("log*").path("atoms").size()).isPositive();
        assertThat(first.path("status").path("run_id").asText()).isEqualTo(fx.agent.runId());
    }

    private static JsonNode firstEvent(HttpSession s) throws Exception {
        HttpClient client = HttpClient.newBuilder().cookieHandler(cookies(s)).build();
        HttpResponse<InputStream> r = client.send(HttpRequest.newBuilder(URI.create(fx.base() + "/api/live"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
        try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
            assertThat(in.readLine()).isEqualTo("event: state");
            String data = in.readLine();
            assertThat(data).startsWith("data: ");
            return JSON.readTree(data.substring(6));
        }
    }

    private static java.net.CookieHandler cookies(HttpSession s) throws Exception {
        java.lang.reflect.Field f = HttpSession.class.getDeclaredField("client");
        f.setAccessible(true);
        return ((HttpClient) f.get(s)).cookieHandler().orElseThrow();
    }

    static JsonNode awaitState(HttpSession s, Predicate<JsonNode> test, String what) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(WebFixture.WAIT_S).toNanos();
        JsonNode state = null;
        while (System.nanoTime() < deadline) {
            state = s.json("/api/state");
            if (test.test(state)) {
                return state;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("No state with " + what + " within " + WebFixture.WAIT_S + " s; last: " + state);
    }
}
