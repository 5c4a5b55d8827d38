package com.salespulse.testsupport.hostile;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * What the service's database holds, table by table, as a digest of every row: equal before and after a refused
 * request means nothing was written. The outbox counts by its newest sequence number only: its relay marks rows
 * as published and deletes old ones in the background, but a new event always takes a higher number.
 */
final class DatabaseFingerprint {

    private final String url;
    private final String user;
    private final String password;
    private final Set<String> ignoredTables;
    private Connection connection;
    private String digestQuery;

    private DatabaseFingerprint(String url, String user, String password, Set<String> ignoredTables) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.ignoredTables = ignoredTables;
    }

    /** The running test application's datasource, as {@code EmbeddedInfra} configured it. */
    static DatabaseFingerprint ofTheApplication(Set<String> ignoredTables) {
        Config config = ConfigProvider.getConfig();
        return new DatabaseFingerprint(
                config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getOptionalValue("quarkus.datasource.username", String.class)
                        .orElse("postgres"),
                config.getOptionalValue("quarkus.datasource.password", String.class)
                        .orElse(""),
                ignoredTables);
    }

    /** Table name to digest of its rows. */
    TreeMap<String, String> take() {
        try {
            Statement statement = connection().createStatement();
            try (statement) {
                TreeMap<String, String> digests = new TreeMap<>();
                if (!digestQuery().isEmpty()) {
                    try (ResultSet rows = statement.executeQuery(digestQuery())) {
                        while (rows.next()) {
                            digests.put(rows.getString(1), rows.getString(2));
                        }
                    }
                }
                return digests;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the service's database to see what a request wrote", e);
        }
    }

    /**
     * One connection for the whole run: a case takes two fingerprints, and a new PostgreSQL backend for each was
     * most of a case's time on a busy machine.
     */
    private Connection connection() throws SQLException {
        if (connection == null || !connection.isValid(5)) {
            connection = DriverManager.getConnection(url, user, password);
        }
        return connection;
    }

    /**
     * The query that digests every table, built once: Flyway made the schema before the first case, and the
     * tables do not change while the cases run. A table's digest is its row count and the sum of a 64-bit hash of
     * each row's text, which needs no sort of the rows, unlike an ordered aggregate.
     */
    private String digestQuery() throws SQLException {
        if (digestQuery != null) {
            return digestQuery;
        }
        List<String> tables = new ArrayList<>();
        try (Statement statement = connection().createStatement();
                ResultSet rows = statement.executeQuery("""
                        select table_name from information_schema.tables
                        where table_schema = current_schema() and table_type = 'BASE TABLE'
                          and table_name not like 'flyway%'
                          -- the relay's and the pruning's leases, renewed in the background every round
                          and table_name <> 'job_lease'
                        order by table_name""")) {
            while (rows.next()) {
                if (!ignoredTables.contains(rows.getString(1))) {
                    tables.add(rows.getString(1));
                }
            }
        }
        StringBuilder sql = new StringBuilder();
        for (String table : tables) {
            if (!sql.isEmpty()) {
                sql.append(" union all ");
            }
            if (table.equals("outbox_event")) {
                sql.append("select 'outbox_event', 'newest seq ' || coalesce(max(seq), 0) || ':' ")
                        .append("from outbox_event");
                continue;
            }
            sql.append("select '")
                    .append(table)
                    .append("', count(*) || ':' || ")
                    .append("coalesce(sum(hashtextextended(t::text, 0)), 0) from \"")
                    .append(table)
                    .append("\" t");
        }
        digestQuery = sql.toString();
        return digestQuery;
    }

    /** The tables whose digest differs, with their row counts before and after. */
    static List<String> changedTables(TreeMap<String, String> before, TreeMap<String, String> after) {
        List<String> changed = new ArrayList<>();
        for (String table : after.keySet()) {
            String was = before.get(table);
            String is = after.get(table);
            if (!is.equals(was)) {
                changed.add(table + " (rows " + (was == null ? "-" : was.substring(0, was.indexOf(':'))) + " -> "
                        + is.substring(0, is.indexOf(':')) + ")");
            }
        }
        return changed;
    }
}
