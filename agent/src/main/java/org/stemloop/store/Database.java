package org.stemloop.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
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

    private Database(String url, Connection connection) {
        this.url = url;
        this.connection = connection;
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
        if (jdbcUrl.startsWith("jdbc:h2:") && !jdbcUrl.startsWith("jdbc:h2:mem:")
                && !jdbcUrl.toUpperCase(java.util.Locale.ROOT).contains("WRITE_DELAY")) {
            // H2 writes commits to the file up to 500 ms later by default: a killed agent (kill -9) would lose
            // frames it had already acknowledged to the broker. 0 writes each commit before commit() returns
            // (to the OS: it survives the process, not a power cut without the disk's own cache flushed)
            jdbcUrl = jdbcUrl + ";WRITE_DELAY=0";
        }
        try {
            Flyway.configure().dataSource(jdbcUrl, null, null).locations(MIGRATIONS).load().migrate();
        } catch (FlywayException e) {
            throw new StoreException("Cannot migrate database %s: %s".formatted(JdbcUrls.masked(jdbcUrl),
                    e.getMessage()), e);
        }
        try {
            Connection connection = DriverManager.getConnection(jdbcUrl);
            connection.setAutoCommit(false);
            return new Database(jdbcUrl, connection);
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
            return result;
        } catch (SQLException | RuntimeException e) {
            rollback(e);
            if (e instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new StoreException("Cannot %s in %s: %s".formatted(what, JdbcUrls.masked(url), e.getMessage()), e);
        }
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
