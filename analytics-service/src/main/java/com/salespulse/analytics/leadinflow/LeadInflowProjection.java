package com.salespulse.analytics.leadinflow;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.hibernate.query.NativeQuery;

import com.salespulse.analytics.ingest.Applying;
import com.salespulse.contract.lead.LeadCreated;

/** Keeps {@code lead_fact} in step with the lead events. */
@ApplicationScoped
public class LeadInflowProjection {

    private final EntityManager em;

    public LeadInflowProjection(EntityManager em) {
        this.em = em;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void apply(Applying at, LeadCreated created) {
        // a second creation event for the same lead (a replay from another source) keeps the first
        em.createNativeQuery("""
                insert into lead_fact (gen, tenant_id, lead_id, source, manager_id, created_at)
                values (?6, ?1, ?2, ?3, ?4, ?5) on conflict do nothing""")
                .unwrap(NativeQuery.class)
                .setParameter(1, at.tenant())
                .setParameter(2, created.leadId())
                .setParameter(3, created.source())
                .setParameter(4, created.managerId(), UUID.class)
                .setParameter(5, created.createdAt())
                .setParameter(6, at.gen())
                .executeUpdate();
    }
}
