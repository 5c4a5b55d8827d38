package com.salespulse.analytics.ingest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import com.salespulse.contract.EventMetadata;

/**
 * The read model's inbox, one per generation. It plays the part of reliable-messaging's {@code ConsumedEvents}
 * (written in the same transaction as the projection, so a repeated event changes nothing), but a replay must apply
 * every event again into a fresh generation, so "already applied" is asked per generation.
 */
@ApplicationScoped
public class AppliedEvents {

    private final EntityManager em;

    public AppliedEvents(EntityManager em) {
        this.em = em;
    }

    /** @return true the first time this event is applied to {@code gen}; false for a repeat */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean firstDelivery(int gen, EventMetadata metadata) {
        return em.createNativeQuery("insert into applied_event (gen, event_id) values (?1, ?2) on conflict do nothing")
                .setParameter(1, gen)
                .setParameter(2, metadata.id())
                .executeUpdate() == 1;
    }
}
