package org.stemloop.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.stemloop.detect.Blob;
import org.stemloop.detect.LogParams;
import org.stemloop.unet.UnetAtom;
import org.stemloop.testsupport.PostgresServer;

/**
 * The store on a real PostgreSQL server (DESIGN: the SQL stays PostgreSQL-compatible and a JDBC URL
 * switches the store): the migrations apply, a frame and its detections commit, a frame id seen
 * twice is stored once, decisions keep their order, and reopening skips applied migrations; members
 * of a share group racing for the same frames store each once.
 */
@Tag("integration")
class PostgresStoreTest {

    private static final Instant T0 = Instant.parse("2025-01-02T03:04:05Z");
    private static PostgresServer server;

    @BeforeAll
    static void start() throws Exception {
        server = PostgresServer.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void theStoreWorksOnPostgresql() throws SQLException {
        try (Database db = Database.open(server.jdbcUrl())) {
            AgentStore store = new AgentStore(db);
            store.startRun(new RunRecord("pg-run", "microscope-1", "autonomous", T0));
            FrameMeta f1 = new FrameMeta("pg-run", "f1", 64, 48, 0.14, "graphene", T0, new byte[] {1, 2, 3});
            DetectionRecord d = new DetectionRecord("log*", "fixed", LogParams.of(2, 6, 10, 0.1, 0.5),
                    List.of(new Blob(1, 2, 2), new Blob(3, 4, 2)), 0.1, 0.0);
            assertThat(store.commitFrame(f1, d, Map.of("detect", 12.5))).isEqualTo(AgentStore.Commit.STORED);
            assertThat(store.commitFrame(f1, d, Map.of())).isEqualTo(AgentStore.Commit.DUPLICATE);
            UnetRecord unet = new UnetRecord("graphene", List.of(new UnetAtom(1.5, 2.5, 0.9, 0, 7)));
            assertThat(store.commitUnet("pg-run", "f1", unet)).isEqualTo(AgentStore.Commit.STORED);
            assertThat(store.commitUnet("pg-run", "f1", unet)).isEqualTo(AgentStore.Commit.DUPLICATE);
            assertThat(new RunQueries(db).detectionMethods("pg-run", "f1")).containsExactly("log*", "unet");
            new DecisionStore(db).record(new DecisionRecord("pg-run", "alice", "pause", null, "f1", "{}", T0));
            new DecisionStore(db).record(new DecisionRecord("pg-run", DecisionRecord.AGENT, "resume", null, null, null, T0));
            FrameMeta f2 = new FrameMeta("pg-run", "f2", 64, 48, Double.NaN, null, T0, null);
            assertThat(store.commitSkipped(f2)).isEqualTo(AgentStore.Commit.STORED);
            assertThat(store.commitSkipped(f2)).isEqualTo(AgentStore.Commit.DUPLICATE);
            assertThat(new RunQueries(db).skippedFrameIds("pg-run")).containsExactly("f2");
            store.ping();
            store.endRun("pg-run", T0.plusSeconds(60));

            assertThat(new RunQueries(db).frameIds("pg-run")).containsExactly("f1", "f2");
            assertThat(new DecisionStore(db).actions("pg-run")).containsExactly("pause", "resume");
        }
        try (Database again = Database.open(server.jdbcUrl())) {
            assertThat(new RunQueries(again).frameIds("pg-run")).containsExactly("f1", "f2");
        }
        assertThat(count("SELECT COUNT(*) FROM frames WHERE run_id = 'pg-run'")).isEqualTo(2);
        assertThat(count("SELECT COUNT(*) FROM frames WHERE run_id = 'pg-run' AND skipped")).isEqualTo(1);
        assertThat(count("SELECT n_atoms FROM detections WHERE param_id IS NOT NULL")).isEqualTo(2);
        assertThat(count("SELECT n_atoms FROM detections WHERE method = 'unet' AND param_id IS NULL")).isEqualTo(1);
        assertThat(count("SELECT LENGTH(raw_npy) FROM frames WHERE frame_id = 'f1'")).isEqualTo(3);
    }

    /**
     * What the bad-input checks let through is stored verbatim on PostgreSQL too (every value is a bound
     * parameter), up to the column sizes the checks enforce; a raw U+0000, which the checks refuse, is the
     * one thing PostgreSQL itself would refuse, failing the commit on every redelivery.
     */
    @Test
    void hostileButValidStringsAreStoredVerbatim() {
        String sql = "'; DROP TABLE frames; --";
        String frameId = sql + " 原子 \uD83D\uDE42 " + "x".repeat(256 - sql.length() - 7);
        String actor = "Robert'); DROP TABLE decisions;-- Ångström " + "y".repeat(128 - 43);
        try (Database db = Database.open(server.jdbcUrl())) {
            AgentStore store = new AgentStore(db);
            store.startRun(new RunRecord("pg-hostile", "microscope-1", "supervised", T0));
            store.commitFrame(new FrameMeta("pg-hostile", frameId, 8, 8, Double.NaN, "srtio3", T0, null), null, Map.of());
            new DecisionStore(db).record(new DecisionRecord("pg-hostile", actor, "pause", null, frameId,
                    "{\"by\":\"a\\u0000b\"}", T0));
            assertThat(frameId).hasSize(256);
            assertThat(actor).hasSize(128);
            assertThat(new RunQueries(db).frameIds("pg-hostile")).containsExactly(frameId);
            assertThat(new DecisionStore(db).list("pg-hostile")).singleElement().satisfies(d -> {
                assertThat(d.actor()).isEqualTo(actor);
                assertThat(d.detail()).isEqualTo("{\"by\":\"a\\u0000b\"}");
            });
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> new DecisionStore(db).record(new DecisionRecord(
                    "pg-hostile", "a\u0000b", "pause", null, null, null, T0))).isInstanceOf(StoreException.class);
        }
    }

    /**
     * Two members of a share group, each with its own connection, race to store the same frames (as when
     * the broker redelivers to a second member what the first has not acknowledged yet): PostgreSQL holds
     * the second claim of each frame until the first commits, then refuses it, so every frame is stored once.
     */
    @Test
    void racingMembersOfAShareGroupStoreEachFrameOnce() throws Exception {
        String url = freshDatabase("share_race");
        int frames = 40;
        try (Database da = Database.open(url); Database db = Database.open(url)) {
            AgentStore a = new AgentStore(da, new ShareScope("g", "microscope-1", "agent-a"));
            AgentStore b = new AgentStore(db, new ShareScope("g", "microscope-1", "agent-b"));
            a.startRun(new RunRecord("run-a", "microscope-1", "autonomous", T0));
            b.startRun(new RunRecord("run-b", "microscope-1", "autonomous", T0));
            DetectionRecord d = new DetectionRecord("log*", "fixed", LogParams.of(2, 6, 10, 0.1, 0.5),
                    List.of(new Blob(1, 2, 2)), 0.1, 0.0);
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                Future<List<AgentStore.Commit>> ra = pool.submit(() -> commitAll(a, "run-a", frames, d));
                Future<List<AgentStore.Commit>> rb = pool.submit(() -> commitAll(b, "run-b", frames, d));
                List<AgentStore.Commit> all = new ArrayList<>(ra.get(60, TimeUnit.SECONDS));
                all.addAll(rb.get(60, TimeUnit.SECONDS));
                assertThat(all).filteredOn(c -> c == AgentStore.Commit.STORED).hasSize(frames);
                assertThat(all).filteredOn(c -> c == AgentStore.Commit.CLAIMED_ELSEWHERE).hasSize(frames);
            } finally {
                pool.shutdownNow();
            }
        }
        assertThat(countIn(url, "SELECT COUNT(*) FROM frames")).isEqualTo(frames);
        assertThat(countIn(url, "SELECT COUNT(DISTINCT frame_id) FROM frames")).isEqualTo(frames);
        assertThat(countIn(url, "SELECT COUNT(*) FROM frame_claims c JOIN frames f ON f.frame_id = c.frame_id "
                + "AND f.run_id = c.run_id")).isEqualTo(frames);
        assertThat(countIn(url, "SELECT COUNT(*) FROM detections")).isEqualTo(frames);
    }

    private static List<AgentStore.Commit> commitAll(AgentStore store, String run, int frames, DetectionRecord d) {
        List<AgentStore.Commit> out = new ArrayList<>();
        for (int i = 0; i < frames; i++) {
            out.add(store.commitFrame(new FrameMeta(run, "f" + i, 64, 48, 0.14, "graphene", T0, null), d,
                    Map.of("detect", 1.0)));
        }
        return out;
    }

    /** A new, empty database on the server, so this test does not see the others' rows. */
    private static String freshDatabase(String name) throws SQLException {
        try (Connection c = DriverManager.getConnection(server.jdbcUrl()); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + name);
        }
        return "jdbc:postgresql://127.0.0.1:%d/%s?user=postgres".formatted(server.port(), name);
    }

    private static int countIn(String url, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static int count(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(server.jdbcUrl()); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
