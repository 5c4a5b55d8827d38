package com.salespulse.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * An injected outage of the service's database, for the in-service fault tests: while it lasts, PostgreSQL refuses
 * every new connection to the database and the open ones are terminated, as a database that went away would do to
 * the service. The statements run on another database of the same server ({@code template1}), which the outage
 * leaves alone. Closing it (e.g. from {@code @AfterEach}) lets connections in again, so a failed test does not leave
 * the next one without its database.
 *
 * <pre>{@code
 * @ConfigProperty(name = "quarkus.datasource.jdbc.url") String jdbcUrl;
 * @Inject AgroalDataSource pool;
 *
 * DatabaseOutage outage = new DatabaseOutage(jdbcUrl, () -> pool.flush(AgroalDataSource.FlushMode.IDLE));
 * outage.begin(); ... outage.end();
 * }</pre>
 */
public final class DatabaseOutage implements AutoCloseable {

    private final String jdbcUrl;
    private final Runnable dropIdleConnections;

    /**
     * @param jdbcUrl the service's datasource URL
     * @param dropIdleConnections drops the idle connections of the service's pool (Agroal's {@code flush(IDLE)}), so
     *     that the next use of the pool meets the outage instead of a connection terminated a moment ago
     */
    public DatabaseOutage(String jdbcUrl, Runnable dropIdleConnections) {
        this.jdbcUrl = jdbcUrl;
        this.dropIdleConnections = dropIdleConnections;
    }

    /** New connections are refused, and the open ones (the service's pool) are terminated. */
    public void begin() {
        admin("alter database \"" + databaseName() + "\" allow_connections false");
        admin("select pg_terminate_backend(pid) from pg_stat_activity where datname = '" + databaseName() + "'");
        dropIdleConnections.run();
    }

    /** The database takes connections again. */
    public void end() {
        admin("alter database \"" + databaseName() + "\" allow_connections true");
    }

    @Override
    public void close() {
        end();
    }

    /** The name of the service's database, from its URL. */
    public String databaseName() {
        String path = jdbcUrl.substring(jdbcUrl.lastIndexOf('/') + 1);
        int query = path.indexOf('?');
        return query < 0 ? path : path.substring(0, query);
    }

    private void admin(String sql) {
        String otherDatabase = jdbcUrl.substring(0, jdbcUrl.lastIndexOf('/') + 1) + "template1";
        try (Connection connection = DriverManager.getConnection(otherDatabase, "postgres", "");
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot " + sql, e);
        }
    }
}
