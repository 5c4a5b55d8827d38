package com.salespulse.notification;

import io.quarkus.arc.Arc;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

/** Counts rows of the service's database, for "nothing was written" assertions and deterministic waits. */
final class Rows {

    private Rows() {}

    static long count(String sql, Object... parameters) {
        DataSource dataSource = Arc.container().instance(DataSource.class).get();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** A tenant's subscriptions and outbox events: what a refused subscription must leave unchanged. */
    static long[] subscriptionsAndOutbox(String tenant) {
        return new long[] {
            count("select count(*) from subscription where tenant_id = ?", tenant),
            count("select count(*) from outbox_event where tenant_id = ?", tenant)
        };
    }
}
