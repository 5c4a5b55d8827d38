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
 * run beside it — and holds the cards its events name, each alone or shared ({@code EventApplier.cards}):
 * <ul>
 * <li>a card's <b>own</b> event (a lead's, a deal's, a task's) holds its card <b>alone</b>. The card's own events
 * come from one partition, in order, so they never wait for each other; the lock makes the card's touches from other
 * partitions wait. That order is needed where a statement reads what a touch writes without waiting for it: a card's
 * creation (a lead's, a deal's opening, a win or a loss that may insert the deal) starts its last touch and its
 * dismissed-base row from the touches kept in {@code card_touch}, and a lead archived or restored recomputes that
 * row from them; a touch applied beside an uncommitted creation would be seen by neither side. A card's other events
 * write its row while the batch applies and keep that row lock to the commit, and the batch also holds its other
 * cards' rows: a touch of one of them waiting for its row while its own batch holds a row the first batch's touches
 * want would deadlock, so they take turns on the lock instead, where nothing is held yet.</li>
 * <li>a <b>touch</b> of a card (a completed task, a logged activity: they travel under their own keys) holds the card
 * <b>shared</b>. Touches commute ({@code CardTouches}: the last touch only grows, a touch row is inserted once, the
 * first touch only moves earlier), so touch batches of one card from several partitions apply side by side; the
 * touch statement, the batch's last gathered one, takes the cards' rows in key order, so two of them never deadlock,
 * and the later waits only from there to the earlier's commit.</li>
 * <li>a task's other events (created, rescheduled, cancelled, reassigned) write only the task's rows and hold only
 * the task, not its card.</li>
 * </ul>
 * </li>
 * </ul>
 * Counters shared by many cards (the rollups' rows per tenant, stage, hour, source and manager) need no lock of their
 * own: the batch's statements note what they add, and the transaction adds it when it commits, each rollup's rows in
 * key order (migration V2026_12_19_20), so a batch holds those rows only from then to its commit, never in an order
 * opposite to another's, and another batch of the tenant does not wait for them while the first is still applying.
 * The tenant's position row, written last ({@code ProjectionPositionRepository}), is what batches of a tenant still
 * take turns on. Should two batches still lock two rows in opposite orders, PostgreSQL cancels one with a deadlock
 * (40P01) and the batch is applied again ({@code LiveApplier}, {@code BatchIngest}), never dead-lettered.
 * <p>
 * All of a batch's locks are taken in one go, right before its first write of the read model (its Java work —
 * projecting the events, building the statements' arrays — is done before, so no lock waits on it), in one order
 * every batch shares (tenants by key, then cards by key), so the locks themselves never deadlock. They are PostgreSQL
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
     * Holds each tenant alone ({@code true}) or shared ({@code false}), then each named card alone ({@code true}) or
     * shared ({@code false}).
     *
     * @param tenants the batch's tenants, whether each must be held alone
     * @param cards the cards the batch's gathered events name, per tenant, whether each must be held alone (empty for
     *     a tenant held alone)
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void hold(int gen, Map<String, Boolean> tenants, Map<String, ? extends Map<UUID, Boolean>> cards) {
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
        int count = cards.values().stream().mapToInt(Map::size).sum();
        if (count == 0) {
            return;
        }
        String[] cardTenants = new String[count];
        UUID[] cardIds = new UUID[count];
        Boolean[] alone = new Boolean[count];
        int i = 0;
        for (var tenant : cards.entrySet()) {
            for (var card : tenant.getValue().entrySet()) {
                cardTenants[i] = tenant.getKey();
                cardIds[i] = card.getKey();
                alone[i++] = card.getValue();
            }
        }
        // two keys: the generation and tenant, and the card (a collision only makes two batches take turns); a key
        // named alone and shared (two cards' collision) is held alone
        em.createNativeQuery("""
                select count(case when alone then pg_advisory_xact_lock(k1, k2)
                                  else pg_advisory_xact_lock_shared(k1, k2) end) from (
                    select hashtext('card:' || ?1 || ':' || t) as k1, hashtext(c::text) as k2, bool_or(a) as alone
                    from unnest(cast(?2 as text[]), cast(?3 as uuid[]), cast(?4 as boolean[])) v(t, c, a)
                    group by 1, 2 order by 1, 2) keys""")
                .setParameter(1, gen)
                .setParameter(2, cardTenants)
                .setParameter(3, cardIds)
                .setParameter(4, alone)
                .getSingleResult();
    }
}
