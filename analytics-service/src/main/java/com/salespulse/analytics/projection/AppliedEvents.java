package com.salespulse.analytics.projection;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.hibernate.Session;

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

    /**
     * Records a batch of event ids as applied to {@code gen} in one statement.
     *
     * @return the ids recorded now, i.e. not applied to {@code gen} before; a repeat is left out
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Set<UUID> firstDeliveries(int gen, List<UUID> eventIds) {
        if (eventIds.isEmpty()) {
            return new HashSet<>();
        }
        return em.unwrap(Session.class).doReturningWork(connection -> {
            Array ids = connection.createArrayOf("uuid", eventIds.toArray());
            try (PreparedStatement insert = connection.prepareStatement("""
                    insert into applied_event (gen, event_id) select ?, id from unnest(?) as id
                    on conflict do nothing returning event_id""")) {
                insert.setInt(1, gen);
                insert.setArray(2, ids);
                Set<UUID> recorded = new HashSet<>();
                try (ResultSet rows = insert.executeQuery()) {
                    while (rows.next()) {
                        recorded.add(rows.getObject(1, UUID.class));
                    }
                }
                return recorded;
            } finally {
                ids.free();
            }
        });
    }
}
