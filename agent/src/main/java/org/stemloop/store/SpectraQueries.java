package org.stemloop.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What the web UI reads of the loop with the microscope (issue 20, tables of V8 and V9): the spectra stored for
 * one acquisition request, with the site each confirmed. Kept apart from {@link LoopStore}, which owns the
 * agent's writes.
 *
 * <p>Blocking: call from a worker thread. Each call is one transaction.
 */
public final class SpectraQueries {

    /** Most spectra one request returns: a request holds at most a frame's budget of positions. */
    public static final int MAX_ROWS = 200;

    private final Database db;

    public SpectraQueries(Database db) {
        this.db = Objects.requireNonNull(db, "db");
    }

    /**
     * A stored spectrum and its site call.
     *
     * @param countsJson the counts as stored, a JSON array (channel {@code i} at {@code offsetEv + i * stepEv})
     * @param atomIndex  the detected atom it was linked to, or {@code null}
     */
    public record SpectrumRow(String requestId, String poiId, String frameId, double row, double col, double dwellMs,
                              double offsetEv, double stepEv, String countsJson, String element, double siSnr,
                              double cSnr, Integer atomIndex, Instant receivedAt) {
    }

    /** The spectra of {@code requestId}, in the order they arrived (at most {@link #MAX_ROWS}). */
    public List<SpectrumRow> spectra(String requestId) {
        return db.inTransaction("list spectra", c -> {
            List<SpectrumRow> out = new ArrayList<>();
            try (PreparedStatement st = c.prepareStatement("SELECT request_id, poi_id, frame_id, row_px, col_px, "
                    + "dwell_ms, offset_ev, step_ev, counts_json, element, si_snr, c_snr, atom_index, received_at "
                    + "FROM spectra WHERE request_id = ? ORDER BY received_at, spectrum_id LIMIT " + MAX_ROWS)) {
                st.setString(1, requestId);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        out.add(new SpectrumRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getDouble(4),
                                rs.getDouble(5), rs.getDouble(6), rs.getDouble(7), rs.getDouble(8), rs.getString(9),
                                rs.getString(10), rs.getDouble(11), rs.getDouble(12),
                                rs.getObject(13) == null ? null : rs.getInt(13), Columns.instant(rs.getObject(14))));
                    }
                }
            }
            return out;
        });
    }
}
