package com.salespulse.messaging.outbox;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class OutboxEventRepository implements PanacheRepositoryBase<OutboxEvent, UUID> {

    /**
     * Takes the relay's lock for the current transaction, or answers false when another relay (another instance of
     * the service) holds it. One relay at a time keeps per-aggregate order; it is released at commit or rollback.
     */
    public boolean tryRelayLock() {
        Object locked = getEntityManager()
                .createNativeQuery("select pg_try_advisory_xact_lock(hashtext('salespulse-outbox-relay'))")
                .getSingleResult();
        return Boolean.TRUE.equals(locked);
    }

    /** The oldest unpublished events, in the order they were written. */
    public List<OutboxEvent> nextUnpublished(int limit) {
        return find("publishedAt is null order by seq").page(0, limit).list();
    }

    public void markPublished(List<UUID> ids, Instant at) {
        update("publishedAt = ?1 where id in ?2", at, ids);
    }

    public long countUnpublished() {
        return count("publishedAt is null");
    }

    public long deletePublishedBefore(Instant cutoff) {
        return delete("publishedAt < ?1", cutoff);
    }
}
