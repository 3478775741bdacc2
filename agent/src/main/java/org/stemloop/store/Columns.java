package org.stemloop.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

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
}
