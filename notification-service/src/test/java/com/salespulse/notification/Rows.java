package com.salespulse.notification;

import io.quarkus.arc.Arc;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;
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

    /** Whether the event has been taken in (recorded as consumed, with everything it changed). */
    static boolean consumed(UUID eventId) {
        return count("select count(*) from consumed_event where event_id = ?", eventId) == 1;
    }

    /** The deliveries of a subscription still waiting to be sent. */
    static long pendingDeliveries(String subscriptionId) {
        return count(
                "select count(*) from delivery where subscription_id = ? and status = 'PENDING'",
                UUID.fromString(subscriptionId));
    }

    /** Whether the delivery is pending and its next attempt has come by {@code now}. */
    static boolean due(String deliveryId, Instant now) {
        return count(
                        "select count(*) from delivery where id = ? and status = 'PENDING' and next_attempt_at <= ?",
                        UUID.fromString(deliveryId),
                        java.sql.Timestamp.from(now))
                == 1;
    }

    /** A tenant's subscriptions and outbox events: what a refused subscription must leave unchanged. */
    static long[] subscriptionsAndOutbox(String tenant) {
        return new long[] {
            count("select count(*) from subscription where tenant_id = ?", tenant),
            count("select count(*) from outbox_event where tenant_id = ?", tenant)
        };
    }
}
