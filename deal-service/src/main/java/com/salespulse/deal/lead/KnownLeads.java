package com.salespulse.deal.lead;

import com.salespulse.problem.ProblemException;
import com.salespulse.problem.ref.ExternalRef;
import com.salespulse.security.ActingScope;
import com.salespulse.security.CallerScope;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * The ids of the tenant's leads, learnt from lead-service's events (a lead created or converted), so a task or touch
 * on a LEAD card names a lead of the caller's tenant, and each lead's current owner (created, assigned), so a manager
 * may snooze their own lead. Written in the consumer's transaction behind the consumed-event
 * log; every write is an upsert. Plain SQL keyed by (lead), the tenant always named.
 */
@ApplicationScoped
public class KnownLeads {

    private final EntityManager em;
    private final ActingScope acting;

    public KnownLeads(EntityManager em, ActingScope acting) {
        this.acting = acting;
        this.em = em;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void seen(UUID leadId, UUID clientId) {
        seen(leadId, clientId, null);
    }

    /** A lead converted: its client. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void seen(UUID leadId, UUID clientId, Instant takenInAt) {
        seen(leadId, clientId, takenInAt, null);
    }

    /** A lead created: its client, the business time it came in, its external reference (each may be null). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void seen(UUID leadId, UUID clientId, Instant takenInAt, ExternalRef ref) {
        em.createNativeQuery("""
                insert into known_lead (tenant_id, lead_id, client_id, taken_in_at, external_system, external_id)
                values (?1, ?2, ?3, ?4, ?5, ?6)
                on conflict (tenant_id, lead_id) do update
                set client_id = coalesce(excluded.client_id, known_lead.client_id),
                    taken_in_at = coalesce(excluded.taken_in_at, known_lead.taken_in_at),
                    external_system = coalesce(excluded.external_system, known_lead.external_system),
                    external_id = coalesce(excluded.external_id, known_lead.external_id)""")
                .setParameter(1, acting.tenant())
                .setParameter(2, leadId)
                .setParameter(3, clientId)
                .setParameter(4, takenInAt)
                .setParameter(5, ref == null ? null : ref.externalSystem())
                .setParameter(6, ref == null ? null : ref.externalId())
                .executeUpdate();
    }

    /**
     * The lead's owner as of its version {@code version} (null: unassigned). Only a later version than the one kept
     * replaces it, so a repeated or late assignment changes nothing; a lead not known yet is recorded with it.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void owner(UUID leadId, UUID managerId, long version) {
        em.createNativeQuery("""
                insert into known_lead (tenant_id, lead_id, manager_id, owner_version) values (?1, ?2, ?3, ?4)
                on conflict (tenant_id, lead_id) do update
                set manager_id = excluded.manager_id, owner_version = excluded.owner_version
                where known_lead.owner_version is null or known_lead.owner_version < excluded.owner_version""")
                .setParameter(1, acting.tenant())
                .setParameter(2, leadId)
                .setParameter(3, managerId)
                .setParameter(4, version)
                .executeUpdate();
    }

    /** Whether the lead's current owner, as last learnt, is in the caller's scope (the whole tenant: always). */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean ownedWithin(UUID leadId, CallerScope scope) {
        if (scope.isWholeTenant()) {
            return true;
        }
        return !em.createNativeQuery(
                        "select 1 from known_lead where tenant_id = ?1 and lead_id = ?2 and manager_id = any(?3)")
                .setParameter(1, acting.tenant())
                .setParameter(2, leadId)
                .setParameter(3, scope.managerIds())
                .getResultList()
                .isEmpty();
    }

    /** The lead a reference names, if lead-service's LeadCreated carried it. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<UUID> byRef(ExternalRef ref) {
        return em.createNativeQuery("""
                select lead_id from known_lead where tenant_id = ?1 and external_system = ?2 and external_id = ?3""", UUID.class)
                .setParameter(1, acting.tenant())
                .setParameter(2, ref.externalSystem())
                .setParameter(3, ref.externalId())
                .getResultStream()
                .findFirst()
                .map(UUID.class::cast);
    }

    /** When the lead came in, when deal-service learnt it (its LeadCreated was consumed). */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<Instant> takenInAt(UUID leadId) {
        return em
                .createNativeQuery("select taken_in_at from known_lead where tenant_id = ?1 and lead_id = ?2")
                .setParameter(1, acting.tenant())
                .setParameter(2, leadId)
                .getResultList()
                .stream()
                .filter(java.util.Objects::nonNull)
                .map(KnownLeads::instant)
                .findFirst();
    }

    private static Instant instant(Object value) {
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof java.time.OffsetDateTime odt) {
            return odt.toInstant();
        }
        return ((java.sql.Timestamp) value).toInstant();
    }

    /**
     * A lead of the tenant; otherwise a 400 naming the field. A lead created a moment ago is known here once
     * lead-service's event is consumed, normally well under a second.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void require(UUID leadId, String field) {
        boolean known = leadId != null
                && !em.createNativeQuery("select 1 from known_lead where tenant_id = ?1 and lead_id = ?2")
                        .setParameter(1, acting.tenant())
                        .setParameter(2, leadId)
                        .getResultList()
                        .isEmpty();
        if (!known) {
            throw ProblemException.invalidField(
                    field, "names no lead of this tenant (a lead taken in a moment ago is known here within seconds)");
        }
    }
}
