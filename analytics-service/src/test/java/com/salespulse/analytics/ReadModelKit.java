package com.salespulse.analytics;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import com.salespulse.testsupport.TestTokens;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * What the read model's tests ask of it beside the metrics: how far a tenant is applied, a tenant's rebuild, a statement
 * or a number straight from its tables.
 */
final class ReadModelKit {

    private ReadModelKit() {}

    /** The events applied for the tenant in the live generation (its projection positions summed). */
    static long applied(DataSource dataSource, String tenant) throws SQLException {
        try (var connection = dataSource.getConnection();
                var query = connection.prepareStatement("""
                select coalesce(sum(events_applied), 0) from projection_position
                where tenant_id = ? and gen = (select live_gen from read_model_generation)""")) {
            query.setString(1, tenant);
            try (var rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    /** Waits (up to a minute) until the live generation has applied exactly {@code events} of the tenant's events. */
    static void awaitApplied(DataSource dataSource, String tenant, long events) {
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> applied(dataSource, tenant) == events);
    }

    /** Rebuilds the tenant's read model from its topics, as its head of sales asks it, and waits until it is done. */
    static void rebuildTenant(String tenant) {
        given().auth()
                .oauth2(TestTokens.head(tenant))
                .when()
                .post("/api/v1/read-model/tenant-rebuild")
                .then()
                .statusCode(202);
        await().atMost(Duration.ofSeconds(60))
                .until(() -> "DONE"
                        .equals(given().auth()
                                .oauth2(TestTokens.head(tenant))
                                .get("/api/v1/read-model/tenant-rebuild")
                                .then()
                                .statusCode(200)
                                .extract()
                                .path("state")));
    }

    /** Runs a statement on its own connection; its update count, or the number of rows a query answers. */
    static long execute(DataSource dataSource, String sql, Object... parameters) throws SQLException {
        try (var connection = dataSource.getConnection();
                var statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            if (statement.execute()) {
                long rows = 0;
                try (var result = statement.getResultSet()) {
                    while (result.next()) {
                        rows++;
                    }
                }
                return rows;
            }
            return statement.getUpdateCount();
        }
    }

    /** The one number a query answers (its first row's first column). */
    static long single(DataSource dataSource, String sql, Object... parameters) throws SQLException {
        try (var connection = dataSource.getConnection();
                var statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (var result = statement.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        }
    }

    /** The first column of each row a query over one tenant ({@code ?} its only parameter) answers, in its order. */
    static List<String> firstColumn(DataSource dataSource, String sql, String tenant) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (var connection = dataSource.getConnection();
                var query = connection.prepareStatement(sql)) {
            query.setString(1, tenant);
            try (var result = query.executeQuery()) {
                while (result.next()) {
                    rows.add(result.getString(1));
                }
            }
        }
        return rows;
    }

    /**
     * A read-model table's rows of the tenant in a generation, as JSON without the generation, tenant, event id (each
     * tenant's copy of an event has its own) and order of writing, sorted: two applies compare table by table.
     */
    static List<String> tableRows(DataSource dataSource, String table, int gen, String tenant) throws SQLException {
        try (var connection = dataSource.getConnection();
                var select = connection.prepareStatement(
                        "select (to_jsonb(t) - 'gen' - 'tenant_id' - 'event_id' - 'seq')::text r from "
                                + table
                                + " t where gen = ? and tenant_id = ? order by 1")) {
            select.setInt(1, gen);
            select.setString(2, tenant);
            List<String> rows = new ArrayList<>();
            try (var result = select.executeQuery()) {
                while (result.next()) {
                    rows.add(result.getString(1));
                }
            }
            return rows;
        }
    }
}
