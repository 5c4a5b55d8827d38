package com.salespulse.messaging.outbox;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class OutboxEventRepository implements PanacheRepositoryBase<OutboxEvent, UUID> {

    /**
     * The oldest events to send, in the order they were written: unpublished, not quarantined, and not behind an
     * event of the same aggregate the broker refused (quarantined or not yet): its later events wait, so the
     * aggregate's order holds.
     */
    public List<OutboxEvent> nextUnpublished(int limit) {
        return find("""
                from OutboxEvent e where e.publishedAt is null and e.quarantinedAt is null and not exists (
                    select 1 from OutboxEvent q where q.aggregateId = e.aggregateId and q.attempts > 0
                    and q.publishedAt is null and q.seq < e.seq)
                order by e.seq""").page(0, limit).list();
    }

    /** Whether any event waits to be sent (not published, not quarantined): one probe of the unpublished index. */
    public boolean anyToSend() {
        return !getEntityManager()
                .createQuery(
                        "select e.seq from OutboxEvent e where e.publishedAt is null and e.quarantinedAt is null",
                        Long.class)
                .setMaxResults(1)
                .getResultList()
                .isEmpty();
    }

    public void markPublished(List<UUID> ids, Instant at) {
        update("publishedAt = ?1 where id in ?2", at, ids);
    }

    /** The broker refused the event for good once more; at {@code maxAttempts} refusals it is quarantined. */
    public void recordRefusal(UUID id, String reason, int maxAttempts, Instant at) {
        update("attempts = attempts + 1, lastError = ?2 where id = ?1", id, reason);
        update("quarantinedAt = ?2 where id = ?1 and attempts >= ?3", id, at, maxAttempts);
    }

    /** Waiting to be sent (quarantined events and those behind them included). */
    public long countUnpublished() {
        return count("publishedAt is null");
    }

    public long countQuarantined() {
        return count("publishedAt is null and quarantinedAt is not null");
    }

    /** When the oldest event not yet published was written, or null. */
    public Instant oldestUnpublished() {
        return getEntityManager()
                .createQuery("select min(createdAt) from OutboxEvent where publishedAt is null", Instant.class)
                .getSingleResult();
    }
}
