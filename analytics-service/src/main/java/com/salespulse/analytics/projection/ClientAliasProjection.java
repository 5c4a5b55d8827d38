package com.salespulse.analytics.projection;

import static com.salespulse.analytics.readmodel.Statements.run;

import com.salespulse.analytics.readmodel.ClientAliases;
import com.salespulse.analytics.readmodel.Columns;
import com.salespulse.contract.lead.ClientsMerged;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.UUID;

/**
 * Merged clients are one client for the deal metrics (repeat sales, time to repeat, touches per client): a
 * {@code ClientsMerged} is kept in {@code client_alias} (merged → surviving), the deals and touches already in the
 * read model move to the survivor, and a deal or touch that arrives later naming the merged client is written with the
 * survivor ({@link ClientAliases#survivorOf}); a merge into a client already merged away goes to that client's
 * survivor. Whichever of the lead and deal topics is read first, and in whatever order the merges of a chain are
 * applied (each merge has its surviving client's key), the read model ends the same.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class ClientAliasProjection {

    private final EntityManager em;

    public ClientAliasProjection(EntityManager em) {
        this.em = em;
    }

    public void merged(Applying at, ClientsMerged e) {
        UUID merged = e.mergedClientId();
        // the survivor may itself have been merged away already (merges of a chain applied out of order: B into C
        // before A into B): A then goes where B went
        UUID surviving = Columns.uuid(em.createNativeQuery("select " + ClientAliases.survivorOf("?3"))
                .setParameter(1, at.gen())
                .setParameter(2, at.tenant())
                .setParameter(3, e.survivingClientId())
                .getSingleResult());
        if (merged.equals(surviving)) {
            return;
        }
        // clients merged earlier into the one merged away now follow it to the survivor
        run(
                em,
                "update client_alias set surviving_client_id = ?4 where gen = ?1 and tenant_id = ?2 and surviving_client_id = ?3",
                at.gen(),
                at.tenant(),
                merged,
                surviving);
        run(em, """
                insert into client_alias (gen, tenant_id, merged_client_id, surviving_client_id, merged_at)
                values (?1, ?2, ?3, ?4, ?5)
                on conflict (gen, tenant_id, merged_client_id) do update set surviving_client_id = excluded.surviving_client_id""", at.gen(), at.tenant(), merged, surviving, e.mergedAt());
        run(
                em,
                "update deal_fact set client_id = ?4 where gen = ?1 and tenant_id = ?2 and client_id = ?3",
                at.gen(),
                at.tenant(),
                merged,
                surviving);
        run(
                em,
                "update deal_fact set referred_by_client_id = ?4 where gen = ?1 and tenant_id = ?2 and referred_by_client_id = ?3",
                at.gen(),
                at.tenant(),
                merged,
                surviving);
        run(
                em,
                "update activity_fact set client_id = ?4 where gen = ?1 and tenant_id = ?2 and client_id = ?3",
                at.gen(),
                at.tenant(),
                merged,
                surviving);
    }
}
