package org.stemloop.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.stemloop.poi.PointOfInterest;

/**
 * The loop with the microscope in the database (V8, V9): points of interest per frame, acquisition requests
 * (once per request id), spectra (once per spectrum id) with the site each confirms; the decisions taken on
 * the way go to the same {@code decisions} table as the operators' choices, in the same transaction.
 */
public final class LoopStore {

    private final Database db;

    public LoopStore(Database db) {
        this.db = Objects.requireNonNull(db, "db");
    }

    /**
     * An acquisition request: {@code pending} (waits for an operator), {@code sent}, or {@code expired} (waited longer
     * than {@code acquire-expiry-s} for its approval).
     */
    public record Acquisition(String requestId, String runId, String frameId, String state, double dwellMs,
                              String positionsJson, Instant createdAt) {
        public Acquisition {
            Columns.requireText("Request id", requestId, 64);
            Columns.requireText("Run id", runId, 64);
            Columns.requireText("Frame id", frameId, 256);
            Objects.requireNonNull(positionsJson, "positionsJson");
            Objects.requireNonNull(createdAt, "createdAt");
        }
    }

    /** A spectrum as stored, with the site it confirms and the atom it was linked to ({@code null}: none near). */
    public record Spectrum(String spectrumId, String requestId, String poiId, String runId, String frameId, double row,
                           double col, double dwellMs, double offsetEv, double stepEv, String countsJson,
                           String element, double siSnr, double cSnr, Integer atomIndex, Double atomDistancePx,
                           Instant receivedAt) {
        public Spectrum {
            Columns.requireText("Spectrum id", spectrumId, 128);
            Columns.requireText("Poi id", poiId, 32);
        }
    }

    /**
     * The points of interest of a frame, its acquisition request ({@code null}: none) and the decisions about it,
     * in one transaction; nothing when the frame's points are already stored (a redelivered frame).
     *
     * @return whether they were stored now
     */
    public boolean commitPoi(String runId, String frameId, List<PointOfInterest> points, Acquisition request,
                             List<DecisionRecord> decisions) {
        return db.inTransaction("store points of interest", c -> {
            try (PreparedStatement st = c.prepareStatement("SELECT (SELECT COUNT(*) FROM acquisitions WHERE run_id = ? "
                    + "AND frame_id = ?) + (SELECT COUNT(*) FROM poi WHERE run_id = ? AND frame_id = ?)")) {
                st.setString(1, runId);
                st.setString(2, frameId);
                st.setString(3, runId);
                st.setString(4, frameId);
                if (count(st) > 0) {
                    return false;
                }
            }
            try (PreparedStatement st = c.prepareStatement("INSERT INTO poi (run_id, frame_id, poi_id, kind, row_px, "
                    + "col_px, x_angstrom, y_angstrom, score, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (PointOfInterest p : points) {
                    st.setString(1, runId);
                    st.setString(2, frameId);
                    st.setString(3, p.id());
                    st.setString(4, p.kind().id());
                    st.setDouble(5, p.row());
                    st.setDouble(6, p.col());
                    setNullable(st, 7, p.xAngstrom());
                    setNullable(st, 8, p.yAngstrom());
                    st.setDouble(9, p.score());
                    st.setString(10, p.reason().length() > 256 ? p.reason().substring(0, 256) : p.reason());
                    st.addBatch();
                }
                st.executeBatch();
            }
            if (request != null) {
                insertAcquisition(c, request);
            }
            for (DecisionRecord d : decisions) {
                DecisionStore.insert(c, d);
            }
            return true;
        });
    }

    private static void insertAcquisition(Connection c, Acquisition a) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("INSERT INTO acquisitions (request_id, run_id, frame_id, state, "
                + "dwell_ms, positions_json, created_at, sent_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            st.setString(1, a.requestId());
            st.setString(2, a.runId());
            st.setString(3, a.frameId());
            st.setString(4, a.state());
            st.setDouble(5, a.dwellMs());
            st.setString(6, a.positionsJson());
            st.setObject(7, Columns.utc(a.createdAt()));
            st.setObject(8, "sent".equals(a.state()) ? Columns.utc(a.createdAt()) : null);
            st.executeUpdate();
        }
    }

    /**
     * Dwell time the run's requests sent to the microscope hold, ms. Pending requests hold none: in supervised mode
     * every frame makes one, most are never approved, and they would spend the run's budget on nothing; an
     * approval is checked against the budget instead.
     */
    public double dwellHeld(String runId) {
        return db.inTransaction("sum the dose", c -> {
            try (PreparedStatement st = c.prepareStatement("SELECT COALESCE(SUM(dwell_ms), 0) FROM acquisitions "
                    + "WHERE run_id = ? AND state = 'sent'")) {
                st.setString(1, runId);
                try (ResultSet rs = st.executeQuery()) {
                    rs.next();
                    return rs.getDouble(1);
                }
            }
        });
    }

    /** A request by id. */
    public Optional<Acquisition> acquisition(String requestId) {
        return db.inTransaction("find an acquisition", c -> {
            try (PreparedStatement st = c.prepareStatement(ACQUISITION_COLUMNS + "WHERE request_id = ?")) {
                st.setString(1, requestId);
                try (ResultSet rs = st.executeQuery()) {
                    return rs.next() ? Optional.of(acquisition(rs)) : Optional.empty();
                }
            }
        });
    }

    private static final String ACQUISITION_COLUMNS = "SELECT request_id, run_id, frame_id, state, dwell_ms, "
            + "positions_json, created_at FROM acquisitions ";

    /** The row at {@code rs} as read by {@link #ACQUISITION_COLUMNS}. */
    private static Acquisition acquisition(ResultSet rs) throws SQLException {
        return new Acquisition(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getDouble(5),
                rs.getString(6), rs.getObject(7, java.time.OffsetDateTime.class).toInstant());
    }

    /**
     * Whether request {@code a} was made by another member of a share group: the run it belongs to was started by
     * a client id other than {@code member} (the shared {@code acquisitions} table holds every member's requests).
     * False for an agent on its own ({@code member == null}) and for a run without a client id.
     */
    public boolean madeByAnotherMember(Acquisition a, String member) {
        if (member == null) {
            return false;
        }
        String client = db.inTransaction("find the agent of run " + a.runId(), c -> FrameRows.clientOf(c, a.runId()));
        return client != null && !client.equals(member);
    }

    /** Requests still pending that were made before {@code cutoff}, oldest first (any run: a resumed one's too). */
    public List<Acquisition> pendingBefore(Instant cutoff) {
        return db.inTransaction("find expired acquisitions", c -> {
            try (PreparedStatement st = c.prepareStatement(ACQUISITION_COLUMNS
                    + "WHERE state = 'pending' AND created_at < ? ORDER BY created_at")) {
                st.setObject(1, Columns.utc(cutoff));
                List<Acquisition> out = new java.util.ArrayList<>();
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        out.add(acquisition(rs));
                    }
                }
                return out;
            }
        });
    }

    /**
     * A pending request expired: marked {@code expired} with its decision, in one transaction; nothing when it is no
     * longer pending (approved meanwhile, or another agent of the share group expired it first).
     *
     * @return whether it was pending
     */
    public boolean expire(String requestId, DecisionRecord decision) {
        return db.inTransaction("expire an acquisition", c -> {
            try (PreparedStatement st = c.prepareStatement("UPDATE acquisitions SET state = 'expired' "
                    + "WHERE request_id = ? AND state = 'pending'")) {
                st.setString(1, requestId);
                if (st.executeUpdate() != 1) {
                    return false;
                }
            }
            DecisionStore.insert(c, decision);
            return true;
        });
    }

    /**
     * A pending request approved: its positions become the approved ones, it is marked sent, the decision
     * recorded; nothing when it is not pending (approved before: the approval is not applied twice).
     *
     * @return whether it was pending
     */
    public boolean approve(String requestId, double dwellMs, String positionsJson, DecisionRecord decision) {
        return db.inTransaction("approve an acquisition", c -> {
            try (PreparedStatement st = c.prepareStatement("UPDATE acquisitions SET state = 'sent', dwell_ms = ?, "
                    + "positions_json = ?, sent_at = ? WHERE request_id = ? AND state = 'pending'")) {
                st.setDouble(1, dwellMs);
                st.setString(2, positionsJson);
                st.setObject(3, Columns.utc(decision.decidedAt()));
                st.setString(4, requestId);
                if (st.executeUpdate() != 1) {
                    return false;
                }
            }
            DecisionStore.insert(c, decision);
            return true;
        });
    }

    /** Stores a spectrum unless one with its id is stored. @return whether it was stored now */
    public boolean addSpectrum(Spectrum s) {
        return db.inTransaction("store a spectrum", c -> {
            try (PreparedStatement st = c.prepareStatement("SELECT COUNT(*) FROM spectra WHERE spectrum_id = ?")) {
                st.setString(1, s.spectrumId());
                if (count(st) > 0) {
                    return false;
                }
            }
            try (PreparedStatement st = c.prepareStatement("INSERT INTO spectra (spectrum_id, request_id, poi_id, run_id, "
                    + "frame_id, row_px, col_px, dwell_ms, offset_ev, step_ev, counts_json, element, si_snr, c_snr, "
                    + "atom_index, atom_distance_px, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                st.setString(1, s.spectrumId());
                st.setString(2, s.requestId());
                st.setString(3, s.poiId());
                st.setString(4, s.runId());
                st.setString(5, s.frameId());
                st.setDouble(6, s.row());
                st.setDouble(7, s.col());
                st.setDouble(8, s.dwellMs());
                st.setDouble(9, s.offsetEv());
                st.setDouble(10, s.stepEv());
                st.setString(11, s.countsJson());
                st.setString(12, s.element());
                st.setDouble(13, s.siSnr());
                st.setDouble(14, s.cSnr());
                st.setObject(15, s.atomIndex());
                st.setObject(16, s.atomDistancePx());
                st.setObject(17, Columns.utc(s.receivedAt()));
                st.executeUpdate();
            }
            return true;
        });
    }

    /** Spectra stored for a run, and how many of them confirmed each element: e.g. {@code {Si=2, C=8}}. */
    public java.util.Map<String, Integer> sites(String runId) {
        return db.inTransaction("count sites", c -> {
            java.util.Map<String, Integer> out = new java.util.TreeMap<>();
            try (PreparedStatement st = c.prepareStatement("SELECT element, COUNT(*) FROM spectra WHERE run_id = ? "
                    + "GROUP BY element")) {
                st.setString(1, runId);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        out.put(rs.getString(1), rs.getInt(2));
                    }
                }
            }
            return out;
        });
    }

    /** Spectra stored for one request. */
    public int spectra(String requestId) {
        return db.inTransaction("count spectra", c -> {
            try (PreparedStatement st = c.prepareStatement("SELECT COUNT(*) FROM spectra WHERE request_id = ?")) {
                st.setString(1, requestId);
                return count(st);
            }
        });
    }

    private static int count(PreparedStatement st) throws SQLException {
        try (ResultSet rs = st.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static void setNullable(PreparedStatement st, int i, double v) throws SQLException {
        if (Double.isFinite(v)) {
            st.setDouble(i, v);
        } else {
            st.setNull(i, java.sql.Types.DOUBLE);
        }
    }
}
