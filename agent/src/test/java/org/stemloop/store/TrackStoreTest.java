package org.stemloop.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Trajectories stored once per frame (V11), read back by track, and where a restarted agent goes on. */
class TrackStoreTest {

    @TempDir
    Path dir;
    private Database db;
    private TrackStore tracks;

    @BeforeEach
    void open() {
        db = Database.open("jdbc:h2:" + dir.resolve("db").toAbsolutePath());
        new AgentStore(db).startRun(new RunRecord("run-1", "microscope-1", "autonomous", Instant.parse("2026-12-02T05:00:00Z")));
        tracks = new TrackStore(db);
    }

    @AfterEach
    void close() {
        db.close();
    }

    private static TrackStore.TrackFrame frame(String id, int seq) {
        return new TrackStore.TrackFrame("run-1", id, seq, 0, 0.7, -0.4, 0.7 * seq, -0.4 * seq, 0.8, 2, 1);
    }

    @Test
    void aFrameIsStoredOnceAndTheTracksReadBackInOrder() {
        assertThat(tracks.next("run-1")).containsExactly(0, 0, 0, 0);
        assertThat(tracks.commit(frame("f1", 0), List.of(new TrackStore.TrackPoint("f1", "atom", 0, 0, 10, 10, 0),
                new TrackStore.TrackPoint("f1", "atom", 1, 0, 20, 10, 0),
                new TrackStore.TrackPoint("f1", "dopant", 0, 0, 20, 10, 0)))).isTrue();
        assertThat(tracks.commit(frame("f2", 1), List.of(new TrackStore.TrackPoint("f2", "atom", 0, 1, 10.7, 9.6, 0.01),
                new TrackStore.TrackPoint("f2", "atom", 2, 1, 30, 10, 0),
                new TrackStore.TrackPoint("f2", "dopant", 0, 1, 30, 10, 10.1)))).isTrue();
        assertThat(tracks.commit(frame("f2", 1), List.of())).as("redelivered").isFalse();

        assertThat(tracks.points("run-1", "dopant", 100)).extracting(TrackStore.TrackPoint::frameId,
                TrackStore.TrackPoint::trackId).containsExactly(org.assertj.core.groups.Tuple.tuple("f1", 0),
                org.assertj.core.groups.Tuple.tuple("f2", 0));
        assertThat(tracks.points("run-1", "atom", 100)).extracting(TrackStore.TrackPoint::trackId)
                .containsExactly(0, 0, 1, 2);
        assertThat(tracks.points("run-1", null, 100)).hasSize(6);
        assertThat(tracks.points("run-1", null, 2)).hasSize(2);
        assertThat(tracks.frames("run-1")).extracting(TrackStore.TrackFrame::driftRow).containsExactly(0.0, 0.7);
        assertThat(tracks.next("run-1")).as("seq, series, atom id, dopant id a restart goes on from")
                .containsExactly(2, 1, 3, 1);
    }
}
