package org.stemloop.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.stemloop.detect.LogParams;

/**
 * The {@code parameter_sets} rows of the LoG detections {@link AgentStore} commits: each distinct set is stored
 * once per run, its id remembered so later frames reuse it. Not thread-safe: used under the store's lock.
 */
final class ParameterSets {

    /** Parameter sets already in the database, per run. */
    private final Map<String, Map<Key, Long>> ids = new HashMap<>();

    /** The id of the parameter set of {@code d} in run {@code runId}, inserted in the caller's transaction if new. */
    long idOf(Connection c, String runId, DetectionRecord d) throws SQLException {
        Key key = new Key(d.paramSource(), d.params());
        Map<Key, Long> known = ids.computeIfAbsent(runId, r -> new HashMap<>());
        Long id = known.get(key);
        if (id != null) {
            return id;
        }
        LogParams p = d.params();
        try (PreparedStatement st = c.prepareStatement("INSERT INTO parameter_sets (run_id, source, min_sigma, "
                + "max_sigma, num_sigma, threshold, overlap, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                Statement.RETURN_GENERATED_KEYS)) {
            st.setString(1, runId);
            st.setString(2, d.paramSource());
            st.setDouble(3, p.minSigma());
            st.setDouble(4, p.maxSigma());
            st.setInt(5, p.numSigma());
            Columns.setDouble(st, 6, p.threshold());
            st.setDouble(7, p.overlap());
            st.setObject(8, Columns.utc(Instant.now()));
            st.executeUpdate();
            long newId = Columns.generatedKey(st);
            known.put(key, newId);
            return newId;
        }
    }

    /** Forgets the ids of run {@code runId}: a set inserted in a rolled-back transaction is gone. */
    void forget(String runId) {
        ids.remove(runId);
    }

    private record Key(String source, LogParams params) {
    }
}
