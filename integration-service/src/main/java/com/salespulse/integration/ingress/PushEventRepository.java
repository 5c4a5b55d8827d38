package com.salespulse.integration.ingress;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The idempotency record of pushed events (table {@code push_event}), by (tenant, source, id). Every method runs in
 * the caller's transaction: {@link #claim} takes the key's lock, which the transaction holds while the owner is called.
 */
@ApplicationScoped
public class PushEventRepository {

    /** An event the owner applied, as answered the first time. */
    public record Stored(String type, String contentSha256, int ownerStatus, String location, String ownerBody) {}

    private final EntityManager entityManager;

    public PushEventRepository(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /**
     * Inserts the event's row, unfinished (owner status 0), unless one exists; answers whether it did. Waits while
     * another transaction holds an unfinished row of the same key, and then sees that transaction's outcome: its
     * stored row (false), or, when it deleted the row, none (true: this one now holds the key).
     */
    public boolean claim(String tenant, PushEvent event, Instant now) {
        return entityManager
                        .createNativeQuery("""
                insert into push_event (tenant_id, source, event_id, type, content_sha256, owner_status, received_at)
                values (?1, ?2, ?3, ?4, ?5, 0, ?6) on conflict do nothing""")
                        .setParameter(1, tenant)
                        .setParameter(2, event.source())
                        .setParameter(3, event.id())
                        .setParameter(4, event.type().type())
                        .setParameter(5, event.contentSha256())
                        .setParameter(6, now)
                        .executeUpdate()
                == 1;
    }

    /** The stored event of the key, locked; empty when the transaction that held it stored nothing. */
    public Optional<Stored> findLocked(String tenant, String source, String id) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager
                .createNativeQuery("""
                select type, content_sha256, owner_status, location, owner_body from push_event
                where tenant_id = ?1 and source = ?2 and event_id = ?3 for update""")
                .setParameter(1, tenant)
                .setParameter(2, source)
                .setParameter(3, id)
                .getResultList();
        return rows.stream()
                .findFirst()
                .map(row -> new Stored(
                        (String) row[0], (String) row[1], ((Number) row[2]).intValue(), (String) row[3], (String)
                                row[4]));
    }

    /** Stores the owner's answer to the claimed event. */
    public void record(String tenant, PushEvent event, int ownerStatus, String location, String ownerBody) {
        entityManager
                .createNativeQuery("""
                update push_event set owner_status = ?4, location = ?5, owner_body = ?6
                where tenant_id = ?1 and source = ?2 and event_id = ?3""")
                .setParameter(1, tenant)
                .setParameter(2, event.source())
                .setParameter(3, event.id())
                .setParameter(4, ownerStatus)
                .setParameter(5, location)
                .setParameter(6, ownerBody)
                .executeUpdate();
    }

    /** Drops the claimed event's row: the owner did not apply it, so it may come again. */
    public void release(String tenant, PushEvent event) {
        entityManager
                .createNativeQuery("""
                delete from push_event where tenant_id = ?1 and source = ?2 and event_id = ?3""")
                .setParameter(1, tenant)
                .setParameter(2, event.source())
                .setParameter(3, event.id())
                .executeUpdate();
    }
}
