package com.salespulse.testsupport;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * The outbox relay's lease (reliable-messaging's {@code job_lease} row {@code outbox-relay}) set from a test, to play
 * another instance that relays now or this instance's predecessor that crashed holding it:
 *
 * <pre>{@code
 * @Inject AgroalDataSource dataSource;
 *
 * RelayLease.holdBy(dataSource, "another-host:8080"); // this instance relays nothing for an hour
 * RelayLease.holdBy(dataSource, relay.holder());      // left by this instance: it relays again
 * RelayLease.forget(dataSource);                      // from @AfterEach
 * }</pre>
 *
 * Each statement commits on its own (a connection of the pool in autocommit, outside any transaction of the test).
 */
public final class RelayLease {

    private static final String NAME = "outbox-relay";

    private RelayLease() {}

    /** The lease held by {@code holder} for an hour, whoever held it before. */
    public static void holdBy(DataSource dataSource, String holder) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement hold = connection.prepareStatement("""
                        insert into job_lease (name, holder, expires_at) values (?, ?, now() + interval '1 hour')
                        on conflict (name) do update set holder = excluded.holder, expires_at = excluded.expires_at""")) {
            hold.setString(1, NAME);
            hold.setString(2, holder);
            hold.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not set the relay lease", e);
        }
    }

    /** No lease at all, as on a fresh database: the next relay round takes it. */
    public static void forget(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection();
                Statement forget = connection.createStatement()) {
            forget.executeUpdate("delete from job_lease where name = '" + NAME + "'");
        } catch (SQLException e) {
            throw new IllegalStateException("Could not delete the relay lease", e);
        }
    }
}
