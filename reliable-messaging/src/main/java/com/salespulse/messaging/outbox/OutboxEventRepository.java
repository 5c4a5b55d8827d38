package com.salespulse.messaging.outbox;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.hibernate.Session;

@ApplicationScoped
public class OutboxEventRepository implements PanacheRepositoryBase<OutboxEvent, UUID> {

    /**
     * The oldest events to send, in the order they were written: unpublished, not quarantined, and not behind an
     * event of the same aggregate the broker refused (quarantined or not yet): its later events wait, so the
     * aggregate's order holds. None unless {@code holder} holds the lease {@code lease} for at least {@code leaseLeft}
     * more (the database's clock): the relay renews its lease only now and then, and this is where it checks it every
     * round.
     *
     * <p>Plain JDBC on the transaction's connection, reading only what the relay sends (id, key, topic, payload, trace
     * context): the relay runs this on every round, and Hibernate would hydrate, register and snapshot a managed
     * {@link OutboxEvent} per row (all its columns, the payload copied for the dirty check) to have these six read
     * off it. SQL, not HQL, in any case: in a service with discriminator multitenancy every session has Hibernate's
     * tenant filter enabled (the relay's too), and Hibernate 7 translates an HQL query again on every call while a
     * filter is enabled.
     */
    public List<Unsent> nextUnpublished(int limit, String lease, String holder, Duration leaseLeft) {
        return session().doReturningWork(connection -> {
            try (PreparedStatement select = connection.prepareStatement("""
                    select e.id, e.aggregate_id, e.topic, e.payload, e.traceparent, e.tracestate
                    from outbox_event e
                    where exists (select 1 from job_lease l where l.name = ? and l.holder = ?
                        and l.expires_at > now() + ? * interval '1 millisecond')
                    and e.published_at is null and e.quarantined_at is null and not exists (
                        select 1 from outbox_event q where q.aggregate_id = e.aggregate_id and q.attempts > 0
                        and q.published_at is null and q.seq < e.seq)
                    order by e.seq limit ?""")) {
                select.setString(1, lease);
                select.setString(2, holder);
                select.setLong(3, leaseLeft.toMillis());
                select.setInt(4, limit);
                try (ResultSet rows = select.executeQuery()) {
                    List<Unsent> unsent = new ArrayList<>();
                    while (rows.next()) {
                        unsent.add(new Unsent(
                                rows.getObject(1, UUID.class),
                                rows.getObject(2, UUID.class),
                                rows.getString(3),
                                rows.getBytes(4),
                                rows.getString(5),
                                rows.getString(6)));
                    }
                    return unsent;
                }
            }
        });
    }

    /**
     * Writes one event to the outbox now, in the caller's transaction, with one plain JDBC insert on its connection.
     * Not through Hibernate: a persisted {@link OutboxEvent} was an insert action queued for the flush at commit (the
     * entity registered, snapshotted for the dirty check and bound column by column, its generated {@code seq} read
     * back, and each {@code Instant} bound through a new {@code GregorianCalendar}), about a tenth of a write's CPU
     * (docs/benchmarks.md, the write path). The row is the same; the transaction still decides whether it exists.
     */
    public void insert(OutboxEvent row) {
        session().doWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("""
                    insert into outbox_event (id, tenant_id, aggregate_type, aggregate_id, event_type, topic, payload,
                        created_at, attempts, traceparent, tracestate)
                    values (?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)""")) {
                insert.setObject(1, row.id);
                insert.setString(2, row.tenantId);
                insert.setString(3, row.aggregateType);
                insert.setObject(4, row.aggregateId);
                insert.setString(5, row.eventType);
                insert.setString(6, row.topic);
                insert.setBytes(7, row.payload);
                insert.setObject(8, OffsetDateTime.ofInstant(row.createdAt, ZoneOffset.UTC));
                insert.setString(9, row.traceparent);
                insert.setString(10, row.tracestate);
                insert.executeUpdate();
            }
        });
    }

    /** What the relay sends of an outbox row: read in the claiming transaction and used after it ended. */
    public record Unsent(
            UUID id, UUID aggregateId, String topic, byte[] payload, String traceparent, String tracestate) {}

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

    /** Marks the events published, in the caller's transaction: one statement whatever their number (plain JDBC). */
    public void markPublished(List<UUID> ids, Instant at) {
        session().doWork(connection -> {
            try (PreparedStatement update =
                    connection.prepareStatement("update outbox_event set published_at = ? where id = any(?)")) {
                update.setObject(1, OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
                update.setArray(2, connection.createArrayOf("uuid", ids.toArray()));
                update.executeUpdate();
            }
        });
    }

    private Session session() {
        return getEntityManager().unwrap(Session.class);
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
