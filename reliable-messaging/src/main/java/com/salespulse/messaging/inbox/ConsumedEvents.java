package com.salespulse.messaging.inbox;

import com.salespulse.contract.EventMetadata;
import com.salespulse.contract.EventType;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;

/**
 * The consumer's message log. A consumer calls {@link #firstDelivery} in the same transaction as the change it
 * makes to its read model; a redelivered event (the relay re-sent it, the consumer crashed before committing its
 * offset) answers false and is skipped, so it changes nothing.
 */
@ApplicationScoped
public class ConsumedEvents implements PanacheRepositoryBase<ConsumedEvent, java.util.UUID> {

    private final Clock clock;

    public ConsumedEvents(Clock clock) {
        this.clock = clock;
    }

    /**
     * Records the event as consumed.
     *
     * @return true the first time this event id is seen; false for a duplicate
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean firstDelivery(EventMetadata metadata, EventType type) {
        // ON CONFLICT: a second instance applying the same event concurrently waits for the first, then skips it
        int inserted = getEntityManager()
                .createNativeQuery("""
                insert into consumed_event (event_id, tenant_id, event_type, consumed_at)
                values (?1, ?2, ?3, ?4) on conflict (event_id) do nothing""")
                .setParameter(1, metadata.id())
                .setParameter(2, metadata.tenant())
                .setParameter(3, type.type())
                .setParameter(4, clock.instant())
                .executeUpdate();
        return inserted == 1;
    }
}
