package org.stemloop.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
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
import org.stemloop.store.DecisionStore;
import org.stemloop.store.LoopStore;
import org.stemloop.store.RunRecord;

/**
 * The agent's side of an operator's approval (issue 20), on the event bus with a real H2 file: only what is
 * approved goes on {@code acquire}, once; an approval naming no position, or one that would take the run over its
 * dose budget, is refused (400, a {@code bad-control} on the control path) and leaves the request pending; pending
 * requests hold no dose. A request left pending past {@code acquire-expiry-s} (a settable clock) is expired when it is
 * approved: refused, recorded, and a spectrum for it goes to {@code errors}.
 */
class LoopApprovalTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Topics TOPICS = new Topics("approve");
    /** 20 ms a spectrum, 60 ms a frame, 80 ms the run: two requests of 3 positions cannot both go. */
    private static final DoseBudget BUDGET = new DoseBudget(20, 60, 80);

    @TempDir
    Path dir;
    private Vertx vertx;
    private Database db;
    private LoopStore store;
    private final List<JsonNode> acquired = new CopyOnWriteArrayList<>();
    private final List<JsonNode> errors = new CopyOnWriteArrayList<>();
    /** The loop's clock: real time until a test moves it on. */
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.now());
    private final Clock clock = new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        db = Database.open("jdbc:h2:" + dir.resolve("db").toAbsolutePath());
        new AgentStore(db).startRun(new RunRecord("run-1", TOPICS.instrument(), "supervised", Instant.now()));
        store = new LoopStore(db);
        // the bridge's stand-in: what would go to the broker, acknowledged
        vertx.eventBus().<Buffer>consumer(Addresses.PUBLISH, m -> {
            String topic = m.headers().get(Addresses.TOPIC);
            if (TOPICS.acquire().equals(topic) || TOPICS.errors().equals(topic)) {
                try {
                    (TOPICS.acquire().equals(topic) ? acquired : errors).add(JSON.readTree(m.body().getBytes()));
                } catch (java.io.IOException e) {
                    throw new IllegalStateException(e);
                }
            }
            m.reply(null);
        });
        AtomicReference<RunState> state = new AtomicReference<>(RunState.start("run-1", RunMode.SUPERVISED,
                AgentConfig.DEFAULT_PARAMS, "graphene"));
        await(vertx.deployVerticle(new LoopVerticle(store, state, TOPICS, AgentMetrics.create(TOPICS.instrument()),
                BUDGET, new AcquisitionExpiry(Duration.ofSeconds(120), clock), null)));
        pending("acq-a", "f1");
        pending("acq-b", "f2");
    }

    @AfterEach
    void stop() throws Exception {
        await(vertx.close());
        db.close();
    }

    @Test
    void approvedPositionsGoOutOnceAndPendingRequestsHoldNoDose() throws Exception {
        assertThat(store.dwellHeld("run-1")).as("pending requests hold no dose").isZero();
        approve("{\"request_id\": \"acq-a\", \"positions\": [\"p1\", \"p3\"], \"by\": \"ada\"}");
        approve("{\"request_id\": \"acq-a\", \"by\": \"ada\"}"); // again: nothing sent twice
        assertThat(acquired).hasSize(1);
        assertThat(acquired.get(0).get("positions")).extracting(p -> p.get("poi_id").asText()).containsExactly("p1", "p3");
        assertThat(acquired.get(0).get("dwell_ms_total").asDouble()).isEqualTo(40);
        assertThat(store.dwellHeld("run-1")).isEqualTo(40);
        assertThat(new DecisionStore(db).list("run-1")).anySatisfy(d -> {
            assertThat(d.action()).isEqualTo("approve-acquire");
            assertThat(d.actor()).isEqualTo("ada");
            assertThat(d.detail()).startsWith("2 of 3 positions, 40 ms");
        });
    }

    @Test
    void anApprovalOverTheRunsBudgetOrWithNoPositionIsRefusedAndLeavesTheRequestPending() throws Exception {
        approve("{\"request_id\": \"acq-a\", \"by\": \"ada\"}"); // 60 of the run's 80 ms
        assertThatThrownBy(() -> approve("{\"request_id\": \"acq-b\", \"by\": \"ada\"}"))
                .hasMessageContaining("out of budget").hasMessageContaining("60 ms").hasMessageContaining("80 ms");
        assertThatThrownBy(() -> approve("{\"request_id\": \"acq-b\", \"positions\": [], \"by\": \"ada\"}"))
                .hasMessageContaining("no position");
        assertThat(store.acquisition("acq-b").orElseThrow().state()).isEqualTo("pending");
        // one position still fits: 60 + 20 <= 80
        approve("{\"request_id\": \"acq-b\", \"positions\": [\"p2\"], \"by\": \"ada\"}");
        assertThat(acquired).hasSize(2);
        assertThat(store.dwellHeld("run-1")).isEqualTo(80);
    }

    @Test
    void aRequestPendingPastItsExpiryIsRefusedRecordedAndItsSpectraGoToErrors() throws Exception {
        Instant made = store.acquisition("acq-b").orElseThrow().createdAt(); // acq-a's is a moment earlier
        now.set(made.plusSeconds(119));
        approve("{\"request_id\": \"acq-a\", \"positions\": [\"p1\"], \"by\": \"ada\"}"); // in time
        now.set(made.plusSeconds(120));
        assertThatThrownBy(() -> approve("{\"request_id\": \"acq-b\", \"by\": \"ada\"}"))
                .hasMessageStartingWith("approve-acquire: request acq-b expired").hasMessageContaining("120 s");
        assertThat(acquired).as("only the approval in time went out").hasSize(1);
        assertThat(store.acquisition("acq-b").orElseThrow().state()).isEqualTo("expired");
        assertThat(store.dwellHeld("run-1")).as("an expired request holds no dose").isEqualTo(20);
        assertThat(new DecisionStore(db).list("run-1")).filteredOn(d -> d.action().equals("acquire-expired"))
                .singleElement().satisfies(d -> {
                    assertThat(d.actor()).isEqualTo("agent");
                    assertThat(d.optionId()).isEqualTo("acq-b");
                    assertThat(d.frameId()).isEqualTo("f2");
                    assertThat(d.detail()).contains("acq-b", "no approve-acquire within 120 s");
                    assertThat(d.decidedAt()).isEqualTo(now.get());
                });
        // asked again: still refused, nothing recorded twice
        assertThatThrownBy(() -> approve("{\"request_id\": \"acq-b\", \"by\": \"ada\"}"))
                .hasMessageContaining("expired");
        assertThat(new DecisionStore(db).list("run-1")).filteredOn(d -> d.action().equals("acquire-expired"))
                .hasSize(1);
        // a spectrum for it, as a microscope that saw the request anyway would send: errors, not stored
        String spectrum = "{\"type\": \"spectrum\", \"request_id\": \"acq-b\", \"poi_id\": \"p2\", \"row\": 20, "
                + "\"col\": 20, \"dwell_ms\": 20, \"offset_ev\": 60, \"step_ev\": 0.5, \"counts\": "
                + java.util.Arrays.toString(new int[600]) + "}";
        await(vertx.eventBus().request(Addresses.SPECTRA_IN, Buffer.buffer(spectrum)));
        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.get("error").asText()).isEqualTo("acquire-expired");
            assertThat(e.get("detail").asText()).contains("position p2", "acq-b", "expired before it was approved");
        });
        assertThat(store.spectra("acq-b")).isZero();
    }

    @Test
    void aRequestApprovedInTimeIsNotExpiredLater() throws Exception {
        approve("{\"request_id\": \"acq-a\", \"by\": \"ada\"}");
        now.set(now.get().plusSeconds(3600));
        assertThat(store.pendingBefore(clock.instant().minusSeconds(120))).extracting(LoopStore.Acquisition::requestId)
                .as("only the one still pending is due").containsExactly("acq-b");
        assertThat(store.expire("acq-a", new org.stemloop.store.DecisionRecord("run-1", "agent", "acquire-expired",
                "acq-a", "f1", "test", clock.instant()))).as("a sent request does not expire").isFalse();
        assertThat(store.acquisition("acq-a").orElseThrow().state()).isEqualTo("sent");
    }

    /** A pending request of 3 positions (60 ms) on {@code frameId}, as LoopPlan stores it. */
    private void pending(String requestId, String frameId) throws Exception {
        List<BeamPosition> positions = List.of(new BeamPosition("p1", 10, 10, Double.NaN, Double.NaN, 20),
                new BeamPosition("p2", 20, 20, Double.NaN, Double.NaN, 20),
                new BeamPosition("p3", 30, 30, Double.NaN, Double.NaN, 20));
        String json = LoopJson.request(requestId, "run-1", frameId, "pending", positions, BUDGET, 0, 64, 64, 0.14)
                .toString();
        assertThat(store.commitPoi("run-1", frameId, List.of(), new LoopStore.Acquisition(requestId, "run-1", frameId,
                "pending", 60, json, Instant.now()), List.of())).isTrue();
    }

    private void approve(String body) throws Exception {
        await(vertx.eventBus().request(Addresses.APPROVE_ACQUIRE, body));
    }

    private static <T> T await(Future<T> future) throws Exception {
        try {
            return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        }
    }
}
