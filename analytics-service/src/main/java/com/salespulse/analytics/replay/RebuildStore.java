package com.salespulse.analytics.replay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.salespulse.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The rebuild's state in the database ({@code read_model_rebuild}), so every instance of the service sees the same
 * rebuild and at most one runs: the table's partial unique indexes admit one running row of every tenant and one
 * running row per tenant (a head's rebuild of their own tenant names it). Plain JDBC on autocommit
 * connections: each write is visible to every instance at once, and nothing here is held in memory.
 */
@ApplicationScoped
public class RebuildStore {

    private static final String UNIQUE_VIOLATION = "23505";
    private static final TypeReference<TreeMap<String, Long>> OFFSETS = new TypeReference<>() {};

    private final DataSource dataSource;
    private final ObjectMapper json = new ObjectMapper();

    public RebuildStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Records a new running rebuild. A running row whose heartbeat is older than {@code staleAfter} (its instance
     * stopped) is marked FAILED first, so it cannot block for ever.
     *
     * @param tenant the one tenant rebuilt, or null for every tenant
     * @throws ProblemException 409 while another rebuild of the same scope runs, on any instance
     */
    public RebuildProgress begin(
            UUID id,
            String tenant,
            String requestedBy,
            String instance,
            int appliers,
            int generation,
            int replacedGeneration,
            Duration staleAfter) {
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement stale = connection.prepareStatement("""
                    update read_model_rebuild
                       set state = 'FAILED', finished_at = now(),
                           error = 'Instance ' || instance || ' stopped writing its progress (last heartbeat '
                                   || heartbeat_at || '); taken over by a new rebuild'
                     where state in ('RUNNING', 'SWAPPING') and heartbeat_at < now() - ?::interval""")) {
                stale.setString(1, staleAfter.toMillis() + " milliseconds");
                stale.executeUpdate();
            }
            try (PreparedStatement insert = connection.prepareStatement("""
                    insert into read_model_rebuild (id, scope, tenant, state, generation, replaced_generation,
                                                    requested_by, instance, appliers, started_at, heartbeat_at)
                    values (?, ?, ?, 'RUNNING', ?, ?, ?, ?, ?, now(), now())""")) {
                insert.setObject(1, id);
                insert.setString(2, tenant == null ? RebuildProgress.ALL_TENANTS : RebuildProgress.TENANT);
                insert.setString(3, tenant);
                insert.setInt(4, generation);
                insert.setInt(5, replacedGeneration);
                insert.setString(6, requestedBy);
                insert.setString(7, instance);
                insert.setInt(8, appliers);
                insert.executeUpdate();
            } catch (SQLException e) {
                if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    RebuildProgress running = latest(tenant);
                    throw ProblemException.conflict("A rebuild is already running (started by " + running.requestedBy()
                            + " on " + running.instance() + ", "
                            + (running.percent() != null ? running.percent() + "%" : "reading the topics' offsets")
                            + ")");
                }
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not record the rebuild", e);
        }
        return latest(tenant);
    }

    /** Writes the running rebuild's counters and offsets, and its heartbeat. */
    public void progress(
            UUID id,
            RebuildProgress.State state,
            long read,
            long applied,
            long skipped,
            Long total,
            Map<String, Long> positions,
            Map<String, Long> endOffsets) {
        execute("""
                update read_model_rebuild
                   set state = ?, events_read = ?, events_applied = ?, events_skipped = ?, events_total = ?,
                       positions = ?::jsonb, end_offsets = ?::jsonb, heartbeat_at = now()
                 where id = ? and state in ('RUNNING', 'SWAPPING')""", state.name(), read, applied, skipped, total, toJson(positions), toJson(endOffsets), id);
    }

    /** Ends the rebuild as DONE or FAILED. */
    public void finish(UUID id, RebuildProgress.State state, String error) {
        execute(
                "update read_model_rebuild set state = ?, error = ?, finished_at = now(), heartbeat_at = now() where id = ?",
                state.name(),
                error,
                id);
    }

    /**
     * The current or last rebuild of every tenant ({@code tenant} null) or of one tenant, as every instance sees it;
     * IDLE when none has run. A tenant's rebuilds are never shown for another tenant or for every tenant.
     */
    public RebuildProgress latest(String tenant) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("""
                        select id, scope, requested_by, instance, appliers, state, generation, replaced_generation, events_read,
                               events_applied, events_skipped, events_total, started_at, finished_at, error,
                               heartbeat_at, positions::text, end_offsets::text
                          from read_model_rebuild
                         where tenant is not distinct from ?
                         order by started_at desc, heartbeat_at desc limit 1""");
                ResultSet row = query(select, tenant)) {
            if (!row.next()) {
                return RebuildProgress.idle();
            }
            long read = row.getLong("events_read");
            Long total = row.getObject("events_total") == null ? null : row.getLong("events_total");
            return new RebuildProgress(
                    row.getObject("id", UUID.class),
                    row.getString("scope"),
                    row.getString("requested_by"),
                    row.getString("instance"),
                    row.getObject("appliers") == null ? null : row.getInt("appliers"),
                    RebuildProgress.State.valueOf(row.getString("state")),
                    row.getInt("generation"),
                    row.getInt("replaced_generation"),
                    read,
                    row.getLong("events_applied"),
                    row.getLong("events_skipped"),
                    total,
                    RebuildProgress.percent(read, total),
                    instant(row.getTimestamp("started_at")),
                    instant(row.getTimestamp("finished_at")),
                    row.getString("error"),
                    instant(row.getTimestamp("heartbeat_at")),
                    fromJson(row.getString(17)),
                    fromJson(row.getString(18)));
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the rebuild's state", e);
        }
    }

    private static ResultSet query(PreparedStatement select, String tenant) throws SQLException {
        select.setString(1, tenant);
        return select.executeQuery();
    }

    private void execute(String sql, Object... parameters) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not write the rebuild's state", e);
        }
    }

    private String toJson(Map<String, Long> offsets) {
        try {
            return json.writeValueAsString(new TreeMap<>(offsets));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Map<String, Long> fromJson(String text) {
        try {
            return json.readValue(text, OFFSETS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
