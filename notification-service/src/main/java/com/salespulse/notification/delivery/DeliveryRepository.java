package com.salespulse.notification.delivery;

import com.salespulse.notification.subscription.PendingDeliveries;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The delivery queue and log of the current tenant, plus the two cross-tenant reads the sender needs. */
@ApplicationScoped
public class DeliveryRepository implements PanacheRepositoryBase<Delivery, UUID>, PendingDeliveries {

    /** A receiver (subscription) with deliveries due, named across tenants. */
    public record DueReceiver(String tenant, UUID subscriptionId) {}

    /**
     * Receivers with deliveries whose time has come, of every tenant, the longest waiting first. Read without locks:
     * each delivery is then claimed in its own transaction by {@link #claim}, so two senders never send the same one.
     */
    public List<DueReceiver> dueReceiversOfAllTenants(Instant now, int limit) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = getEntityManager()
                .createNativeQuery("""
                select tenant_id, subscription_id from delivery
                where status = 'PENDING' and next_attempt_at <= ?1
                group by tenant_id, subscription_id
                order by min(next_attempt_at) limit ?2""")
                .setParameter(1, now)
                .setParameter(2, limit)
                .getResultList();
        return rows.stream()
                .map(row -> new DueReceiver((String) row[0], (UUID) row[1]))
                .toList();
    }

    /** The oldest due delivery of the subscription, if any. */
    public Optional<UUID> nextDueOf(UUID subscriptionId, Instant now) {
        return find(
                        "subscriptionId = ?1 and status = ?2 and nextAttemptAt <= ?3",
                        Sort.ascending("nextAttemptAt", "id"),
                        subscriptionId,
                        DeliveryStatus.PENDING,
                        now)
                .firstResultOptional()
                .map(delivery -> delivery.id);
    }

    /**
     * Locks the delivery for this transaction if it is still pending and due. Another sender holding it, or having
     * sent it meanwhile, makes this answer empty: SKIP LOCKED never waits.
     */
    public Optional<Delivery> claim(UUID id, Instant now) {
        List<?> locked = getEntityManager()
                .createNativeQuery("""
                select id from delivery
                where id = ?1 and status = 'PENDING' and next_attempt_at <= ?2
                for update skip locked""")
                .setParameter(1, id)
                .setParameter(2, now)
                .getResultList();
        return locked.isEmpty() ? Optional.empty() : findByIdOptional(id);
    }

    /**
     * Moves a pending delivery's lease end from {@code held} to {@code until}; a delivery whose attempt was recorded
     * meanwhile (its next attempt or status changed) is left alone. A record of the attempt committing at the same
     * time holds the row: this update waits for it, sees the changed row and updates nothing.
     *
     * @return whether the lease was renewed
     */
    public boolean renewLease(UUID id, Instant held, Instant until) {
        return getEntityManager()
                        .createNativeQuery("""
                update delivery set next_attempt_at = ?3
                where id = ?1 and status = 'PENDING' and next_attempt_at = ?2""")
                        .setParameter(1, id)
                        .setParameter(2, held)
                        .setParameter(3, until)
                        .executeUpdate()
                == 1;
    }

    public Optional<Delivery> find(UUID alertId, UUID subscriptionId, DeliveryKind kind) {
        return find("alertId = ?1 and subscriptionId = ?2 and kind = ?3", alertId, subscriptionId, kind)
                .firstResultOptional();
    }

    /** RAISED deliveries of this alert, whichever subscription. */
    public List<Delivery> raisedFor(UUID alertId) {
        return list("alertId = ?1 and kind = ?2", alertId, DeliveryKind.RAISED);
    }

    /** The latest RAISED delivery of this condition to this subscription that was (or will be) sent, if any. */
    public Optional<Delivery> lastSentOfCondition(UUID subscriptionId, String conditionKey, Instant since) {
        return find(
                        "subscriptionId = ?1 and conditionKey = ?2 and kind = ?3 and createdAt >= ?4 and status in ?5",
                        Sort.descending("createdAt"),
                        subscriptionId,
                        conditionKey,
                        DeliveryKind.RAISED,
                        since,
                        List.of(DeliveryStatus.PENDING, DeliveryStatus.DELIVERED, DeliveryStatus.DEAD))
                .firstResultOptional();
    }

    public boolean digestExists(UUID subscriptionId, LocalDate date) {
        return count("subscriptionId = ?1 and kind = ?2 and digestDate = ?3", subscriptionId, DeliveryKind.DIGEST, date)
                > 0;
    }

    public List<Delivery> ofAlert(UUID alertId) {
        return list("alertId", Sort.ascending("createdAt", "id"), alertId);
    }

    /** Newest first. */
    public List<Delivery> ofSubscription(UUID subscriptionId, int limit) {
        return find("subscriptionId", Sort.descending("createdAt", "id"), subscriptionId)
                .page(0, limit)
                .list();
    }

    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public int cancel(UUID subscriptionId, String note) {
        List<Delivery> pending = list("subscriptionId = ?1 and status = ?2", subscriptionId, DeliveryStatus.PENDING);
        for (Delivery delivery : pending) {
            delivery.status = DeliveryStatus.CANCELLED;
            delivery.note = note;
        }
        return pending.size();
    }
}
