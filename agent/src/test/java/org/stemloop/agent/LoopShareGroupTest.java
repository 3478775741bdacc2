package org.stemloop.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stemloop.mqtt.Addresses;
import org.stemloop.mqtt.Topics;
import org.stemloop.ops.AgentMetrics;
import org.stemloop.poi.BeamPosition;
import org.stemloop.poi.DoseBudget;
import org.stemloop.store.AgentStore;
import org.stemloop.store.Database;
import org.stemloop.store.LoopStore;
import org.stemloop.store.RunRecord;

/**
 * Spectra in a share group, on the event bus with one H2 file standing for the group's shared database: every member
 * hears every spectrum, so this member ({@code agent-a}, run {@code run-a}) leaves alone a spectrum or ack for a
 * request another member made (acknowledged, nothing on {@code errors}, nothing stored), still stores one for a
 * request of its own earlier run, and answers {@code unknown-request} only for a request id the database does not hold.
 */
class LoopShareGroupTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Topics TOPICS = new Topics("shared");
    private static final DoseBudget BUDGET = new DoseBudget(20, 60, 80);

    @TempDir
    Path dir;
    private Vertx vertx;
    private Database db;
    private LoopStore store;
    private final List<JsonNode> errors = new CopyOnWriteArrayList<>();
    private final List<String> published = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        db = Database.open("jdbc:h2:" + dir.resolve("db").toAbsolutePath());
        AgentStore runs = new AgentStore(db);
        runs.startRun(new RunRecord("run-a0", TOPICS.instrument(), "autonomous", Instant.now()), "agent-a");
        runs.startRun(new RunRecord("run-a", TOPICS.instrument(), "autonomous", Instant.now()), "agent-a");
        runs.startRun(new RunRecord("run-b", TOPICS.instrument(), "autonomous", Instant.now()), "agent-b");
        store = new LoopStore(db);
        vertx.eventBus().<Buffer>consumer(Addresses.PUBLISH, m -> {
            String topic = m.headers().get(Addresses.TOPIC);
            published.add(topic);
            if (TOPICS.errors().equals(topic)) {
                try {
                    errors.add(JSON.readTree(m.body().getBytes()));
                } catch (java.io.IOException e) {
                    throw new IllegalStateException(e);
                }
            }
            m.reply(null);
        });
        AtomicReference<RunState> state = new AtomicReference<>(RunState.start("run-a", RunMode.AUTONOMOUS,
                AgentConfig.DEFAULT_PARAMS, "graphene"));
        await(vertx.deployVerticle(new LoopVerticle(store, state, TOPICS, AgentMetrics.create(TOPICS.instrument()),
                BUDGET, new AcquisitionExpiry(Duration.ofSeconds(120), Clock.systemUTC()), "agent-a")));
        request("acq-b", "run-b", "sent");
        request("acq-b-pending", "run-b", "pending");
        request("acq-a0", "run-a0", "sent");
    }

    @AfterEach
    void stop() throws Exception {
        await(vertx.close());
        db.close();
    }

    @Test
    void aSpectrumForAnotherMembersRequestIsLeftToThatMember() throws Exception {
        spectrum("acq-b", "p2");
        spectrum("acq-b-pending", "p2"); // would be "never sent" here: it is the other member's to answer
        spectrum("acq-b", null); // the microscope's ack
        assertThat(errors).as("no error for a request the group's database holds").isEmpty();
        assertThat(published).as("nothing published: no site either").isEmpty();
        assertThat(store.spectra("acq-b")).as("stored by the member that made it, not here").isZero();
    }

    @Test
    void aSpectrumForARequestOfThisMembersEarlierRunIsStillStored() throws Exception {
        spectrum("acq-a0", "p2");
        assertThat(errors).isEmpty();
        assertThat(store.spectra("acq-a0")).isEqualTo(1);
        assertThat(published).containsExactly(TOPICS.sites());
    }

    @Test
    void onlyARequestIdUnknownToTheDatabaseIsAnUnknownRequest() throws Exception {
        spectrum("acq-nobody", "p2");
        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.get("error").asText()).isEqualTo("unknown-request");
            assertThat(e.get("detail").asText()).contains("acq-nobody", "no such acquisition");
        });
    }

    /** A request of 3 positions (60 ms) in {@code runId}, as that run's member stored it. */
    private void request(String requestId, String runId, String state) {
        List<BeamPosition> positions = List.of(new BeamPosition("p1", 10, 10, Double.NaN, Double.NaN, 20),
                new BeamPosition("p2", 20, 20, Double.NaN, Double.NaN, 20),
                new BeamPosition("p3", 30, 30, Double.NaN, Double.NaN, 20));
        String frameId = "f-" + requestId;
        String json = LoopJson.request(requestId, runId, frameId, state, positions, BUDGET, 0, 64, 64, 0.14).toString();
        assertThat(store.commitPoi(runId, frameId, List.of(), new LoopStore.Acquisition(requestId, runId, frameId,
                state, 60, json, Instant.now()), List.of())).isTrue();
    }

    /** A spectrum for position {@code poiId} of {@code requestId} ({@code null}: the ack), acknowledged. */
    private void spectrum(String requestId, String poiId) throws Exception {
        String body = poiId == null
                ? "{\"type\": \"ack\", \"request_id\": \"" + requestId + "\"}"
                : "{\"type\": \"spectrum\", \"request_id\": \"" + requestId + "\", \"poi_id\": \"" + poiId + "\", "
                + "\"row\": 20, \"col\": 20, \"dwell_ms\": 20, \"offset_ev\": 60, \"step_ev\": 0.5, \"counts\": "
                + java.util.Arrays.toString(flat(600, 100)) + "}";
        await(vertx.eventBus().request(Addresses.SPECTRA_IN, Buffer.buffer(body)));
    }

    private static int[] flat(int channels, int counts) {
        int[] out = new int[channels];
        java.util.Arrays.fill(out, counts);
        return out;
    }

    private static <T> T await(Future<T> future) throws Exception {
        try {
            return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        }
    }
}
