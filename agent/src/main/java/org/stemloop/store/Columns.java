package org.stemloop.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** Checks and conversions between the record fields and the schema's column types. */
final class Columns {

    private Columns() {
    }

    /** {@code value} is non-blank and fits a {@code VARCHAR(maxLength)} column. */
    static void requireText(String what, String value, int maxLength) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be empty");
        }
        if (value.length() > maxLength) {
            throw new IllegalArgumentException("%s longer than %d characters: %s".formatted(what, maxLength, value));
        }
    }

    /** Like {@link #requireText} but {@code null} is allowed. */
    static void requireOptionalText(String what, String value, int maxLength) {
        if (value != null) {
            requireText(what, value, maxLength);
        }
    }

    static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    static Instant instant(Object timestampColumn) {
        if (timestampColumn instanceof OffsetDateTime odt) {
            return odt.toInstant();
        }
        if (timestampColumn instanceof Timestamp ts) {
            return ts.toInstant();
        }
        throw new IllegalStateException("Not a timestamp column value: " + timestampColumn);
    }

    /** Sets a nullable double: {@code NaN} is stored as SQL NULL. */
    static void setDouble(PreparedStatement st, int index, double value) throws SQLException {
        if (Double.isNaN(value)) {
            st.setNull(index, Types.DOUBLE);
        } else {
            st.setDouble(index, value);
        }
    }

    /** The key the database generated for the row {@code st} just inserted. */
    static long generatedKey(PreparedStatement st) throws SQLException {
        try (ResultSet keys = st.getGeneratedKeys()) {
            if (!keys.next()) {
                throw new SQLException("No generated key returned");
            }
            return keys.getLong(1);
        }
    }

    /** The first column of every row {@code sql} selects for {@code runId} (its one parameter). */
    static List<String> strings(Connection c, String sql, String runId) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(sql)) {
            st.setString(1, runId);
            try (ResultSet rs = st.executeQuery()) {
                List<String> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
                return List.copyOf(out);
            }
        }
    }
}
