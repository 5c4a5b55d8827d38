package com.salespulse.integration.amocrm;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The deliveries amoCRM sent and the changes in them (tables {@code amocrm_delivery}, {@code amocrm_entry},
 * {@code amocrm_lead_contact}). Plain SQL: the worker's queries are about order and state, not about objects.
 */
@ApplicationScoped
public class AmoEntryRepository {

    /** The states of an entry; see the migration. */
    enum State {
        PENDING,
        APPLIED,
        PARKED,
        SUPERSEDED,
        FAILED,
        IGNORED
    }

    /** An entry as the worker reads it. */
    record Row(
            long id,
            UUID connectionId,
            String entity,
            String action,
            String amoId,
            String card,
            Instant occurredAt,
            String fields,
            int attempts) {}

    private final EntityManager em;

    public AmoEntryRepository(EntityManager em) {
        this.em = em;
    }

    long insertDelivery(UUID connectionId, Instant receivedAt, String body, int entries, int repeats) {
        return ((Number) em.createNativeQuery("""
                insert into amocrm_delivery (connection_id, received_at, body, entries, repeats)
                values (?1, ?2, ?3, ?4, ?5) returning id""")
                        .setParameter(1, connectionId)
                        .setParameter(2, Timestamp.from(receivedAt))
                        .setParameter(3, body)
                        .setParameter(4, entries)
                        .setParameter(5, repeats)
                        .getSingleResult())
                .longValue();
    }

    /** Stores an entry unless the same change (entity, id and fields) is stored already; true when stored. */
    boolean insertEntry(
            UUID connectionId,
            long deliveryId,
            AmoForm.Change change,
            Instant occurredAt,
            String fields,
            String fieldsHash,
            State state,
            String reason,
            Instant receivedAt) {
        return em.createNativeQuery("""
                insert into amocrm_entry (connection_id, delivery_id, entity, action, amo_id, card, occurred_at,
                    fields, fields_hash, state, reason, received_at)
                values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)
                on conflict (connection_id, entity, amo_id, fields_hash) do nothing""")
                        .setParameter(1, connectionId)
                        .setParameter(2, deliveryId)
                        .setParameter(3, change.entity())
                        .setParameter(4, change.action())
                        .setParameter(5, change.amoId())
                        .setParameter(6, change.card())
                        .setParameter(7, Timestamp.from(occurredAt))
                        .setParameter(8, fields)
                        .setParameter(9, fieldsHash)
                        .setParameter(10, state.name())
                        .setParameter(11, reason)
                        .setParameter(12, Timestamp.from(receivedAt))
                        .executeUpdate()
                == 1;
    }

    void updateDeliveryCounts(long deliveryId, int entries, int repeats) {
        em.createNativeQuery("update amocrm_delivery set entries = ?2, repeats = ?3 where id = ?1")
                .setParameter(1, deliveryId)
                .setParameter(2, entries)
                .setParameter(3, repeats)
                .executeUpdate();
    }

    /**
     * The next entry to apply: the oldest change (business time, then arrival) that is due and has no earlier
     * pending change of the same card, so a card's changes go out in amoCRM's order even while one waits for a retry.
     */
    Optional<Row> nextDue(Instant now) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows =
                em.createNativeQuery("""
                select e.id, e.connection_id, e.entity, e.action, e.amo_id, e.card, e.occurred_at, e.fields,
                    e.attempts
                from amocrm_entry e
                where e.state = 'PENDING' and (e.next_attempt_at is null or e.next_attempt_at <= ?1)
                  and not exists (select 1 from amocrm_entry p where p.connection_id = e.connection_id
                      and p.card = e.card and p.state = 'PENDING'
                      and (p.occurred_at < e.occurred_at or (p.occurred_at = e.occurred_at and p.id < e.id)))
                order by e.occurred_at, e.id limit 1""").setParameter(1, Timestamp.from(now)).getResultList();
        return rows.stream()
                .findFirst()
                .map(r -> new Row(
                        ((Number) r[0]).longValue(),
                        (UUID) r[1],
                        (String) r[2],
                        (String) r[3],
                        (String) r[4],
                        (String) r[5],
                        instant(r[6]),
                        (String) r[7],
                        ((Number) r[8]).intValue()));
    }

    /** The id of a parked change of the card older than this one, if any: this one must wait behind it. */
    Optional<Long> earlierParked(Row row) {
        @SuppressWarnings("unchecked")
        List<Number> ids = em.createNativeQuery("""
                select id from amocrm_entry where connection_id = ?1 and card = ?2 and state = 'PARKED'
                  and (occurred_at < ?3 or (occurred_at = ?3 and id < ?4)) order by occurred_at, id limit 1""")
                .setParameter(1, row.connectionId())
                .setParameter(2, row.card())
                .setParameter(3, Timestamp.from(row.occurredAt()))
                .setParameter(4, row.id())
                .getResultList();
        return ids.stream().findFirst().map(Number::longValue);
    }

    /** Whether a newer change of the card is applied already (this one would roll it back). */
    boolean newerApplied(Row row) {
        return ((Number) em.createNativeQuery("""
                select count(*) from amocrm_entry where connection_id = ?1 and card = ?2 and state = 'APPLIED'
                  and occurred_at > ?3""")
                                .setParameter(1, row.connectionId())
                                .setParameter(2, row.card())
                                .setParameter(3, Timestamp.from(row.occurredAt()))
                                .getSingleResult())
                        .longValue()
                > 0;
    }

    void finish(long id, State state, String reason, Integer ownerStatus, Instant at) {
        em.createNativeQuery("""
                update amocrm_entry set state = ?2, reason = ?3, owner_status = ?4, attempts = attempts + ?5,
                    next_attempt_at = null, applied_at = ?6 where id = ?1""")
                .setParameter(1, id)
                .setParameter(2, state.name())
                .setParameter(3, reason)
                .setParameter(4, ownerStatus)
                .setParameter(5, ownerStatus == null ? 0 : 1)
                .setParameter(6, state == State.APPLIED ? Timestamp.from(at) : null)
                .executeUpdate();
    }

    void retryAt(long id, Instant at, String reason, Integer ownerStatus) {
        em.createNativeQuery("""
                update amocrm_entry set attempts = attempts + 1, next_attempt_at = ?2, reason = ?3, owner_status = ?4
                where id = ?1""")
                .setParameter(1, id)
                .setParameter(2, Timestamp.from(at))
                .setParameter(3, reason)
                .setParameter(4, ownerStatus)
                .executeUpdate();
    }

    /** Puts the connection's parked entries back in line (a mapping changed); the worker re-parks what still lacks. */
    int unparkAll(UUID connectionId) {
        return em.createNativeQuery("""
                update amocrm_entry set state = 'PENDING', next_attempt_at = null
                where connection_id = ?1 and state = 'PARKED'""").setParameter(1, connectionId).executeUpdate();
    }

    /** Puts the parked entries of these cards back in line (their missing contact arrived). */
    int unparkCards(UUID connectionId, List<String> cards) {
        if (cards.isEmpty()) {
            return 0;
        }
        return em.createNativeQuery("""
                update amocrm_entry set state = 'PENDING', next_attempt_at = null
                where connection_id = ?1 and state = 'PARKED' and card = any(?2)""")
                .setParameter(1, connectionId)
                .setParameter(2, cards.toArray(String[]::new))
                .executeUpdate();
    }

    /** Links a lead to its contact; the first link stays. True when it is new. */
    boolean link(UUID connectionId, String leadId, String contactId, String contactName) {
        return em.createNativeQuery("""
                insert into amocrm_lead_contact (connection_id, lead_id, contact_id, contact_name)
                values (?1, ?2, ?3, ?4) on conflict do nothing""")
                        .setParameter(1, connectionId)
                        .setParameter(2, leadId)
                        .setParameter(3, contactId)
                        .setParameter(4, contactName)
                        .executeUpdate()
                == 1;
    }

    /** The contact (id, name) linked to a lead. */
    Optional<String[]> contactOf(UUID connectionId, String leadId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                select contact_id, contact_name from amocrm_lead_contact where connection_id = ?1 and lead_id = ?2""")
                .setParameter(1, connectionId)
                .setParameter(2, leadId)
                .getResultList();
        return rows.stream().findFirst().map(r -> new String[] {(String) r[0], (String) r[1]});
    }

    List<AmoCrmApi.Entry> page(UUID connectionId, State state, int page, int size) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                select id, entity, action, amo_id, occurred_at, state, reason, owner_status, received_at
                from amocrm_entry where connection_id = ?1 and state = ?2 order by occurred_at, id
                offset ?3 limit ?4""")
                .setParameter(1, connectionId)
                .setParameter(2, state.name())
                .setParameter(3, (long) page * size)
                .setParameter(4, size)
                .getResultList();
        return rows.stream()
                .map(r -> new AmoCrmApi.Entry(
                        ((Number) r[0]).longValue(),
                        (String) r[1],
                        (String) r[2],
                        (String) r[3],
                        instant(r[4]),
                        (String) r[5],
                        (String) r[6],
                        r[7] == null ? null : ((Number) r[7]).intValue(),
                        instant(r[8])))
                .toList();
    }

    Map<String, Long> countsByState(UUID connectionId) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (State state : State.values()) {
            counts.put(state.name(), 0L);
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows =
                em.createNativeQuery("""
                select state, count(*) from amocrm_entry where connection_id = ?1 group by state""").setParameter(1, connectionId).getResultList();
        rows.forEach(r -> counts.put((String) r[0], ((Number) r[1]).longValue()));
        return counts;
    }

    private static Instant instant(Object value) {
        if (value instanceof Timestamp timestamp) {
            return timestamp.toInstant();
        }
        if (value instanceof java.time.OffsetDateTime offset) {
            return offset.toInstant();
        }
        return (Instant) value;
    }
}
