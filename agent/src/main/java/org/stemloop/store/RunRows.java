package org.stemloop.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/** The rows of {@code runs}: a run's start, the unfinished run of a client id, the run state's snapshot. */
final class RunRows {

    private RunRows() {
    }

    static void insert(Connection c, RunRecord run, String clientId) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(
                "INSERT INTO runs (run_id, instrument, mode, started_at, client_id) VALUES (?, ?, ?, ?, ?)")) {
            st.setString(1, run.runId());
            st.setString(2, run.instrument());
            st.setString(3, run.mode());
            st.setObject(4, Columns.utc(run.startedAt()));
            st.setString(5, clientId);
            st.executeUpdate();
        }
    }

    /** The newest run of {@code instrument} and {@code clientId} that has no end, if any. */
    static Optional<UnfinishedRun> unfinished(Connection c, String instrument, String clientId) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT run_id, mode, state_json FROM runs WHERE instrument = ? "
                + "AND client_id = ? AND ended_at IS NULL ORDER BY started_at DESC, run_id LIMIT 1")) {
            st.setString(1, instrument);
            st.setString(2, clientId);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? Optional.of(new UnfinishedRun(rs.getString(1), rs.getString(2), rs.getString(3)))
                        : Optional.empty();
            }
        }
    }

    /** Replaces the run's state snapshot; a {@code null} snapshot leaves it as it is. */
    static void saveState(Connection c, String runId, String stateJson) throws SQLException {
        if (stateJson == null) {
            return;
        }
        try (PreparedStatement st = c.prepareStatement("UPDATE runs SET state_json = ? WHERE run_id = ?")) {
            st.setString(1, stateJson);
            st.setString(2, runId);
            if (st.executeUpdate() != 1) {
                throw new SQLException("No run " + runId + " to save the state of");
            }
        }
    }
}
