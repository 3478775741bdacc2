package org.stemloop.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * The agent's relational database: H2 in a file by default, any JDBC URL (PostgreSQL) otherwise.
 * Opening it applies the Flyway migrations packaged from the repository's {@code db/} folder, so
 * an empty database gets the current schema and an older one is upgraded.
 *
 * <p>One connection, used by one caller at a time ({@link #inTransaction} is synchronized): the
 * agent writes a few rows per frame, which H2 commits in well under a millisecond, so a pool would
 * only add moving parts. The connection also keeps an H2 file database open between transactions.
 *
 * <p>Blocking: call only from worker threads, never from a Vert.x event loop.
 */
public final class Database implements AutoCloseable {

    /** The default database: an H2 file under {@code ./stemloop-data/}, relative to the working folder. */
    public static final String DEFAULT_URL = "jdbc:h2:./stemloop-data/stemloop";

    private static final String MIGRATIONS = "classpath:db/migration";

    private final String url;
    private final Connection connection;
    /** Whether each commit is followed by an H2 {@code CHECKPOINT} (see {@link #open}). */
    private final boolean checkpointEachCommit;

    private Database(String url, Connection connection, boolean checkpointEachCommit) {
        this.url = url;
        this.connection = connection;
        this.checkpointEachCommit = checkpointEachCommit;
    }

    /**
     * Opens (and creates or migrates) the database at {@code jdbcUrl}; for PostgreSQL put the user
     * and password in the URL ({@code ?user=..&password=..}).
     *
     * @throws StoreException naming the URL when the database cannot be reached or migrated
     */
    public static Database open(String jdbcUrl) {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        if (!jdbcUrl.startsWith("jdbc:")) {
            throw new IllegalArgumentException("Database URL must start with jdbc: (e.g. jdbc:h2:./stemloop-data/stemloop): "
                    + JdbcUrls.masked(jdbcUrl));
        }
        if (jdbcUrl.startsWith("jdbc:h2:") && !jdbcUrl.toUpperCase(java.util.Locale.ROOT).contains("DB_CLOSE_ON_EXIT")) {
            // H2's own shutdown hook would close the file before the agent's hook records the end of the run
            jdbcUrl = jdbcUrl + ";DB_CLOSE_ON_EXIT=FALSE";
        }
        // H2 writes commits to the file up to 500 ms later by default: a killed agent (kill -9) would lose
        // frames it had already acknowledged to the broker. WRITE_DELAY=0 would write each commit at once, but it
        // also stops H2's background thread, the only one that rewrites half-empty chunks: every commit then
        // left a chunk behind for good (its metadata on the heap, ~0.5 KB a frame, and the file growing at three
        // times its data). So the background thread keeps H2's delay and each commit is followed by a
        // CHECKPOINT, which writes it to the file (to the OS: it survives the process, not a power cut without
        // the disk's own cache flushed) before inTransaction returns.
        boolean checkpoint = jdbcUrl.startsWith("jdbc:h2:") && !jdbcUrl.startsWith("jdbc:h2:mem:")
                && !jdbcUrl.toUpperCase(java.util.Locale.ROOT).contains("WRITE_DELAY");
        try {
            Flyway.configure().dataSource(jdbcUrl, null, null).locations(MIGRATIONS).load().migrate();
        } catch (FlywayException e) {
            throw new StoreException("Cannot migrate database %s: %s".formatted(JdbcUrls.masked(jdbcUrl),
                    e.getMessage()), e);
        }
        try {
            Connection connection = DriverManager.getConnection(jdbcUrl);
            connection.setAutoCommit(false);
            return new Database(jdbcUrl, connection, checkpoint);
        } catch (SQLException e) {
            throw new StoreException("Cannot open database %s: %s".formatted(JdbcUrls.masked(jdbcUrl),
                    e.getMessage()), e);
        }
    }

    /** The JDBC URL this database was opened with. */
    public String url() {
        return url;
    }

    /**
     * Runs {@code work} in one transaction: committed when it returns, rolled back when it throws.
     *
     * @throws StoreException wrapping any {@link SQLException}, with what failed
     */
    synchronized <T> T inTransaction(String what, SqlWork<T> work) {
        try {
            T result = work.apply(connection);
            connection.commit();
            if (checkpointEachCommit) {
                checkpoint();
            }
            return result;
        } catch (SQLException | RuntimeException e) {
            rollback(e);
            if (e instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new StoreException("Cannot %s in %s: %s".formatted(what, JdbcUrls.masked(url), e.getMessage()), e);
        }
    }

    /** Writes what H2 committed to the file now rather than after its write delay. */
    private void checkpoint() throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute("CHECKPOINT");
        }
    }

    /**
     * H2's file-store figures ({@code info.CHUNK_COUNT}, {@code info.FILE_SIZE}, ...) from
     * {@code INFORMATION_SCHEMA.SETTINGS}; empty for other databases. For tests and diagnostics.
     */
    synchronized java.util.Map<String, String> h2Info() {
        java.util.Map<String, String> out = new java.util.TreeMap<>();
        if (!url.startsWith("jdbc:h2:")) {
            return out;
        }
        try (Statement st = connection.createStatement();
             java.sql.ResultSet rs = st.executeQuery("SELECT SETTING_NAME, SETTING_VALUE FROM "
                     + "INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME LIKE 'info.%' OR SETTING_NAME = 'WRITE_DELAY'")) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getString(2));
            }
            connection.commit();
        } catch (SQLException e) {
            throw new StoreException("Cannot read the H2 settings of %s: %s".formatted(JdbcUrls.masked(url),
                    e.getMessage()), e);
        }
        return out;
    }

    private void rollback(Exception cause) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new StoreException("Cannot close database %s: %s".formatted(JdbcUrls.masked(url), e.getMessage()), e);
        }
    }

    /** A unit of JDBC work on the open connection. */
    @FunctionalInterface
    interface SqlWork<T> {
        T apply(Connection connection) throws SQLException;
    }
}
