package org.stemloop.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An H2 file database committed once per frame for a long run: each commit must reach the file before
 * {@link Database#inTransaction} returns, and H2's chunks (one per commit, each with metadata on the heap) must
 * not pile up. With {@code WRITE_DELAY=0} H2 has no background thread to rewrite them: a soak kept every one
 * (7,990 chunks after 8,829 frames, the heap growing with them, the file at 32% live data).
 */
class DatabaseChunksTest {

    /** Frames in the run: each one a transaction, as the agent commits them. */
    private static final int COMMITS = 3_000;

    @TempDir
    Path dir;
    private Database db;

    @BeforeEach
    void open() {
        // H2 rewrites a chunk only once it is older than the retention time (45 s by default, longer than this
        // test): 1 s here, so the test sees in seconds what a run sees after its first minute
        db = Database.open("jdbc:h2:" + dir.resolve("db") + ";RETENTION_TIME=1000");
        db.inTransaction("create table", c -> {
            try (Statement st = c.createStatement()) {
                st.execute("CREATE TABLE soak (id INT PRIMARY KEY, body VARCHAR(4000))");
            }
            return null;
        });
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void chunksStayBoundedOverManyCommits() throws Exception {
        for (int i = 0; i < COMMITS; i++) {
            commitFrame(i);
        }
        Map<String, String> info = db.h2Info();
        assertThat(Integer.parseInt(info.get("WRITE_DELAY")))
                .as("H2's background thread (it compacts chunks) runs only with a write delay").isPositive();
        // H2 rewrites chunks on its own thread, and only chunks older than the retention time. The run goes on as
        // a run does, a frame every 100 ms: an idle store is no run, and H2 stops its housekeeping on an idle store
        // whose chunks were too young to rewrite at its last look (seen once in CI: 3,003 chunks left after 60 s)
        long afterBurst = chunkCount();
        long chunks = afterBurst;
        int commits = COMMITS;
        for (int waited = 0; chunks > commits / 2 && waited < 600; waited++) {
            Thread.sleep(100);
            commitFrame(commits++);
            chunks = chunkCount();
        }
        // the leak keeps a chunk per commit (3,008 after 3,000, and one more with each commit since); the fix
        // rewrites them faster than frames come: the count falls while the run goes on, well under one per commit
        // (a quiet machine: a sixth within seconds; a fresh-clone CI run: 1,812 after 3,600 commits, still falling)
        boolean compacted = chunks < commits / 2;
        boolean falling = chunks < afterBurst - (commits - COMMITS) && chunks < 3L * commits / 4;
        assertThat(compacted || falling).as("H2 chunks: %d after %d commits, %d after the first %d (%s)", chunks, commits,
                afterBurst, COMMITS, db.h2Info()).isTrue();
    }

    private void commitFrame(int id) {
        String body = "x".repeat(2_000); // about the size of a frame's detections
        db.inTransaction("insert " + id, c -> {
            try (PreparedStatement st = c.prepareStatement("INSERT INTO soak VALUES (?, ?)")) {
                st.setInt(1, id);
                st.setString(2, body);
                st.executeUpdate();
            }
            return null;
        });
    }

    @Test
    void aCommitIsInTheFileWhenInTransactionReturns() throws Exception {
        db.inTransaction("insert", c -> {
            try (Statement st = c.createStatement()) {
                st.execute("INSERT INTO soak VALUES (1, 'kept')");
            }
            return null;
        });
        // what a kill -9 right now would leave: the file as it is, opened by another process
        Path copy = dir.resolve("copy.mv.db");
        Files.copy(dir.resolve("db.mv.db"), copy);
        try (Connection c = DriverManager.getConnection("jdbc:h2:" + dir.resolve("copy") + ";ACCESS_MODE_DATA=r");
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT body FROM soak WHERE id = 1")) {
            assertThat(rs.next()).as("the committed row in a copy of the file").isTrue();
            assertThat(rs.getString(1)).isEqualTo("kept");
        }
    }

    private long chunkCount() {
        return Long.parseLong(db.h2Info().get("info.CHUNK_COUNT"));
    }
}
