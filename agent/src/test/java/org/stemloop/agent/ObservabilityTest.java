package org.stemloop.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stemloop.image.NpyCodec;
import org.stemloop.mqtt.BrokerSettings;
import org.stemloop.mqtt.FrameCodec;
import org.stemloop.mqtt.InputLimits;
import org.stemloop.mqtt.Topics;
import org.stemloop.ops.LogFormat;
import org.stemloop.ops.OpsEndpoint;
import org.stemloop.reward.Material;
import org.stemloop.sim.SimulationSpec;
import org.stemloop.sim.Simulator;
import org.stemloop.testsupport.Mosquitto;

/**
 * {@code /metrics}, {@code /health} and {@code /ready} of a running agent (LoG* as configured by default)
 * against a real Mosquitto and an H2 file, scraped over HTTP as Prometheus would: the meters move with
 * frames, a broken frame and a bad control message; readiness follows the broker down and back up.
 */
@Tag("integration")
class ObservabilityTest {

    private static final int WAIT_S = 30;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Topics topics = new Topics("observed");
    private Mosquitto broker;
    private Vertx vertx;
    private Agent agent;

    @AfterEach
    void stop() throws Exception {
        if (agent != null) {
            await(agent.stop());
        }
        if (vertx != null) {
            await(vertx.close());
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void metricsMoveWithFramesErrorsAndDecisionsAndReadinessFollowsTheBroker() throws Exception {
        broker = Mosquitto.start(dir);
        vertx = Vertx.vertx();
        agent = await(Agent.start(vertx, new AgentConfig(new BrokerSettings(broker.url(), "agent-observed", null, null,
                topics, 60), "jdbc:h2:" + dir.resolve("db").toAbsolutePath(),
                AnalysisSettings.of(RunMode.AUTONOMOUS, AgentConfig.DEFAULT_PARAMS, "graphene"), InputLimits.DEFAULT,
                new OperationsSettings(Backpressure.DEFAULT, new OpsEndpoint("127.0.0.1", 0), LogFormat.PLAIN, false))));
        assertThat(agent.opsPort()).isPositive();

        assertThat(get("/health")).satisfies(r -> {
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(json(r).get("status").asText()).isEqualTo("up");
        });
        HttpResponse<String> ready = get("/ready");
        assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
        assertThat(json(ready).at("/checks/database/ok").asBoolean()).isTrue();
        String before = get("/metrics").body();
        assertThat(sample(before, "stemloop_frames_total", "outcome=\"analysed\"")).isZero();

        try (TestClient client = new TestClient(broker.url(), topics)) {
            client.awaitField(topics.status(), "state", "online", WAIT_S);
            for (int i = 1; i <= 3; i++) {
                byte[] npy = NpyCodec.encode(Simulator.simulate(SimulationSpec.of(Material.GRAPHENE, 96)
                        .withNoiseLevel(0.05).withSeed(i)).frame());
                client.publishFrame(npy, FrameCodec.userProperties("m-" + i, 0.14, "graphene"));
            }
            client.publishFrame("not an image".getBytes(StandardCharsets.UTF_8), Map.of(FrameCodec.FRAME_ID, "broken-1"));
            client.publishControl("{\"action\": \"explode\"}");
            for (int i = 1; i <= 3; i++) {
                client.awaitField(topics.detections(), "frame_id", "m-" + i, WAIT_S);
            }
            client.awaitField(topics.errors(), "frame_id", "broken-1", WAIT_S);
            client.await(topics.errors(), j -> "bad-control".equals(j.path("error").asText()), "bad-control", WAIT_S);
        }

        String scrape = awaitMetrics(s -> sample(s, "stemloop_errors_total", "kind=\"bad-control\"") == 1);
        assertThat(get("/metrics").headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("text/plain; version=0.0.4"));
        assertThat(sample(scrape, "stemloop_frames_total", "outcome=\"analysed\"", "instrument=\"observed\""))
                .isEqualTo(3);
        assertThat(sample(scrape, "stemloop_frames_total", "outcome=\"rejected\"")).isEqualTo(1);
        assertThat(sample(scrape, "stemloop_errors_total", "kind=\"bad-frame\"")).isEqualTo(1);
        assertThat(sample(scrape, "stemloop_frame_latency_seconds_count")).isEqualTo(3);
        assertThat(sample(scrape, "stemloop_frame_latency_seconds_bucket", "le=\"+Inf\"")).isEqualTo(3);
        java.util.NavigableMap<Double, Double> buckets = buckets(scrape, "stemloop_frame_latency_seconds_bucket");
        assertThat(buckets).as("the design's goals are bucket edges").containsKeys(0.1, 0.3);
        assertThat(buckets.lastEntry().getValue()).as("the largest finite bucket holds every frame").isEqualTo(3);
        assertThat(new java.util.ArrayList<>(buckets.values())).as("cumulative counts").isSorted();
        assertThat(sample(scrape, "stemloop_frame_latency_seconds_sum")).isPositive();
        // the first frame had no tuned parameters (later ones may drift): one search per front, and the agent's
        // decisions as the database has them
        int fronts = agent.queries().paretoFrames(agent.runId()).size();
        assertThat(fronts).isPositive();
        assertThat(sample(scrape, "stemloop_optimisation_seconds_count")).isEqualTo(fronts);
        assertThat(sample(scrape, "stemloop_decisions_total", "action=\"optimise\"", "actor=\"agent\""))
                .isEqualTo(fronts);
        long applied = agent.decisions().list(agent.runId()).stream()
                .filter(d -> d.actor().equals("agent") && d.action().equals("apply")).count();
        assertThat(sample(scrape, "stemloop_decisions_total", "action=\"apply\"", "actor=\"agent\""))
                .isEqualTo(applied).isPositive();
        assertThat(sample(scrape, "stemloop_frame_queue_depth")).isZero();
        assertThat(sample(scrape, "stemloop_frame_queue_capacity")).isEqualTo(Backpressure.DEFAULT.queueSize());
        assertThat(sample(scrape, "stemloop_broker_connected")).isEqualTo(1);
        assertThat(scrape).contains("jvm_memory_used_bytes{");

        int port = broker.port();
        broker.close();
        HttpResponse<String> down = awaitReady(503);
        assertThat(json(down).at("/checks/broker/ok").asBoolean()).isFalse();
        assertThat(json(down).at("/checks/database/ok").asBoolean()).isTrue();
        assertThat(json(down).get("status").asText()).isEqualTo("not-ready");
        assertThat(sample(get("/metrics").body(), "stemloop_broker_connected")).isZero();
        assertThat(get("/health").statusCode()).as("alive while the broker is away").isEqualTo(200);

        broker = Mosquitto.start(dir, port);
        assertThat(json(awaitReady(200)).at("/checks/broker/ok").asBoolean()).isTrue();

        assertThat(get("/nothing").statusCode()).isEqualTo(404);
        HttpResponse<String> post = http.send(HttpRequest.newBuilder(uri("/metrics"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
    }

    /**
     * The value of the one sample of {@code name} whose labels include all of {@code labels}; 0 when there is
     * none (a counter never incremented for those labels has no series yet).
     */
    private static double sample(String scrape, String name, String... labels) {
        double found = 0;
        int matches = 0;
        for (String line : scrape.split("\n")) {
            if (line.startsWith("#") || !(line.startsWith(name + "{") || line.startsWith(name + " "))) {
                continue;
            }
            String series = line.substring(0, line.lastIndexOf(' '));
            boolean all = true;
            for (String l : labels) {
                all &= series.contains(l);
            }
            if (all) {
                found = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                matches++;
            }
        }
        assertThat(matches).as("series of %s with %s", name, String.join(",", labels)).isLessThanOrEqualTo(1);
        return found;
    }

    /** The finite buckets of a histogram: upper bound in seconds to cumulative count. */
    private static java.util.NavigableMap<Double, Double> buckets(String scrape, String name) {
        java.util.NavigableMap<Double, Double> out = new java.util.TreeMap<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^" + name + "\\{.*le=\"([0-9.eE+-]+)\".*\\} (\\S+)$")
                .matcher(scrape);
        while (m.find()) {
            out.put(Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2)));
        }
        return out;
    }

    private String awaitMetrics(Predicate<String> done) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_S);
        String scrape = get("/metrics").body();
        while (!done.test(scrape) && System.nanoTime() < deadline) {
            Thread.sleep(50);
            scrape = get("/metrics").body();
        }
        return scrape;
    }

    private HttpResponse<String> awaitReady(int status) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_S);
        HttpResponse<String> r = get("/ready");
        while (r.statusCode() != status && System.nanoTime() < deadline) {
            Thread.sleep(100);
            r = get("/ready");
        }
        assertThat(r.statusCode()).as("/ready: %s", r.body()).isEqualTo(status);
        return r;
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + agent.opsPort() + path);
    }

    private static JsonNode json(HttpResponse<String> r) throws Exception {
        return JSON.readTree(r.body());
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(WAIT_S, TimeUnit.SECONDS);
    }
}
