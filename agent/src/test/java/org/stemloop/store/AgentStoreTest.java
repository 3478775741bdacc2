package org.stemloop.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stemloop.detect.Blob;
import org.stemloop.detect.LogParams;
import org.stemloop.unet.UnetAtom;

class AgentStoreTest {

    private static final LogParams PARAMS = LogParams.of(2, 6, 10, 0.1, 0.5);
    private static final Instant T0 = Instant.parse("2025-01-02T03:04:05Z");

    @TempDir
    Path dir;

    private String url;
    private Database db;
    private AgentStore store;

    @BeforeEach
    void open() {
        url = "jdbc:h2:" + dir.resolve("db").toAbsolutePath();
        db = Database.open(url);
        store = new AgentStore(db);
        store.startRun(new RunRecord("run-1", "microscope-1", "autonomous", T0));
    }

    @AfterEach
    void close() {
        db.close();
    }

    private RunQueries queries() {
        return new RunQueries(db);
    }

    private DecisionStore decisions() {
        return new DecisionStore(db);
    }

    @Test
    void storesAFrameWithItsDetectionsAndTimings() throws SQLException {
        var commit = store.commitFrame(frame("f1", new byte[] {1, 2, 3}), detection(2), Map.of("detect", 12.5));

        assertThat(commit).isEqualTo(AgentStore.Commit.STORED);
        assertThat(queries().frameIds("run-1")).containsExactly("f1");
        assertThat(count("SELECT n_atoms FROM detections")).isEqualTo(2);
        assertThat(count("SELECT COUNT(*) FROM timings WHERE stage = 'detect'")).isEqualTo(1);
        assertThat(count("SELECT LENGTH(raw_npy) FROM frames")).isEqualTo(3);
    }

    @Test
    void theUnetDetectionsOfAFrameAreStoredOnceBesideItsLogDetections() throws SQLException {
        store.commitFrame(frame("f1", null), detection(2), Map.of());
        UnetRecord unet = new UnetRecord("graphene", List.of(new UnetAtom(1.5, 2.5, 0.9, 0, 7),
                new UnetAtom(3, 4, 0.8, 0, 5), new UnetAtom(5, 6, 0.7, 0.0125, 5)));

        assertThat(store.commitUnet("run-1", "f1", unet)).isEqualTo(AgentStore.Commit.STORED);
        assertThat(store.commitUnet("run-1", "f1", unet)).isEqualTo(AgentStore.Commit.DUPLICATE);
        assertThat(queries().detectionMethods("run-1", "f1")).containsExactly("log*", "unet");
        assertThat(count("SELECT n_atoms FROM detections WHERE method = 'unet' AND param_id IS NULL "
                + "AND model = 'graphene'")).isEqualTo(3);
        WebQueries web = new WebQueries(db);
        assertThat(web.frames("run-1")).singleElement().extracting(WebQueries.FrameRow::method).isEqualTo("log*");
        assertThat(web.atomsJson("run-1", "f1")).hasValueSatisfying(json -> assertThat(json).endsWith(",2.0]]"));
        // the U-Net's atoms keep their uncertainty (the 4th value), as on the detections topic
        assertThat(count("SELECT COUNT(*) FROM detections WHERE method = 'unet' "
                + "AND atoms_json LIKE '%[5.0,6.0,0.7,0.0125]]'")).isEqualTo(1);
        assertThatThrownBy(() -> store.commitUnet("run-1", "nope", unet)).isInstanceOf(StoreException.class)
                .hasMessageContaining("No frame nope");
    }

    @Test
    void aFrameIdSeenTwiceIsStoredOnce() throws SQLException {
        store.commitFrame(frame("f1", null), detection(2), Map.of());
        var again = store.commitFrame(frame("f1", null), detection(5), Map.of());

        assertThat(again).isEqualTo(AgentStore.Commit.DUPLICATE);
        assertThat(queries().frameIds("run-1")).containsExactly("f1");
        assertThat(count("SELECT COUNT(*) FROM detections")).isEqualTo(1);
    }

    @Test
    void aFrameIdIsStoredOncePerInstrumentInWhateverRunItLandsAndItsDetectionsCanBeReadBack() throws SQLException {
        store.commitFrame(frame("f1", null), detection(2), Map.of());
        store.endRun("run-1", T0.plusSeconds(60));
        store.startRun(new RunRecord("run-2", "microscope-1", "autonomous", T0.plusSeconds(61)));
        store.startRun(new RunRecord("run-3", "microscope-2", "autonomous", T0.plusSeconds(62)));

        assertThat(store.commitFrame(frameOf("run-2", "f1"), detection(5), Map.of("detect", 1.0)))
                .as("a later run of the same instrument").isEqualTo(AgentStore.Commit.DUPLICATE);
        assertThat(store.commitSkipped(frameOf("run-2", "f1"))).isEqualTo(AgentStore.Commit.DUPLICATE);
        assertThat(store.commitFrame(frameOf("run-3", "f1"), detection(1), Map.of()))
                .as("another instrument has its own frame ids").isEqualTo(AgentStore.Commit.STORED);
        assertThat(queries().frameIds("run-2")).isEmpty();
        assertThat(count("SELECT COUNT(*) FROM frames WHERE frame_id = 'f1'")).isEqualTo(2);

        StoredFrame stored = store.storedFrame("run-2", "f1").orElseThrow();
        assertThat(stored.runId()).isEqualTo("run-1");
        assertThat(stored.skipped()).isFalse();
        assertThat(stored.detections()).singleElement().satisfies(d -> {
            assertThat(d.method()).isEqualTo("log*");
            assertThat(d.paramSource()).isEqualTo("fixed");
            assertThat(d.params()).isEqualTo(PARAMS);
            assertThat(d.atomsJson()).isEqualTo("[[0.0,1.0,2.0],[1.0,2.0,2.0]]");
            assertThat(d.qc()).isEqualTo(0.1);
        });
        assertThat(store.storedFrame("run-2", "never-sent")).isEmpty();
    }

    @Test
    void version7KeepsTheFirstOfAFrameIdStoredInTwoRunsBeforeItAndRefusesAThird() throws SQLException {
        db.close();
        String old = "jdbc:h2:" + dir.resolve("old").toAbsolutePath();
        org.flywaydb.core.Flyway.configure().dataSource(old, null, null).locations("classpath:db/migration")
                .target("6").load().migrate();
        try (Connection c = DriverManager.getConnection(old); Statement st = c.createStatement()) {
            for (String run : List.of("r1", "r2")) {
                st.executeUpdate("INSERT INTO runs (run_id, instrument, mode, started_at) VALUES ('" + run
                        + "', 'm', 'autonomous', CURRENT_TIMESTAMP)");
                st.executeUpdate("INSERT INTO frames (run_id, frame_id, height, width, received_at, committed_at) "
                        + "VALUES ('" + run + "', 'f1', 8, 8, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");
            }
        }
        url = old;
        db = Database.open(old);
        store = new AgentStore(db);
        assertThat(count("SELECT COUNT(*) FROM frames")).as("nothing deleted").isEqualTo(2);
        assertThat(store.storedFrame("r2", "f1")).map(StoredFrame::runId).contains("r1");
        store.startRun(new RunRecord("r3", "m", "autonomous", T0));
        assertThat(store.commitFrame(frameOf("r3", "f1"), detection(1), Map.of())).isEqualTo(AgentStore.Commit.DUPLICATE);
    }

    @Test
    void oneParameterSetServesManyFrames() throws SQLException {
        store.commitFrame(frame("f1", null), detection(1), Map.of());
        store.commitFrame(frame("f2", null), detection(1), Map.of());

        assertThat(count("SELECT COUNT(*) FROM parameter_sets")).isEqualTo(1);
        assertThat(queries().frameIds("run-1")).containsExactly("f1", "f2");
    }

    @Test
    void recordsDecisionsInOrder() {
        decisions().record(new DecisionRecord("run-1", "alice", "pause", null, "f1", "{}", T0));
        decisions().record(new DecisionRecord("run-1", DecisionRecord.AGENT, "resume", null, null, null, T0));

        assertThat(decisions().actions("run-1")).containsExactly("pause", "resume");
    }

    @Test
    void reopeningKeepsTheDataAndSkipsAppliedMigrations() {
        store.commitFrame(frame("f1", null), detection(0), Map.of());
        store.endRun("run-1", T0.plusSeconds(60));
        db.close();

        db = Database.open(url);
        store = new AgentStore(db);
        assertThat(queries().frameIds("run-1")).containsExactly("f1");
    }

    @Test
    void membersOfAShareGroupStoreEachFrameIdOnce() throws SQLException {
        store.startRun(new RunRecord("run-2", "microscope-1", "autonomous", T0));
        AgentStore a = new AgentStore(db, new ShareScope("g", "microscope-1", "agent-a"));
        AgentStore b = new AgentStore(db, new ShareScope("g", "microscope-1", "agent-b"));
        AgentStore otherGroup = new AgentStore(db, new ShareScope("h", "microscope-1", "agent-c"));

        assertThat(a.commitFrame(frame("f1", null), detection(2), Map.of())).isEqualTo(AgentStore.Commit.STORED);
        // the broker handed f1 to b too (a redelivery): b stores nothing, a keeps its row
        assertThat(b.commitFrame(frameOf("run-2", "f1"), detection(5), Map.of("detect", 1.0)))
                .isEqualTo(AgentStore.Commit.CLAIMED_ELSEWHERE);
        assertThat(b.commitFrame(frameOf("run-2", "f2"), detection(3), Map.of())).isEqualTo(AgentStore.Commit.STORED);
        assertThat(a.commitFrame(frame("f1", null), detection(2), Map.of())).isEqualTo(AgentStore.Commit.DUPLICATE);

        assertThat(queries().frameIds("run-1")).containsExactly("f1");
        assertThat(queries().frameIds("run-2")).containsExactly("f2");
        assertThat(count("SELECT COUNT(*) FROM detections")).isEqualTo(2);
        assertThat(count("SELECT COUNT(*) FROM timings")).isZero();
        assertThat(count("SELECT COUNT(*) FROM frame_claims WHERE frame_id = 'f1' AND agent = 'agent-a'")).isEqualTo(1);
        // another group (or an agent on its own) does not see the group's claims
        assertThat(otherGroup.commitFrame(frameOf("run-2", "f3"), detection(1), Map.of()))
                .isEqualTo(AgentStore.Commit.STORED);
        assertThat(store.commitFrame(frameOf("run-2", "f4"), detection(1), Map.of())).isEqualTo(AgentStore.Commit.STORED);
        // the parameter set b inserted in its rolled-back transaction is not referenced by a stale id
        assertThat(b.commitFrame(frameOf("run-2", "f5"), detection(3), Map.of())).isEqualTo(AgentStore.Commit.STORED);
    }

    @Nested
    class Failures {

        @Test
        void aUrlThatIsNotJdbcIsRefused() {
            assertThatThrownBy(() -> Database.open("h2:./x")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("must start with jdbc:");
        }

        @Test
        void aFrameOfAnUnknownRunIsRefusedAndNothingIsKept() {
            assertThatThrownBy(() -> store.commitFrame(new FrameMeta("no-such-run", "f1", 8, 8, Double.NaN, null,
                    T0, null), detection(1), Map.of())).isInstanceOf(StoreException.class)
                    .hasMessageContaining("commit frame f1");
            assertThat(queries().frameIds("no-such-run")).isEmpty();
        }

        @Test
        void anEmptyFrameIdIsRefused() {
            assertThatThrownBy(() -> frame(" ", null)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("Frame id must not be empty");
        }
    }

    @Test
    void findsTheUnfinishedRunOfAClientWithTheStateCommittedWithItsLastFrameOrDecision() {
        store.startRun(new RunRecord("run-2", "microscope-1", "supervised", T0.plusSeconds(1)), "agent-a");
        assertThat(store.unfinishedRun("microscope-1", "agent-a")).contains(new UnfinishedRun("run-2", "supervised", null));

        store.commitFrame(new FrameMeta("run-2", "f1", 8, 8, Double.NaN, null, T0, null), detection(1), Map.of(), null,
                List.of(), "{\"v\":1,\"after\":\"f1\"}");
        decisions().record(new DecisionRecord("run-2", "erin", "pause", null, "f1", null, T0), "{\"v\":1,\"paused\":true}");
        assertThat(store.unfinishedRun("microscope-1", "agent-a")).get().extracting(UnfinishedRun::stateJson)
                .isEqualTo("{\"v\":1,\"paused\":true}");
        // a duplicate frame still moves the state on (the snapshot is the newest, never older than the rows)
        assertThat(store.commitFrame(new FrameMeta("run-2", "f1", 8, 8, Double.NaN, null, T0, null), detection(1),
                Map.of(), null, List.of(), "{\"v\":1,\"again\":\"f1\"}")).isEqualTo(AgentStore.Commit.DUPLICATE);
        assertThat(store.unfinishedRun("microscope-1", "agent-a")).get().extracting(UnfinishedRun::stateJson)
                .isEqualTo("{\"v\":1,\"again\":\"f1\"}");

        assertThat(store.unfinishedRun("microscope-1", "agent-b")).as("another client's").isEmpty();
        assertThat(store.unfinishedRun("microscope-2", "agent-a")).as("another instrument's").isEmpty();
        store.endRun("run-2", T0.plusSeconds(9));
        assertThat(store.unfinishedRun("microscope-1", "agent-a")).as("ended cleanly").isEmpty();
    }

    private static FrameMeta frame(String id, byte[] raw) {
        return new FrameMeta("run-1", id, 64, 48, 0.14, "graphene", T0, raw);
    }

    private static FrameMeta frameOf(String run, String id) {
        return new FrameMeta(run, id, 64, 48, 0.14, "graphene", T0, null);
    }

    private static DetectionRecord detection(int atoms) {
        List<Blob> blobs = java.util.stream.IntStream.range(0, atoms).mapToObj(i -> new Blob(i, i + 1, 2)).toList();
        return new DetectionRecord("log*", "fixed", PARAMS, blobs, 0.1, 0.0);
    }

    private int count(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
