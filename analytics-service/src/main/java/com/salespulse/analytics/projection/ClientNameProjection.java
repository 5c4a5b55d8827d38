package com.salespulse.analytics.projection;

import static com.salespulse.analytics.readmodel.Statements.run;

import com.salespulse.contract.lead.ClientUpdated;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * A client renamed in lead-service ({@code ClientUpdated}) shows its new name on every deal of the client the read
 * model holds ({@code deal_fact}, which the deal drill-downs and the open cards read). Setting the name the event says
 * is idempotent (a redelivery, or the same edit sent twice, ends the same). A lead keeps the name it came in with.
 * deal-service also renames its copy, so a deal's later events carry the new name too.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class ClientNameProjection {

    private final EntityManager em;

    public ClientNameProjection(EntityManager em) {
        this.em = em;
    }

    public void updated(Applying at, ClientUpdated e) {
        if (e.nameAfter() == null || e.nameAfter().equals(e.nameBefore())) {
            return; // an edit of the kind or contacts only: a deal keeps the name it has
        }
        run(
                em,
                "update deal_fact set client_name = ?4 where gen = ?1 and tenant_id = ?2 and client_id = ?3",
                at.gen(),
                at.tenant(),
                e.clientId(),
                e.nameAfter());
    }
}
