package org.stemloop.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/** The inserts of one Pareto front: its row in {@code pareto_fronts}, then one row per option. */
final class ParetoRows {

    private ParetoRows() {
    }

    static void insert(Connection c, ParetoRecord f) throws SQLException {
        long frontId;
        try (PreparedStatement st = c.prepareStatement("INSERT INTO pareto_fronts (run_id, frame_id, trigger_why, lattice, "
                + "pixel_size_angstrom, recommended, search_ms, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                Statement.RETURN_GENERATED_KEYS)) {
            st.setString(1, f.runId());
            st.setString(2, f.frameId());
            st.setString(3, f.trigger());
            st.setString(4, f.lattice());
            st.setDouble(5, f.pixelSize());
            st.setInt(6, f.recommended());
            st.setLong(7, f.searchMs());
            st.setObject(8, Columns.utc(f.createdAt()));
            st.executeUpdate();
            try (var keys = st.getGeneratedKeys()) {
                if (!keys.next()) {
                    throw new SQLException("No generated key for the Pareto front of " + f.frameId());
                }
                frontId = keys.getLong(1);
            }
        }
        try (PreparedStatement st = c.prepareStatement("INSERT INTO pareto_options (front_id, option_id, min_sigma, "
                + "max_sigma, num_sigma, threshold, overlap, qc, er, n_atoms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (ParetoRecord.Option o : f.options()) {
                st.setLong(1, frontId);
                st.setInt(2, o.id());
                st.setDouble(3, o.params().minSigma());
                st.setDouble(4, o.params().maxSigma());
                st.setInt(5, o.params().numSigma());
                Columns.setDouble(st, 6, o.params().threshold());
                st.setDouble(7, o.params().overlap());
                st.setDouble(8, o.qc());
                st.setDouble(9, o.er());
                st.setInt(10, o.atoms());
                st.addBatch();
            }
            st.executeBatch();
        }
    }
}
