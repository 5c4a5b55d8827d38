package com.salespulse.analytics.readmodel;

import com.salespulse.contract.EventMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.hibernate.Session;

/** How far the read model has got, per generation and tenant: the {@code asOf} of every answer. */
@ApplicationScoped
public class ProjectionPositionRepository {

    private final EntityManager em;
    private final Clock clock;

    public ProjectionPositionRepository(EntityManager em, Clock clock) {
        this.em = em;
        this.clock = clock;
    }

    /**
     * Moves each tenant's position forward by the events just applied, every tenant of the batch in one statement. An
     * event older than the newest applied one keeps asOf where it is.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void advance(int gen, List<EventMetadata> applied) {
        if (applied.isEmpty()) {
            return;
        }
        // the last of the newest: of two events with the same time the later applied one is the position
        Map<String, EventMetadata> newest = new TreeMap<>();
        Map<String, Integer> counts = new HashMap<>();
        for (EventMetadata event : applied) {
            newest.merge(event.tenant(), event, (a, b) -> b.time().isBefore(a.time()) ? a : b);
            counts.merge(event.tenant(), 1, Integer::sum);
        }
        int n = newest.size();
        String[] tenants = new String[n];
        UUID[] ids = new UUID[n];
        String[] times = new String[n];
        Integer[] events = new Integer[n];
        int i = 0;
        for (Map.Entry<String, EventMetadata> entry : newest.entrySet()) {
            tenants[i] = entry.getKey();
            ids[i] = entry.getValue().id();
            times[i] = entry.getValue().time().toString();
            events[i] = counts.get(entry.getKey());
            i++;
        }
        OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement upsert = connection.prepareStatement("""
                    insert into projection_position (gen, tenant_id, last_event_id, last_event_time, events_applied, updated_at)
                    select ?, t, id, cast(at as timestamptz), n, ?
                    from unnest(cast(? as text[]), cast(? as uuid[]), cast(? as text[]), cast(? as int[])) as u(t, id, at, n)
                    on conflict (gen, tenant_id) do update set
                        last_event_id = case when excluded.last_event_time >= projection_position.last_event_time
                                             then excluded.last_event_id else projection_position.last_event_id end,
                        last_event_time = greatest(projection_position.last_event_time, excluded.last_event_time),
                        events_applied = projection_position.events_applied + excluded.events_applied,
                        updated_at = excluded.updated_at""")) {
                upsert.setInt(1, gen);
                upsert.setObject(2, now);
                upsert.setArray(3, connection.createArrayOf("text", tenants));
                upsert.setArray(4, connection.createArrayOf("uuid", ids));
                upsert.setArray(5, connection.createArrayOf("text", times));
                upsert.setArray(6, connection.createArrayOf("int4", events));
                upsert.executeUpdate();
            }
        });
    }

    /** The time of the newest event applied for the tenant in that generation, empty before the first one. */
    public Optional<Instant> asOf(int gen, String tenant) {
        List<?> rows = em.createNativeQuery(
                        "select last_event_time from projection_position where gen = ?1 and tenant_id = ?2")
                .setParameter(1, gen)
                .setParameter(2, tenant)
                .getResultList();
        return rows.stream().findFirst().map(ProjectionPositionRepository::toInstant);
    }

    static Instant toInstant(Object value) {
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof OffsetDateTime odt) {
            return odt.toInstant();
        }
        return ((java.sql.Timestamp) value).toInstant();
    }
}
