package com.salespulse.systemtest.faults;

import com.salespulse.localstack.LocalStack;
import com.salespulse.localstack.PostgresServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Reads the services' own databases, as an auditor would: the truth each service holds. */
final class Databases {

    private final LocalStack stack;

    Databases(LocalStack stack) {
        this.stack = stack;
    }

    /** The rows of a query with positional parameters, each row as its columns' values. */
    List<List<Object>> rows(String database, String sql, Object... parameters) {
        try (Connection connection =
                        DriverManager.getConnection(stack.postgres().jdbcUrl(database), PostgresServer.USER, "");
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            List<List<Object>> rows = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                int columns = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    List<Object> row = new ArrayList<>();
                    for (int c = 1; c <= columns; c++) {
                        row.add(rs.getObject(c));
                    }
                    rows.add(row);
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(database + ": " + sql, e);
        }
    }

    /**
     * One service's database goes away alone: PostgreSQL refuses every new connection to it and terminates the open
     * ones, while the other databases of the server carry on. Run from {@code template1}.
     */
    void refuseConnections(String database) {
        execute("alter database \"" + database + "\" allow_connections false");
        execute("select pg_terminate_backend(pid) from pg_stat_activity where datname = '" + database + "'");
    }

    /** The database takes connections again. */
    void allowConnections(String database) {
        execute("alter database \"" + database + "\" allow_connections true");
    }

    private void execute(String sql) {
        try (Connection connection =
                        DriverManager.getConnection(stack.postgres().jdbcUrl("template1"), PostgresServer.USER, "");
                java.sql.Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    long count(String database, String sql, Object... parameters) {
        return ((Number) rows(database, sql, parameters).get(0).get(0)).longValue();
    }

    /** As {@link #count}, or -1 while the database does not answer (it is down or starting). */
    long countOrMinusOne(String database, String sql, Object... parameters) {
        try {
            return count(database, sql, parameters);
        } catch (IllegalStateException e) {
            return -1;
        }
    }
}
