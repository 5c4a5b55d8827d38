package com.salespulse.analytics.readmodel;

import com.salespulse.contract.EventMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

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
     * Moves each tenant's position forward by the events just applied: one statement per tenant. An event older than
     * the newest applied one keeps asOf where it is.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void advance(int gen, List<EventMetadata> applied) {
        Map<String, List<EventMetadata>> byTenant = applied.stream()
                .collect(Collectors.groupingBy(EventMetadata::tenant, LinkedHashMap::new, Collectors.toList()));
        byTenant.forEach((tenant, events) -> {
            // the last of the newest: of two events with the same time the later applied one is the position
            EventMetadata newest = events.stream()
                    .reduce((a, b) -> b.time().isBefore(a.time()) ? a : b)
                    .orElseThrow();
            em.createNativeQuery("""
                    insert into projection_position (gen, tenant_id, last_event_id, last_event_time, events_applied, updated_at)
                    values (?1, ?2, ?3, ?4, ?5, ?6)
                    on conflict (gen, tenant_id) do update set
                        last_event_id = case when excluded.last_event_time >= projection_position.last_event_time
                                             then excluded.last_event_id else projection_position.last_event_id end,
                        last_event_time = greatest(projection_position.last_event_time, excluded.last_event_time),
                        events_applied = projection_position.events_applied + excluded.events_applied,
                        updated_at = excluded.updated_at""")
                    .setParameter(1, gen)
                    .setParameter(2, tenant)
                    .setParameter(3, newest.id())
                    .setParameter(4, newest.time())
                    .setParameter(5, events.size())
                    .setParameter(6, clock.instant())
                    .executeUpdate();
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
