package com.salespulse.analytics.projection;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.Collection;

/**
 * Lets one batch at a time apply a tenant's events to a generation. The lead, roster and deal topics are read by
 * three consumers at once, and some projections combine what two topics say (a lead's shift comes from its
 * manager's schedule, a deal or touch names a client another topic merged away). Under read committed, two
 * transactions applying at the same time would each miss the other's uncommitted rows; holding the tenant until the
 * batch commits makes every batch see all that was applied before it. Different tenants, and a rebuild's generation
 * next to the live one, still apply in parallel.
 */
@ApplicationScoped
public class TenantLocks {

    private final EntityManager em;

    public TenantLocks(EntityManager em) {
        this.em = em;
    }

    /**
     * Takes a transaction-scoped PostgreSQL advisory lock per tenant (all instances see it), in the order of the
     * locks' keys, so two batches sharing tenants cannot deadlock; released when the caller's transaction ends.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void hold(int gen, Collection<String> tenants) {
        if (tenants.isEmpty()) {
            return;
        }
        em.createNativeQuery("""
                select count(pg_advisory_xact_lock(k)) from (
                    select distinct hashtext('apply:' || ?1 || ':' || t) as k from unnest(cast(?2 as text[])) t order by k) keys""")
                .setParameter(1, gen)
                .setParameter(2, tenants.toArray(String[]::new))
                .getSingleResult();
    }
}
