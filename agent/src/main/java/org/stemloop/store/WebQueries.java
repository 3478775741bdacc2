package org.stemloop.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the web UI reads from the agent's database (runs, frames with their detections, decisions)
 * and the one thing it writes: the audit row of an operator's request. Kept apart from
 * {@link AgentStore}, which owns the agent's writes.
 *
 * <p>Blocking: call from a worker thread, never from an event loop. Each call is one transaction
 * on the {@link Database}'s connection.
 */
public final class WebQueries {

    /** Most rows one listing returns; the newest first. */
    public static final int MAX_ROWS = 500;

    private final Database db;

    public WebQueries(Database db) {
        this.db = Objects.requireNonNull(db, "db");
    }

    /** A run as listed in the history. */
    public record RunRow(String runId, String instrument, String mode, Instant startedAt, Instant endedAt,
                         long frames, long decisions) {
    }

    /**
     * A frame with its LoG* detection (the U-Net's, when there is one, is not in this row): {@code method} is {@code null} and the numbers {@code NaN}
     * or 0 for a frame kept without analysis.
     */
    public record FrameRow(String frameId, int height, int width, Instant receivedAt, String method,
                           String paramSource, double minSigma, double maxSigma, int numSigma, double threshold,
                           double overlap, int nAtoms, double qc, double er, double latencyMs, boolean rawKept) {
    }

    /** A decision: who did what, when, to which option, on which frame. */
    public record DecisionRow(long id, String actor, String action, String optionId, String frameId, String detail,
                              Instant decidedAt) {
    }

    /** The runs, newest first (at most {@link #MAX_ROWS}). */
    public List<RunRow> runs() {
        return db.inTransaction("list runs", c -> rows(c, "SELECT r.run_id, r.instrument, r.mode, r.started_at, "
                + "r.ended_at, (SELECT COUNT(*) FROM frames f WHERE f.run_id = r.run_id), "
                + "(SELECT COUNT(*) FROM decisions d WHERE d.run_id = r.run_id) "
                + "FROM runs r ORDER BY r.started_at DESC LIMIT " + MAX_ROWS, st -> { }, rs -> new RunRow(
                        rs.getString(1), rs.getString(2), rs.getString(3), Columns.instant(rs.getObject(4)),
                        rs.getObject(5) == null ? null : Columns.instant(rs.getObject(5)), rs.getLong(6),
                        rs.getLong(7))));
    }

    /** Whether the run exists. */
    public boolean runExists(String runId) {
        return db.inTransaction("find run", c -> !rows(c, "SELECT 1 FROM runs WHERE run_id = ?",
                st -> st.setString(1, runId), rs -> 1).isEmpty());
    }

    /** A run's frames, newest first (at most {@link #MAX_ROWS}), with the summary of their detection. */
    public List<FrameRow> frames(String runId) {
        return db.inTransaction("list frames", c -> rows(c, "SELECT f.frame_id, f.height, f.width, f.received_at, "
                + "d.method, p.source, p.min_sigma, p.max_sigma, p.num_sigma, p.threshold, p.overlap, d.n_atoms, "
                + "d.qc, d.er, (SELECT SUM(t.millis) FROM timings t WHERE t.frame_pk = f.frame_pk), "
                + "f.raw_npy IS NOT NULL FROM frames f "
                + "LEFT JOIN detections d ON d.frame_pk = f.frame_pk AND d.param_id IS NOT NULL "
                + "LEFT JOIN parameter_sets p ON p.param_id = d.param_id "
                + "WHERE f.run_id = ? ORDER BY f.frame_pk DESC LIMIT " + MAX_ROWS,
                st -> st.setString(1, runId), rs -> new FrameRow(rs.getString(1), rs.getInt(2), rs.getInt(3),
                        Columns.instant(rs.getObject(4)), rs.getString(5), rs.getString(6), number(rs, 7),
                        number(rs, 8), rs.getInt(9), number(rs, 10), number(rs, 11), rs.getInt(12), number(rs, 13),
                        number(rs, 14), number(rs, 15), rs.getBoolean(16))));
    }

    /** A run's decisions, newest first (at most {@link #MAX_ROWS}). */
    public List<DecisionRow> decisions(String runId) {
        return db.inTransaction("list decisions", c -> rows(c, "SELECT decision_id, actor, action, option_id, "
                + "frame_id, detail, decided_at FROM decisions WHERE run_id = ? ORDER BY decision_id DESC LIMIT "
                + MAX_ROWS, st -> st.setString(1, runId), rs -> new DecisionRow(rs.getLong(1), rs.getString(2),
                        rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                        Columns.instant(rs.getObject(7)))));
    }

    /** The atoms of a frame's LoG* detection as stored, JSON {@code [[row, col, sigma], ...]}; empty when none. */
    public Optional<String> atomsJson(String runId, String frameId) {
        return db.inTransaction("read detections", c -> rows(c, "SELECT d.atoms_json FROM frames f "
                + "JOIN detections d ON d.frame_pk = f.frame_pk WHERE f.run_id = ? AND f.frame_id = ? "
                + "AND d.param_id IS NOT NULL ORDER BY d.detection_id", st -> {
                    st.setString(1, runId);
                    st.setString(2, frameId);
                }, rs -> rs.getString(1)).stream().findFirst());
    }

    /** The frame's NPY bytes when the agent keeps raw frames; empty otherwise. */
    public Optional<byte[]> rawNpy(String runId, String frameId) {
        return db.inTransaction("read raw frame", c -> rows(c, "SELECT raw_npy FROM frames WHERE run_id = ? "
                + "AND frame_id = ? AND raw_npy IS NOT NULL", st -> {
                    st.setString(1, runId);
                    st.setString(2, frameId);
                }, rs -> rs.getBytes(1)).stream().findFirst());
    }

    /** Records an operator's request (the audit trail); the same table as the agent's decisions. */
    public void recordDecision(DecisionRecord d) {
        new DecisionStore(db).record(d);
    }

    private static double number(ResultSet rs, int column) throws SQLException {
        double v = rs.getDouble(column);
        return rs.wasNull() ? Double.NaN : v;
    }

    private static <T> List<T> rows(Connection c, String sql, Binder bind, RowMapper<T> map) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(sql)) {
            bind.bind(st);
            try (ResultSet rs = st.executeQuery()) {
                List<T> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(map.map(rs));
                }
                return List.copyOf(out);
            }
        }
    }

    @FunctionalInterface
    private interface Binder {
        void bind(PreparedStatement st) throws SQLException;
    }

    @FunctionalInterface
    private interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }
}
