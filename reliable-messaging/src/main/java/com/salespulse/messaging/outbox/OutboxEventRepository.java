package com.salespulse.messaging.outbox;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.hibernate.jpa.HibernateHints;

@ApplicationScoped
public class OutboxEventRepository implements PanacheRepositoryBase<OutboxEvent, UUID> {

    /**
     * The oldest events to send, in the order they were written: unpublished, not quarantined, and not behind an
     * event of the same aggregate the broker refused (quarantined or not yet): its later events wait, so the
     * aggregate's order holds.
     *
     * <p>SQL, not HQL, like {@link #markPublished}: in a service with discriminator multitenancy every session has
     * Hibernate's tenant filter enabled (the relay's too, for the tenant no caller has), and Hibernate 7 translates an
     * HQL query again on every call while a filter is enabled (an update's translation is never cached at all); the
     * relay runs these two statements on every round.
     */
    /**
     * <p>None unless {@code holder} holds the lease {@code lease} for at least {@code leaseLeft} more (the database's
     * clock): the relay renews its lease only now and then, and this is where it checks it every round.
     */
    @SuppressWarnings("unchecked")
    public List<OutboxEvent> nextUnpublished(int limit, String lease, String holder, Duration leaseLeft) {
        return getEntityManager()
                .createNativeQuery("""
                        select e.* from outbox_event e
                        where exists (select 1 from job_lease l where l.name = ?2 and l.holder = ?3
                            and l.expires_at > now() + ?4 * interval '1 millisecond')
                        and e.published_at is null and e.quarantined_at is null and not exists (
                            select 1 from outbox_event q where q.aggregate_id = e.aggregate_id and q.attempts > 0
                            and q.published_at is null and q.seq < e.seq)
                        order by e.seq limit ?1""", OutboxEvent.class)
                // only read here: the claiming transaction's commit keeps no snapshot of the payloads to compare
                .setHint(HibernateHints.HINT_READ_ONLY, true)
                .setParameter(1, limit)
                .setParameter(2, lease)
                .setParameter(3, holder)
                .setParameter(4, leaseLeft.toMillis())
                .getResultList();
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
        getEntityManager()
                .createNativeQuery("update outbox_event set published_at = ?1 where id in (?2)")
                .setParameter(1, at)
                .setParameter(2, ids)
                .executeUpdate();
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
