package org.stemloop.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The crystal mask of each stored frame (schema version 10, issue 15): the masked fraction, the grid of
 * crystal cells as the detections message carries it ({@code org.stemloop.reward.MaskGrid}) and how the
 * atoms were refined. Written by {@link AgentStore#commitFrame} in the frame's transaction, read here.
 */
public final class FrameMasks {

    private final Database db;

    public FrameMasks(Database db) {
        this.db = Objects.requireNonNull(db, "db");
    }

    /**
     * A frame's mask as stored.
     *
     * @param maskedFraction the part of the frame off the crystal, 0 to 1
     * @param cell           side of a grid cell, px
     * @param rows           the grid, one string per row from the top ({@code '1'} crystal, {@code '0'} masked)
     * @param refinement     {@code gauss}, {@code com}, {@code none}, or {@code null}
     */
    public record MaskRecord(double maskedFraction, int cell, List<String> rows, String refinement) {
        public MaskRecord {
            if (!(maskedFraction >= 0 && maskedFraction <= 1)) {
                throw new IllegalArgumentException("Masked fraction must be in [0, 1]: " + maskedFraction);
            }
            if (cell < 1 || rows.isEmpty()) {
                throw new IllegalArgumentException("A mask needs a cell of at least 1 px and a row: " + cell);
            }
            rows = List.copyOf(rows);
            for (String r : rows) {
                if (r.length() != rows.get(0).length() || !r.matches("[01]+")) {
                    throw new IllegalArgumentException("Mask rows must be equally long strings of 0 and 1: " + r);
                }
            }
            Columns.requireOptionalText("Refinement", refinement, 16);
        }
    }

    /** The mask of frame {@code frameId} of run {@code runId}, if it was stored with one. */
    public Optional<MaskRecord> find(String runId, String frameId) {
        return db.inTransaction("read the mask of frame " + frameId, c -> {
            try (PreparedStatement st = c.prepareStatement("SELECT m.masked_fraction, m.cell_px, m.grid, m.refinement "
                    + "FROM frame_masks m JOIN frames f ON f.frame_pk = m.frame_pk WHERE f.run_id = ? AND f.frame_id = ?")) {
                st.setString(1, runId);
                st.setString(2, frameId);
                try (ResultSet rs = st.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(new MaskRecord(rs.getDouble(1), rs.getInt(2), List.of(rs.getString(3).split("/")),
                            rs.getString(4)));
                }
            }
        });
    }

    /** Inserts the mask of the frame row {@code framePk}, inside the caller's transaction. */
    static void insert(Connection c, long framePk, MaskRecord m) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("INSERT INTO frame_masks (frame_pk, masked_fraction, cell_px, "
                + "grid_rows, grid_cols, grid, refinement) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            st.setLong(1, framePk);
            st.setDouble(2, m.maskedFraction());
            st.setInt(3, m.cell());
            st.setInt(4, m.rows().size());
            st.setInt(5, m.rows().get(0).length());
            st.setString(6, String.join("/", m.rows()));
            st.setString(7, m.refinement());
            st.executeUpdate();
        }
    }
}
