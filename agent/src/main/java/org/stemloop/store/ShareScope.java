package org.stemloop.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Objects;

/**
 * Where frame ids must be unique across agents: one MQTT 5 share group on one instrument. Every member
 * of the group claims a frame in table {@code frame_claims} (migration V5) inside the transaction that
 * stores it; the primary key lets exactly one claim of a frame id succeed, so a frame the broker hands
 * to a second member (a redelivery after a member died before acknowledging it) is stored once.
 *
 * @param group      the share group's name
 * @param instrument the instrument whose frames the group shares
 * @param agent      this member's name in the claims (its MQTT client id)
 */
public record ShareScope(String group, String instrument, String agent) {

    /** PostgreSQL's and H2's SQLSTATE for a unique or primary-key violation. */
    private static final String UNIQUE_VIOLATION = "23505";

    public ShareScope {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(instrument, "instrument");
        Objects.requireNonNull(agent, "agent");
    }

    /**
     * Claims {@code frameId} for {@code runId} on the transaction's connection.
     *
     * @return {@code true} when this claim is the frame's first; {@code false} when a member (this one
     *         included) claimed it before. On {@code false} the caller must roll the transaction back: on
     *         PostgreSQL a failed insert has aborted it.
     */
    boolean claim(Connection c, String runId, String frameId) throws SQLException {
        // the common redelivery case answers without a failed statement
        try (PreparedStatement st = c.prepareStatement(
                "SELECT 1 FROM frame_claims WHERE share_group = ? AND instrument = ? AND frame_id = ?")) {
            st.setString(1, group);
            st.setString(2, instrument);
            st.setString(3, frameId);
            try (ResultSet rs = st.executeQuery()) {
                if (rs.next()) {
                    return false;
                }
            }
        }
        // two members racing for one frame: PostgreSQL blocks the second insert until the first commits, then
        // refuses it on the primary key
        try (PreparedStatement st = c.prepareStatement("INSERT INTO frame_claims (share_group, instrument, frame_id, "
                + "run_id, agent, claimed_at) VALUES (?, ?, ?, ?, ?, ?)")) {
            st.setString(1, group);
            st.setString(2, instrument);
            st.setString(3, frameId);
            st.setString(4, runId);
            st.setString(5, agent);
            st.setObject(6, Columns.utc(Instant.now()));
            st.executeUpdate();
            return true;
        } catch (SQLException e) {
            if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                return false;
            }
            throw e;
        }
    }
}
