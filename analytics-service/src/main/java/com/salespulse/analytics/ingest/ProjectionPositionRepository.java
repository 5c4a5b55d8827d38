package com.salespulse.analytics.ingest;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import com.salespulse.contract.EventMetadata;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
public class ProjectionPositionRepository implements PanacheRepositoryBase<ProjectionPosition, String> {

    private final Clock clock;

    public ProjectionPositionRepository(Clock clock) {
        this.clock = clock;
    }

    /** Moves the tenant's position forward; an event older than the newest applied one keeps asOf where it is. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void advance(EventMetadata event) {
        getEntityManager().createNativeQuery("""
                insert into projection_position (tenant_id, last_event_id, last_event_time, events_applied, updated_at)
                values (?1, ?2, ?3, 1, ?4)
                on conflict (tenant_id) do update set
                    last_event_id = case when excluded.last_event_time >= projection_position.last_event_time
                                         then excluded.last_event_id else projection_position.last_event_id end,
                    last_event_time = greatest(projection_position.last_event_time, excluded.last_event_time),
                    events_applied = projection_position.events_applied + 1,
                    updated_at = excluded.updated_at""")
                .setParameter(1, event.tenant())
                .setParameter(2, event.id())
                .setParameter(3, event.time())
                .setParameter(4, clock.instant())
                .executeUpdate();
    }

    /** The time of the newest event applied for the tenant, empty before the first one. */
    public Optional<Instant> asOf(String tenant) {
        return findByIdOptional(tenant).map(p -> p.lastEventTime);
    }
}
