package org.stemloop.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Tracking across frames in the database (V11): per frame the drift, per frame and tracked thing (every atom,
 * every dopant) its track id and position; read back as trajectories for the downloads.
 */
public final class TrackStore {

    private final Database db;

    public TrackStore(Database db) {
        this.db = Objects.requireNonNull(db, "db");
    }

    /** One frame's tracking: its order in the run, its series, the drift from the previous frame and accumulated. */
    public record TrackFrame(String runId, String frameId, int seq, int series, double stepRow, double stepCol,
                             double driftRow, double driftCol, double peak, int atoms, int dopants) {
        public TrackFrame {
            Columns.requireText("Run id", runId, 64);
            Columns.requireText("Frame id", frameId, 256);
        }
    }

    /**
     * A tracked thing in one frame.
     *
     * @param kind  {@code atom} or {@code dopant}
     * @param moved how far it moved (drift removed) since its track was last seen, pixels; 0 for a new track
     */
    public record TrackPoint(String frameId, String kind, int trackId, int seq, double row, double col, double moved) {
    }

    /**
     * Stores a frame's tracking once (a redelivered frame changes nothing).
     *
     * @return whether it was stored now
     */
    public boolean commit(TrackFrame f, List<TrackPoint> points) {
        return db.inTransaction("store tracks", c -> {
            try (PreparedStatement st = c.prepareStatement("SELECT COUNT(*) FROM track_frames WHERE run_id = ? "
                    + "AND frame_id = ?")) {
                st.setString(1, f.runId());
                st.setString(2, f.frameId());
                try (ResultSet rs = st.executeQuery()) {
                    rs.next();
                    if (rs.getInt(1) > 0) {
                        return false;
                    }
                }
            }
            try (PreparedStatement st = c.prepareStatement("INSERT INTO track_frames (run_id, frame_id, seq, series, "
                    + "step_row, step_col, drift_row, drift_col, peak, atoms, dopants, created_at) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                st.setString(1, f.runId());
                st.setString(2, f.frameId());
                st.setInt(3, f.seq());
                st.setInt(4, f.series());
                st.setDouble(5, f.stepRow());
                st.setDouble(6, f.stepCol());
                st.setDouble(7, f.driftRow());
                st.setDouble(8, f.driftCol());
                st.setDouble(9, f.peak());
                st.setInt(10, f.atoms());
                st.setInt(11, f.dopants());
                st.setTimestamp(12, Timestamp.from(Instant.now()));
                st.executeUpdate();
            }
            try (PreparedStatement st = c.prepareStatement("INSERT INTO track_points (run_id, frame_id, kind, track_id, "
                    + "seq, row_px, col_px, moved_px) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (TrackPoint p : points) {
                    st.setString(1, f.runId());
                    st.setString(2, f.frameId());
                    st.setString(3, p.kind());
                    st.setInt(4, p.trackId());
                    st.setInt(5, p.seq());
                    st.setDouble(6, p.row());
                    st.setDouble(7, p.col());
                    st.setDouble(8, p.moved());
                    st.addBatch();
                }
                st.executeBatch();
            }
            return true;
        });
    }

    /** Where a run's tracking goes on: {next seq, next series, next atom track id, next dopant track id}. */
    public int[] next(String runId) {
        return db.inTransaction("continue tracks", c -> {
            int[] out = new int[4];
            try (PreparedStatement st = c.prepareStatement("SELECT COALESCE(MAX(seq) + 1, 0), COALESCE(MAX(series) + 1, 0)"
                    + " FROM track_frames WHERE run_id = ?")) {
                st.setString(1, runId);
                try (ResultSet rs = st.executeQuery()) {
                    rs.next();
                    out[0] = rs.getInt(1);
                    out[1] = rs.getInt(2);
                }
            }
            try (PreparedStatement st = c.prepareStatement("SELECT kind, COALESCE(MAX(track_id) + 1, 0) FROM track_points"
                    + " WHERE run_id = ? GROUP BY kind")) {
                st.setString(1, runId);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        out["atom".equals(rs.getString(1)) ? 2 : 3] = rs.getInt(2);
                    }
                }
            }
            return out;
        });
    }

    /** A run's frames in order. */
    public List<TrackFrame> frames(String runId) {
        return db.inTransaction("read track frames", c -> {
            try (PreparedStatement st = c.prepareStatement("SELECT frame_id, seq, series, step_row, step_col, drift_row, "
                    + "drift_col, peak, atoms, dopants FROM track_frames WHERE run_id = ? ORDER BY seq")) {
                st.setString(1, runId);
                List<TrackFrame> out = new ArrayList<>();
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        out.add(new TrackFrame(runId, rs.getString(1), rs.getInt(2), rs.getInt(3), rs.getDouble(4),
                                rs.getDouble(5), rs.getDouble(6), rs.getDouble(7), rs.getDouble(8), rs.getInt(9),
                                rs.getInt(10)));
                    }
                }
                return out;
            }
        });
    }

    /**
     * A run's tracked points of {@code kind} ({@code atom}, {@code dopant}, or {@code null}: both), by track then
     * frame order, at most {@code limit} rows.
     */
    public List<TrackPoint> points(String runId, String kind, int limit) {
        return db.inTransaction("read tracks", c -> {
            try (PreparedStatement st = c.prepareStatement("SELECT frame_id, kind, track_id, seq, row_px, col_px, moved_px"
                    + " FROM track_points WHERE run_id = ? AND (? IS NULL OR kind = ?) ORDER BY kind DESC, track_id, seq"
                    + " LIMIT ?")) {
                st.setString(1, runId);
                st.setString(2, kind);
                st.setString(3, kind);
                st.setInt(4, limit);
                List<TrackPoint> out = new ArrayList<>();
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        out.add(new TrackPoint(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getInt(4),
                                rs.getDouble(5), rs.getDouble(6), rs.getDouble(7)));
                    }
                }
                return out;
            } catch (SQLException e) {
                throw e;
            }
        });
    }
}
