package com.salespulse.analytics.projection;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;

/**
 * Decides which batches of a generation may apply side by side (the live consumer applies several partitions at once,
 * each batch in its own transaction on its own connection). Under read committed, two transactions applying at the
 * same time each miss the other's uncommitted rows, so a batch that reads what another partition writes must not
 * overlap it:
 * <ul>
 * <li>A batch with a barrier event of a tenant (a merge, a transfer, a hiring, a schedule: {@code EventApplier}'s
 * non-gathered events, which read and rewrite many cards; not a plan or an exchange rate, whose rows no other event
 * reads: {@code EventApplier.readByNoOtherEvent}) holds that tenant <b>alone</b>: it waits for the tenant's
 * batches in flight and they wait for it, so it sees all that was applied before it, and every batch after it sees
 * it.</li>
 * <li>A batch of gathered events only holds the tenant <b>shared</b> — batches of the same tenant from other partitions
 * run beside it — and holds each card its events name alone: a card's own events come from one partition, in order,
 * but its touches (tasks, activities) travel under other keys, and a card's row and its kept touches are read and
 * written by both ({@code CardTouches}), so two batches naming the same card still take turns.</li>
 * </ul>
 * Counters shared by many cards (the rollups' rows per tenant, stage, hour, source and manager) need no lock of their
 * own: the batch's statements note what they add, and the transaction adds it when it commits, each rollup's rows in
 * key order (migration V2026_12_19_20), so a batch holds those rows only from then to its commit, never in an order
 * opposite to another's, and another batch of the tenant does not wait for them while the first is still applying.
 * The tenant's position row, written last ({@code ProjectionPositionRepository}), is what batches of a tenant still
 * take turns on. Should two batches still lock two rows in opposite orders, PostgreSQL cancels one with a deadlock
 * (40P01) and the batch is applied again ({@code LiveApplier}, {@code BatchIngest}), never dead-lettered.
 * <p>
 * All of a batch's locks are taken in its first statements, before it changes a row, in one order every batch
 * shares (tenants by key, then cards by key), so the locks themselves never deadlock. They are PostgreSQL
 * transaction-scoped advisory locks (every instance sees them), released when the batch's transaction ends.
 * Different tenants, and a rebuild's generation next to the live one, never wait for each other.
 */
@ApplicationScoped
public class TenantLocks {

    private final EntityManager em;

    public TenantLocks(EntityManager em) {
        this.em = em;
    }

    /** Holds every tenant alone: the batch runs as if it were the only one (a rebuild's batch, one at a time). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void hold(int gen, Collection<String> tenants) {
        hold(gen, tenants.stream().distinct().collect(java.util.stream.Collectors.toMap(t -> t, t -> true)), Map.of());
    }

    /**
     * Holds each tenant alone ({@code true}) or shared ({@code false}), then each named card alone.
     *
     * @param tenants the batch's tenants, whether each must be held alone
     * @param cards the cards the batch's gathered events name, per tenant (empty for a tenant held alone)
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void hold(int gen, Map<String, Boolean> tenants, Map<String, ? extends Collection<UUID>> cards) {
        if (tenants.isEmpty()) {
            return;
        }
        em.createNativeQuery("""
                select count(case when alone then pg_advisory_xact_lock(k) else pg_advisory_xact_lock_shared(k) end)
                from (select hashtext('apply:' || ?1 || ':' || t) as k, bool_or(a) as alone
                      from unnest(cast(?2 as text[]), cast(?3 as boolean[])) v(t, a) group by 1 order by 1) keys""")
                .setParameter(1, gen)
                .setParameter(2, tenants.keySet().toArray(String[]::new))
                .setParameter(3, tenants.values().toArray(Boolean[]::new))
                .getSingleResult();
        int count = cards.values().stream().mapToInt(Collection::size).sum();
        if (count == 0) {
            return;
        }
        String[] cardTenants = new String[count];
        UUID[] cardIds = new UUID[count];
        int i = 0;
        for (var tenant : cards.entrySet()) {
            for (UUID card : tenant.getValue()) {
                cardTenants[i] = tenant.getKey();
                cardIds[i++] = card;
            }
        }
        // two keys: the generation and tenant, and the card (a collision only makes two batches take turns)
        em.createNativeQuery("""
                select count(pg_advisory_xact_lock(k1, k2)) from (
                    select distinct hashtext('card:' || ?1 || ':' || t) as k1, hashtext(c::text) as k2
                    from unnest(cast(?2 as text[]), cast(?3 as uuid[])) v(t, c) order by 1, 2) keys""")
                .setParameter(1, gen)
                .setParameter(2, cardTenants)
                .setParameter(3, cardIds)
                .getSingleResult();
    }
}
