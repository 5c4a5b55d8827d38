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
 * run beside it — and holds its events' own aggregates alone ({@code EventApplier.cards}): a card's own events, a
 * task's. They come from one partition, in order, so they never wait for each other there, and since the touches
 * hold no card (below) no other batch asks for that lock: it stays as a guard, should one aggregate's events ever come
 * from two partitions. A task's events other than its completion write only the task's rows.</li>
 * <li>A <b>touch</b> of a card (a completed task, a logged activity, a call: they travel under their own keys) holds no
 * card at all. It writes only {@code card_touch} while its batch applies; the card's last touch and the dismissed
 * base's first touch are folded in after the batch's last statement (CardTouches.fold, migration
 * V2026_12_23_10), so a card's touches and its own events apply side by side instead of taking turns.</li>
 * </ul>
 * </li>
 * </ul>
 * The order that still matters per card is a touch against a statement that reads the touches without waiting for them:
 * a card's creation (a lead's, a deal's opening, a win or a loss that may insert the deal) starts its last touch and
 * its dismissed-base row from {@code card_touch}, and a lead archived or restored recomputes that row from it; a touch
 * committed beside such an uncommitted statement is seen by neither side. No lock gives that order now; the tenant's
 * position row does. Every batch of a tenant writes that row as its last statement ({@code
 * ProjectionPositionRepository.advance}, after the batch's last flush) and holds it to its commit, so the commit phases
 * of one tenant's batches run one at a time, and the fold runs right after it, once a batch for all its tenants: a
 * touch's fold skips a card whose row another batch holds (or has inserted, unseen) and queues the card's touches, and
 * that batch, whose commit phase can only come after (it waits for the position row), folds them under its own row
 * lock. The fold never waits for a card's row under the position row: the card's holder writes the position row last,
 * so that wait would deadlock.
 * <p>
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
