package org.stemloop.store;

import java.util.regex.Pattern;

/** JDBC URLs as far as secrets go: whether one holds a password, and a copy fit to print. */
public final class JdbcUrls {

    /** {@code password=...} in a PostgreSQL query string or an H2 {@code ;PASSWORD=...} setting. */
    private static final Pattern PASSWORD = Pattern.compile("(?i)([?&;]password=)[^&;]*");

    private JdbcUrls() {
    }

    /** Whether {@code jdbcUrl} carries a password ({@code password=} or H2's {@code ;PASSWORD=}). */
    public static boolean hasPassword(String jdbcUrl) {
        return PASSWORD.matcher(jdbcUrl).find();
    }

    /** {@code jdbcUrl} with any password replaced by {@code ***}, for logs and the console. */
    public static String masked(String jdbcUrl) {
        return PASSWORD.matcher(jdbcUrl).replaceAll("$1***");
    }
}
