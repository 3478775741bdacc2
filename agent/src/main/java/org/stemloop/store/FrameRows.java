package org.stemloop.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.stemloop.detect.LogParams;

/**
 * Finding a frame id among everything its instrument stored (schema version 7): one lookup in the unique
 * index on {@code (instrument, frame_id)}, whatever the run, however long ago; and inserting a frame row.
 */
final class FrameRows {

    private FrameRows() {
    }

    /** Where a frame id of the instrument is stored: its key, its run, whether it was skipped. */
    record Found(long framePk, String runId, boolean skipped) {
    }

    /** The instrument of run {@code runId}; fails when there is no such run. */
    static String instrumentOf(Connection c, String runId) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT instrument FROM runs WHERE run_id = ?")) {
            st.setString(1, runId);
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("No run " + runId);
                }
                return rs.getString(1);
            }
        }
    }

    /** The frame id {@code frameId} as the instrument of {@code runId} stored it, in any of its runs. */
    static Optional<Found> find(Connection c, String instrument, String frameId) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(
                "SELECT frame_pk, run_id, skipped FROM frames WHERE instrument = ? AND frame_id = ?")) {
            st.setString(1, instrument);
            st.setString(2, frameId);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? Optional.of(new Found(rs.getLong(1), rs.getString(2), rs.getBoolean(3)))
                        : Optional.empty();
            }
        }
    }

    /** A stored frame with its detections, to answer it again. */
    static StoredFrame load(Connection c, Found found) throws SQLException {
        List<StoredDetection> out = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement("SELECT d.method, d.model, p.source, p.min_sigma, p.max_sigma, "
                + "p.num_sigma, p.threshold, p.overlap, d.option_id, d.atoms_json, d.qc, d.er FROM detections d "
                + "LEFT JOIN parameter_sets p ON p.param_id = d.param_id WHERE d.frame_pk = ? ORDER BY d.detection_id")) {
            st.setLong(1, found.framePk());
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    String source = rs.getString(3);
                    LogParams params = source == null ? null : LogParams.of(rs.getDouble(4), rs.getDouble(5),
                            rs.getInt(6), nullableDouble(rs, 7), rs.getDouble(8));
                    int option = rs.getInt(9);
                    Integer optionId = rs.wasNull() ? null : option;
                    out.add(new StoredDetection(rs.getString(1), rs.getString(2), source, params, optionId,
                            rs.getString(10), nullableDouble(rs, 11), nullableDouble(rs, 12)));
                }
            }
        }
        return new StoredFrame(found.runId(), found.skipped(), out, false);
    }

    /** The MQTT client id that started run {@code runId}, or {@code null}. */
    static String clientOf(Connection c, String runId) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT client_id FROM runs WHERE run_id = ?")) {
            st.setString(1, runId);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private static double nullableDouble(ResultSet rs, int column) throws SQLException {
        double v = rs.getDouble(column);
        return rs.wasNull() ? Double.NaN : v;
    }

    /** Inserts a frame row of the instrument in the caller's transaction ({@code skipped}: without analysis); its key. */
    static long insert(Connection c, FrameMeta f, String instrument, boolean skipped)
            throws SQLException {
        try (PreparedStatement st = c.prepareStatement("INSERT INTO frames (run_id, frame_id, height, width, "
                + "pixel_size_angstrom, material, received_at, committed_at, raw_npy, skipped, instrument) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                Statement.RETURN_GENERATED_KEYS)) {
            st.setString(1, f.runId());
            st.setString(2, f.frameId());
            st.setInt(3, f.height());
            st.setInt(4, f.width());
            Columns.setDouble(st, 5, f.pixelSizeAngstrom());
            st.setString(6, f.material());
            st.setObject(7, Columns.utc(f.receivedAt()));
            st.setObject(8, Columns.utc(Instant.now()));
            byte[] raw = f.rawNpy();
            if (raw == null) {
                st.setNull(9, Types.VARBINARY);
            } else {
                st.setBytes(9, raw);
            }
            st.setBoolean(10, skipped);
            st.setString(11, instrument);
            st.executeUpdate();
            return Columns.generatedKey(st);
        }
    }
}
