package org.stemloop.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The {@code decisions} table: who did what to a run, when, on which option and frame. Owns recording a
 * decision on its own (with the run state it left) and reading a run's decisions back; the frame commit
 * ({@link AgentStore}) and the loop ({@link LoopStore}) insert theirs inside their own transactions through
 * {@link #insert}.
 *
 * <p>Blocking: call from a worker thread, never from an event loop. Each call is one transaction.
 */
public final class DecisionStore {

    private final Database db;

    public DecisionStore(Database db) {
        this.db = Objects.requireNonNull(db, "db");
    }

    /** Records a decision. */
    public void record(DecisionRecord d) {
        record(d, null);
    }

    /** Records a decision and, in the same transaction, the run state it left ({@code null}: unchanged). */
    public void record(DecisionRecord d, String stateJson) {
        db.inTransaction("record decision " + d.action(), c -> {
            insert(c, d);
            RunRows.saveState(c, d.runId(), stateJson);
            return null;
        });
    }

    /** The decisions of a run, oldest first. */
    public List<DecisionRecord> list(String runId) {
        return db.inTransaction("list decisions", c -> {
            try (PreparedStatement st = c.prepareStatement("SELECT run_id, actor, action, option_id, frame_id, detail, "
                    + "decided_at FROM decisions WHERE run_id = ? ORDER BY decision_id")) {
                st.setString(1, runId);
                try (ResultSet rs = st.executeQuery()) {
                    List<DecisionRecord> out = new ArrayList<>();
                    while (rs.next()) {
                        out.add(new DecisionRecord(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                                rs.getString(5), rs.getString(6), Columns.instant(rs.getObject(7))));
                    }
                    return List.copyOf(out);
                }
            }
        });
    }

    /** The actions recorded for a run, oldest first. */
    public List<String> actions(String runId) {
        return db.inTransaction("list decisions", c -> Columns.strings(c,
                "SELECT action FROM decisions WHERE run_id = ? ORDER BY decision_id", runId));
    }

    /** Inserts a decision in the caller's transaction. */
    static void insert(Connection c, DecisionRecord d) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("INSERT INTO decisions (run_id, actor, action, option_id, "
                + "frame_id, detail, decided_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            st.setString(1, d.runId());
            st.setString(2, d.actor());
            st.setString(3, d.action());
            st.setString(4, d.optionId());
            st.setString(5, d.frameId());
            st.setString(6, d.detail());
            st.setObject(7, Columns.utc(d.decidedAt()));
            st.executeUpdate();
        }
    }
}
