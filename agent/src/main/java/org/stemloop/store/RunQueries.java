package org.stemloop.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Read-only questions about one run's stored frames: their ids (all, skipped), the frames its Pareto fronts
 * were computed on, the options and methods of its detections. Kept apart from {@link AgentStore}, which owns
 * the frame commit path (and {@link AgentStore#storedFrame}, the duplicate lookup that path answers with).
 *
 * <p>Blocking: call from a worker thread, never from an event loop. Each call is one transaction.
 */
public final class RunQueries {

    private final Database db;

    public RunQueries(Database db) {
        this.db = Objects.requireNonNull(db, "db");
    }

    /** The frame ids of a run in the order they were committed. */
    public List<String> frameIds(String runId) {
        return db.inTransaction("list frames", c -> Columns.strings(c,
                "SELECT frame_id FROM frames WHERE run_id = ? ORDER BY frame_pk", runId));
    }

    /** The ids of a run's frames recorded as skipped, in the order they were committed. */
    public List<String> skippedFrameIds(String runId) {
        return db.inTransaction("list skipped frames", c -> Columns.strings(c,
                "SELECT frame_id FROM frames WHERE run_id = ? AND skipped ORDER BY frame_pk", runId));
    }

    /** The frame ids of the fronts computed in a run, in order. */
    public List<String> paretoFrames(String runId) {
        return db.inTransaction("list fronts", c -> Columns.strings(c,
                "SELECT frame_id FROM pareto_fronts WHERE run_id = ? ORDER BY front_id", runId));
    }

    /** The option ids the LoG detections of a run used, frame by frame ({@code null} for configured parameters). */
    public List<String> detectionOptions(String runId) {
        return db.inTransaction("list detection options", c -> Columns.strings(c, "SELECT CAST(d.option_id AS VARCHAR(16)) "
                + "FROM detections d JOIN frames f ON d.frame_pk = f.frame_pk WHERE f.run_id = ? AND d.param_id IS NOT NULL "
                + "ORDER BY f.frame_pk",
                runId));
    }

    /** The methods of a frame's detections in the order they were stored (e.g. {@code log*}, {@code unet}). */
    public List<String> detectionMethods(String runId, String frameId) {
        return db.inTransaction("list detection methods", c -> {
            try (PreparedStatement st = c.prepareStatement("SELECT d.method FROM detections d JOIN frames f "
                    + "ON d.frame_pk = f.frame_pk WHERE f.run_id = ? AND f.frame_id = ? ORDER BY d.detection_id")) {
                st.setString(1, runId);
                st.setString(2, frameId);
                try (ResultSet rs = st.executeQuery()) {
                    List<String> out = new ArrayList<>();
                    while (rs.next()) {
                        out.add(rs.getString(1));
                    }
                    return List.copyOf(out);
                }
            }
        });
    }
}
