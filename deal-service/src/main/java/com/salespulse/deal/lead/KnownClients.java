package com.salespulse.deal.lead;

import com.salespulse.contract.lead.ClientCreated;
import com.salespulse.contract.lead.ClientUpdated;
import com.salespulse.contract.lead.ClientsMerged;
import com.salespulse.problem.ref.ExternalRef;
import com.salespulse.security.ActingScope;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.Optional;
import java.util.UUID;

/**
 * The tenant's client base as lead-service creates and merges it (ClientCreated, ClientsMerged), so a new client's
 * first deal can be opened directly, named by id or by the client's external reference, without converting a
 * lead. Written in the consumer's transaction behind the consumed-event log; every write is an upsert. Plain SQL
 * keyed by (client), the tenant always named.
 */
@ApplicationScoped
public class KnownClients {

    private final EntityManager em;
    private final ActingScope acting;

    public KnownClients(EntityManager em, ActingScope acting) {
        this.acting = acting;
        this.em = em;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void created(ClientCreated created) {
        em.createNativeQuery("""
                insert into known_client (tenant_id, client_id, name, external_system, external_id, created_at)
                values (?1, ?2, ?3, ?4, ?5, ?6)
                on conflict (tenant_id, client_id) do update set name = excluded.name,
                    external_system = excluded.external_system, external_id = excluded.external_id,
                    created_at = excluded.created_at""")
                .setParameter(1, acting.tenant())
                .setParameter(2, created.clientId())
                .setParameter(3, created.name())
                .setParameter(4, created.externalSystem())
                .setParameter(5, created.externalId())
                .setParameter(6, created.createdAt())
                .executeUpdate();
    }

    /**
     * A client edited in lead-service: its name here and on its deals (the copy each deal shows and carries in its
     * later events). Upserts, so a redelivery or an edit of a client not seen yet changes nothing more.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void updated(ClientUpdated updated) {
        em.createNativeQuery("""
                insert into known_client (tenant_id, client_id, name, external_system, external_id)
                values (?1, ?2, ?3, ?4, ?5)
                on conflict (tenant_id, client_id) do update set name = excluded.name""")
                .setParameter(1, acting.tenant())
                .setParameter(2, updated.clientId())
                .setParameter(3, updated.nameAfter())
                .setParameter(4, updated.externalSystem())
                .setParameter(5, updated.externalId())
                .executeUpdate();
        // an edit of the kind or contacts only leaves each deal the name it has
        if (updated.nameAfter() != null && !updated.nameAfter().equals(updated.nameBefore())) {
            em.createNativeQuery("update deal set client_name = ?3 where tenant_id = ?1 and client_id = ?2")
                    .setParameter(1, acting.tenant())
                    .setParameter(2, updated.clientId())
                    .setParameter(3, updated.nameAfter())
                    .executeUpdate();
        }
    }

    /** The merged client stays known, pointing at the survivor: its reference now names the survivor. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void merged(ClientsMerged merged) {
        em.createNativeQuery("""
                insert into known_client (tenant_id, client_id, merged_into) values (?1, ?2, ?3)
                on conflict (tenant_id, client_id) do update set merged_into = excluded.merged_into""")
                .setParameter(1, acting.tenant())
                .setParameter(2, merged.mergedClientId())
                .setParameter(3, merged.survivingClientId())
                .executeUpdate();
        em.createNativeQuery("""
                insert into known_client (tenant_id, client_id) values (?1, ?2) on conflict do nothing""")
                .setParameter(1, acting.tenant())
                .setParameter(2, merged.survivingClientId())
                .executeUpdate();
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public boolean knows(UUID clientId) {
        return clientId != null
                && !em.createNativeQuery("select 1 from known_client where tenant_id = ?1 and client_id = ?2")
                        .setParameter(1, acting.tenant())
                        .setParameter(2, clientId)
                        .getResultList()
                        .isEmpty();
    }

    /** The client a reference names (the survivor when it was merged), if lead-service told us about it. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<UUID> byRef(ExternalRef ref) {
        return em.createNativeQuery("""
                select coalesce(merged_into, client_id) from known_client
                where tenant_id = ?1 and external_system = ?2 and external_id = ?3""", UUID.class)
                .setParameter(1, acting.tenant())
                .setParameter(2, ref.externalSystem())
                .setParameter(3, ref.externalId())
                .getResultStream()
                .findFirst()
                .map(UUID.class::cast);
    }

    /** The client's name as lead-service created it, when known. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<String> name(UUID clientId) {
        for (Object name : em.createNativeQuery("select name from known_client where tenant_id = ?1 and client_id = ?2")
                .setParameter(1, acting.tenant())
                .setParameter(2, clientId)
                .getResultList()) {
            if (name instanceof String text && !text.isBlank()) {
                return Optional.of(text);
            }
        }
        return Optional.empty();
    }
}
